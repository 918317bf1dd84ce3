"""The reports' pages, CSV and PDF: who sees what, suppressed everywhere, bad input refused."""

from __future__ import annotations

import re

import pytest

from academy.admin.report_csv import report_csv
from academy.admin.report_tables import Cell, Report, Row
from academy.config import from_environment
from academy.courses.models import CourseOwner
from academy.extensions import db
from academy.learning.models import CohortTrainer
from tests.admin.report_world import build
from tests.certificates.test_pdf import pdf_fonts, pdf_info, pdf_text
from tests.factories import make_user, sign_in

YEAR = "course=sample-course&start=2026-01-01&end=2026-12-31"
BOM = "\ufeff"


@pytest.fixture
def world(app, sample_course):
    return build(sample_course)


def admin(client, locale="en"):
    make_user("reports-admin@example.org", role="admin", locale=locale)
    sign_in(client, "reports-admin@example.org")


def table(html: str, name: str) -> list[list[str]]:
    """The rows of a report's table as the cells' text."""
    body = re.search(rf'<table id="table-{name}">(.*?)</table>', html, re.S).group(1)
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    return [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in rows
    ]


def test_an_admin_reads_enrolments_by_sex_with_small_groups_hidden(client, world):
    admin(client)
    response = client.get(f"/admin/reports/?{YEAR}&by=sex")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert table(html, "enrolments") == [
        ["Sex", "Enrolments"],
        ["Man", "5"],
        ["I prefer not to say", "fewer than 5"],
        ["Woman", "6"],
        ["Not given", "fewer than 5"],
        ["Total", "15"],
    ]
    assert table(html, "completions")[1:] == [
        ["Man", "5", "5", "100%"],
        ["I prefer not to say", "fewer than 5", "fewer than 5", "fewer than 5"],
        ["Woman", "6", "fewer than 5", "fewer than 5"],
        ["Not given", "fewer than 5", "fewer than 5", "fewer than 5"],
        ["Total", "15", "11", "73%"],
    ]
    # Deleted accounts are counted ("Not given") and nobody is named.
    assert "Learner " not in html


def test_a_lone_hidden_cell_hides_a_second_one(client, world):
    admin(client)
    html = client.get(f"/admin/reports/?{YEAR}&by=language").get_data(as_text=True)
    # French: 4 enrolments and 4 completions; English's are hidden too, as the totals show.
    assert table(html, "completions")[1:] == [
        ["English", "fewer than 5", "fewer than 5", "fewer than 5"],
        ["French", "fewer than 5", "fewer than 5", "fewer than 5"],
        ["Total", "15", "11", "73%"],
    ]


def test_the_chart_shows_what_the_table_shows(client, world):
    admin(client)
    html = client.get(f"/admin/reports/?{YEAR}&by=sex").get_data(as_text=True)
    chart = re.search(
        r'<svg[^>]*aria-labelledby="chart-enrolments-title chart-enrolments-desc".*?</svg>',
        html,
        re.S,
    ).group(0)
    assert '<title id="chart-enrolments-title">Enrolments: Enrolments</title>' in chart
    assert re.findall(r'class="chart__value">([^<]*)<', chart) == [
        "5",
        "fewer than 5",
        "6",
        "fewer than 5",
    ]
    assert "style" not in chart


def test_in_arabic_the_chart_is_mirrored(client, world):
    admin(client, locale="ar")
    html = client.get(f"/admin/reports/?{YEAR}&by=sex").get_data(as_text=True)
    chart = re.search(r"<svg[^>]*chart-enrolments-title.*?</svg>", html, re.S).group(0)
    # Labels start right of the bars; bars end at the label column and grow leftwards.
    assert re.findall(r'<text x="([\d.]+)"[^>]*class="chart__label"', chart)[0] == "318.0"
    assert re.findall(r'<rect x="([\d.]+)" y="8" width="([\d.]+)"', chart) == [("126.7", "183.3")]


def test_the_csv_says_fewer_than_5_and_starts_with_a_bom(client, world):
    admin(client)
    response = client.get(f"/admin/reports/enrolments.csv?{YEAR}&by=sex")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == 'attachment; filename="report-enrolments.csv"'
    assert response.get_data(as_text=True) == (
        BOM + "Sex,Enrolments\r\nMan,5\r\nI prefer not to say,fewer than 5\r\nWoman,6\r\n"
        "Not given,fewer than 5\r\nTotal,15\r\n"
    )


def test_the_questions_csv(client, world):
    admin(client)
    text = client.get(f"/admin/reports/questions.csv?{YEAR}").get_data(as_text=True)
    assert text == (
        BOM + "Quiz,Question,Answers,Share correct\r\n"
        "sample-course · check,q1,6,0.3333\r\nsample-course · check,q2,6,1\r\n"
    )


def test_an_unknown_report_is_404(client, world):
    admin(client)
    assert client.get("/admin/reports/people.csv").status_code == 404


def test_csv_cells_cannot_be_formulas():
    report = Report("x", "X", "", "=group", ["@count"], [Row("=HYPERLINK(1)", [Cell(7, "count")])])
    assert report_csv(report) == BOM + "'=group,'@count\r\n'=HYPERLINK(1),7\r\n"


def test_the_pdf_is_one_page(client, world):
    admin(client)
    response = client.get(f"/admin/reports.pdf?{YEAR}&by=region")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF-")
    assert re.search(r"^Pages:\s+1$", pdf_info(response.data), re.M)
    assert "fewer than 5" in pdf_text(response.data)


def test_the_pdf_in_arabic_embeds_the_arabic_font(client, world):
    admin(client, locale="ar")
    pdf = client.get(f"/admin/reports.pdf?{YEAR}&by=sex").data
    assert re.search(r"^Pages:\s+1$", pdf_info(pdf), re.M)
    fonts = pdf_fonts(pdf)
    assert "Noto-Sans-Arabic" in fonts
    assert "DejaVu" not in fonts


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("start=2026-13-01", "Enter the start date as a date, like 2026-01-31."),
        ("start=2026-05-01&end=2026-04-01", "The end date must be on or after the start date."),
        ("by=age", "Choose a breakdown from the list."),
        ("course=no-such-course", "Choose a course from the list."),
        ("cohort=x", "Choose a cohort from the list."),
        ("language=zz", "Choose a language from the list."),
    ],
)
def test_bad_filters_get_a_message(client, world, query, message):
    admin(client)
    response = client.get(f"/admin/reports/?{query}")
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert client.get(f"/admin/reports/enrolments.csv?{query}").status_code == 400


def test_a_course_owner_sees_only_their_own(client, world, sample_course):
    trainer = make_user("reports-owner@example.org", role="trainer")
    db.session.add(CourseOwner(course_id=sample_course.id, user_id=trainer.id))
    db.session.commit()
    sign_in(client, "reports-owner@example.org")
    html = client.get("/admin/reports/").get_data(as_text=True)
    assert re.findall(
        r'<option value="([^"]+)"', html.split('id="course"')[1].split("</select>")[0]
    ) == ["sample-course"]
    # w1's enrolment in the other course is not counted: 16, not 17.
    assert table(html, "enrolments")[1] == ["Everyone", "16"]
    assert client.get("/admin/reports/?course=other-course").status_code == 403
    assert client.get("/admin/reports/enrolments.csv?course=other-course").status_code == 403
    assert client.get("/admin/reports.pdf?course=other-course").status_code == 403


def test_a_cohort_trainer_sees_only_their_cohort(client, world, sample_course):
    trainer = make_user("reports-cohort@example.org", role="trainer")
    db.session.add(CohortTrainer(cohort_id=world["cohort"].id, user_id=trainer.id))
    db.session.commit()
    sign_in(client, "reports-cohort@example.org")
    html = client.get("/admin/reports/").get_data(as_text=True)
    assert table(html, "enrolments")[1] == ["Everyone", "6"]
    assert client.get(f"/admin/reports/?cohort={world['cohort'].id}").status_code == 200
    assert client.get("/admin/reports/?course=sample-course").status_code == 403


def test_a_trainer_with_nothing_to_report_on_is_refused(client, world):
    make_user("reports-idle@example.org", role="trainer")
    sign_in(client, "reports-idle@example.org")
    assert client.get("/admin/reports/").status_code == 403


def test_learners_are_refused_and_visitors_sign_in(client, world):
    response = client.get("/admin/reports/")
    assert response.status_code == 302
    assert "/auth/sign-in" in response.headers["Location"]
    make_user("reports-learner@example.org")
    sign_in(client, "reports-learner@example.org")
    assert client.get("/admin/reports/").status_code == 403
    assert client.get("/admin/reports/enrolments.csv").status_code == 403
    assert client.get("/admin/reports.pdf").status_code == 403


def test_the_minimum_group_is_a_setting(tmp_path, monkeypatch):
    assert from_environment(tmp_path)["REPORT_MIN_GROUP"] == 5
    monkeypatch.setenv("ACADEMY_REPORT_MIN_GROUP", "10")
    assert from_environment(tmp_path)["REPORT_MIN_GROUP"] == 10


def test_a_larger_minimum_hides_more(make_app, sample_course):
    app = make_app(REPORT_MIN_GROUP=6)
    build(sample_course)
    client = app.test_client()
    admin(client)
    html = client.get(f"/admin/reports/?{YEAR}&by=sex").get_data(as_text=True)
    assert table(html, "enrolments")[1:3] == [
        ["Man", "fewer than 6"],
        ["I prefer not to say", "fewer than 6"],
    ]

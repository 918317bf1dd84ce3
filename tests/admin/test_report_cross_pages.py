"""Cross tables on the page, in the chart, the CSV and the PDF, with cross suppression."""

from __future__ import annotations

import html as markup
import re

import pytest

from academy.admin.report_pdf import printed
from academy.admin.report_tables import Cell, Report, Row
from academy.courses.models import CourseOwner
from academy.extensions import db
from tests.admin.cross_world import build_crossed
from tests.admin.test_reports_pages import BOM, admin
from tests.certificates.test_pdf import pdf_info, pdf_text
from tests.factories import make_user, sign_in

OTHER = "course=other-course&start=2026-01-01&end=2026-12-31"
YEAR = "course=sample-course&start=2026-01-01&end=2026-12-31"
GROUP = "by=sex_within_constituent_group"
F = "fewer than 5"
HEADER = ["Woman", "Man", "Another way", "I prefer not to say", "Not given", "Total"]


@pytest.fixture
def world(app, sample_course):
    return build_crossed(sample_course)


def table(html: str, name: str) -> list[list[str]]:
    body = re.search(rf'<table id="table-{name}">(.*?)</table>', html, re.S).group(1)
    return [
        [
            markup.unescape(re.sub(r"<[^>]+>", "", cell).strip())
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def test_enrolments_by_sex_within_constituent_group(client, world):
    admin(client)
    response = client.get(f"/admin/reports/?{OTHER}&{GROUP}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    # Counts (cross_world.py):  woman man another  -  none | total
    #   government                 1    6     0     0    0  |   7
    #   workers                    7    3     2     0    0  |  12
    #   not given                  1    0     0     0    1  |   2
    #   total                      9    9     2     0    1  |  21
    # Small: 1, 3, 2, 1, 1 and the totals 2, 2, 1. Government's 1 is alone in its row:
    # its 6 goes (the zeros are passed over); the not-given total 2 is alone in the
    # column of totals: government's 7 goes (before the 12). No line is left with one.
    assert table(html, "enrolments") == [
        ["Constituent group", *HEADER],
        ["Government", F, F, "0", "0", "0", F],
        ["Workers' organization", "7", F, F, "0", "0", "12"],
        ["Not given", F, "0", "0", "0", F, F],
        ["Total", "9", "9", F, "0", F, "21"],
    ]
    # Quiz and question results are not crossed; the page says so.
    assert 'id="table-quizzes"' not in html
    assert "broken down by one attribute at a time" in html
    assert "Learner " not in html


def test_completions_by_sex_within_region(client, world):
    admin(client)
    html = client.get(f"/admin/reports/?{OTHER}&by=sex_within_region").get_data(as_text=True)
    #                 woman man another undisclosed none | total
    #   africa           5    3     0       0        0   |   8
    #   americas         1    0     0       0        0   |   1
    #   europe           1    6     0       0        0   |   7
    #   not given        0    0     0       0        1   |   1   (the erased account)
    #   total            7    9     0       0        1   |  17
    # Small: 3, 1, 1, 1, 1, 1, 1. Africa's 3 takes its 5; Europe's 1 its 6; the total
    # row's 1 its 7 (before the 9). Every line then has none or two or more.
    assert table(html, "completions") == [
        ["ILO region", *HEADER],
        ["Africa", F, F, "0", "0", "0", "8"],
        ["Americas", F, "0", "0", "0", "0", F],
        ["Europe and Central Asia", F, F, "0", "0", "0", "7"],
        ["Not given", "0", "0", "0", "0", F, F],
        ["Total", F, "9", "0", "0", F, "17"],
    ]


def test_certificates_and_active_learners_cross_tables(client, world):
    admin(client)
    html = client.get(f"/admin/reports/?{YEAR}&{GROUP}").get_data(as_text=True)
    # sample-course: valid certificates w1-w4 (workers, women), m1-m5 (government, men);
    # u1's is revoked, so employers have no row.
    #   government [0 5 0 0 0 | 5]; workers [4 0 0 0 0 | 4]; total [4 5 0 0 0 | 9]
    # The women's total 4 is alone in the total row: the men's 5 goes, then in the men's
    # column government's 5, then in the column of totals government's 5.
    assert table(html, "certificates") == [
        ["Constituent group", *HEADER],
        ["Government", "0", F, "0", "0", "0", F],
        ["Workers' organization", F, "0", "0", "0", "0", F],
        ["Total", F, F, "0", "0", "0", "9"],
    ]
    # Active: w1-w6 (workers, women), m1-m5, u1 (employers, undisclosed), n1 (not given).
    assert table(html, "active") == [
        ["Constituent group", *HEADER],
        ["Employers' organization", "0", "0", "0", F, "0", F],
        ["Government", "0", "5", "0", "0", "0", "5"],
        ["Workers' organization", "6", "0", "0", "0", "0", "6"],
        ["Not given", "0", "0", "0", "0", F, F],
        ["Total", "6", "5", "0", F, F, "13"],
    ]


def test_the_csv_is_the_table(client, world):
    admin(client)
    response = client.get(f"/admin/reports/enrolments.csv?{OTHER}&{GROUP}")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="report-enrolments.csv"'
    assert response.get_data(as_text=True) == BOM + (
        "Constituent group,Woman,Man,Another way,I prefer not to say,Not given,Total\r\n"
        "Government,fewer than 5,fewer than 5,0,0,0,fewer than 5\r\n"
        "Workers' organization,7,fewer than 5,fewer than 5,0,0,12\r\n"
        "Not given,fewer than 5,0,0,0,fewer than 5,fewer than 5\r\n"
        "Total,9,9,fewer than 5,0,fewer than 5,21\r\n"
    )


def test_quiz_results_are_not_crossed(client, world):
    admin(client)
    response = client.get(f"/admin/reports/quizzes.csv?{OTHER}&{GROUP}")
    assert response.status_code == 400
    assert response.get_data(as_text=True) == (
        "Quiz and question results are broken down by one attribute at a time: "
        "choose a single breakdown to see them."
    )


def chart_of(html: str, name: str) -> str:
    return re.search(rf"<svg[^>]*chart-{name}-title.*?</svg>", html, re.S).group(0)


def test_the_chart_stacks_what_the_table_shows(client, world):
    admin(client)
    html = client.get(f"/admin/reports/?{OTHER}&{GROUP}").get_data(as_text=True)
    chart = chart_of(html, "enrolments")
    assert re.search(r'<title id="chart-enrolments-title">([^<]*)<', chart).group(1) == (
        "Enrolments by Constituent group and Sex"
    )
    legend = re.findall(r'class="chart__legend">([^<]*)<', chart)
    assert legend == [*HEADER[:5], F]
    # Bars below the legend's three lines (y 70): only Workers' has shown parts, 7 women
    # of a total of 12 (the largest, the full 220 px), then its 5 hidden in grey.
    bars = re.findall(
        r'<rect x="([\d.]+)" y="(\d+)" width="([\d.]+)" height="16" fill="(#\w+)"', chart
    )
    assert bars == [("170.0", "96", "128.3", "#0b5c4a"), ("298.3", "96", "91.7", "#c9d0d6")]
    assert re.findall(r'class="chart__value">([^<]*)<', chart) == [F, "12", F]
    assert re.findall(r'class="chart__label">([^<]*)<', chart) == [
        "Government",
        "Workers&#39; organization",
        "Not given",
    ]
    assert "style" not in chart


def test_in_arabic_the_stacked_chart_is_mirrored(client, world):
    admin(client, locale="ar")
    html = client.get(f"/admin/reports/?{OTHER}&{GROUP}").get_data(as_text=True)
    chart = chart_of(html, "enrolments")
    bars = re.findall(r'<rect x="([\d.]+)" y="(\d+)" width="([\d.]+)" height="16"', chart)
    # 480 - 170 - 128.3 and 480 - 298.3 - 91.7: the bar grows leftwards from the labels.
    assert bars == [("181.7", "96", "128.3"), ("90.0", "96", "91.7")]
    assert re.findall(r'<text x="([\d.]+)"[^>]*class="chart__label"', chart)[0] == "318.0"


def test_the_pdf_prints_the_cross_tables_on_one_page(client, world):
    admin(client)
    response = client.get(f"/admin/reports.pdf?{OTHER}&{GROUP}")
    assert response.status_code == 200
    assert re.search(r"^Pages:\s+1$", pdf_info(response.data), re.M)
    text = pdf_text(response.data)
    assert "Breakdown: Sex within constituent group" in text
    assert "I prefer not to say" in text
    assert "fewer than 5" in text


def test_the_pdf_keeps_the_largest_rows_by_their_total():
    def row(label, first, total):
        return Row(
            label, [Cell(first, "count"), Cell(total - first, "count"), Cell(total, "count")]
        )

    rows = [row(f"g{n}", 9 if n == 0 else 0, 10 + n) for n in range(12)]
    report = Report("x", "X", "", "G", ["a", "b", "Total"], rows, stacked_by="S")
    assert [r.label for r in printed(report).rows] == [f"g{n}" for n in range(2, 12)]


def test_a_course_owner_crosses_only_their_course(client, world, sample_course):
    trainer = make_user("cross-owner@example.org", role="trainer")
    db.session.add(CourseOwner(course_id=sample_course.id, user_id=trainer.id))
    db.session.commit()
    sign_in(client, "cross-owner@example.org")
    html = client.get(f"/admin/reports/?{GROUP}").get_data(as_text=True)
    # sample-course only, all dates: m6 (2025) joins government's men, the erased d1 is
    # not given; other-course is out.
    assert table(html, "enrolments")[-1] == ["Total", "6", "6", "0", F, F, "16"]
    assert client.get(f"/admin/reports/?{OTHER}&{GROUP}").status_code == 403
    assert client.get(f"/admin/reports/enrolments.csv?{OTHER}&{GROUP}").status_code == 403


def test_an_unknown_cross_is_refused(client, world):
    admin(client)
    response = client.get("/admin/reports/?by=sex_within_age")
    assert response.status_code == 400
    assert "Choose a breakdown from the list." in response.get_data(as_text=True)


def test_the_form_offers_the_crosses(client, world):
    admin(client)
    html = client.get(f"/admin/reports/?{GROUP}").get_data(as_text=True)
    select = html.split('id="by"')[1].split("</select>")[0]
    assert re.findall(r'<optgroup label="([^"]+)"', select) == [
        "One attribute",
        "Two attributes, as a table",
    ]
    assert '<option value="sex_within_constituent_group" selected>' in select
    assert re.findall(r'<option value="(sex_within_\w+)"', select) == [
        "sex_within_constituent_group",
        "sex_within_region",
        "sex_within_country",
    ]

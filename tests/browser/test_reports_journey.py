"""An admin reads the reports on a phone: filters by course and dates, reads the chart in
Arabic, downloads the CSV, then reads sex within constituent group as one table, in
Arabic and English. Every page is checked with axe-core and must fit 360 px.

The live server is shared, so the journey counts a course of its own (hidden
from the catalogue) in 2024, a year no other journey writes to.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from academy.auth.models import User
from academy.courses.models import Course
from academy.extensions import db
from academy.learning.models import CourseCompletion, Enrolment
from tests.browser.test_certificate_journey import sign_in_with_keyboard
from tests.browser.test_journey import (
    check_page,
    choose_with_arrows,
    html_lang_dir,
    submit_with_enter,
    switch_language,
    tab_to,
)
from tests.factories import make_user

pytestmark = pytest.mark.browser

ADMIN_EMAIL = "nadia.reports@example.org"
SLUG = "reports-journey"


def _people(sex: str, country: str, count: int, group: str = "workers") -> list[User]:
    return [
        make_user(sex=sex, country=country, constituent_group=group, commit=False)
        for _ in range(count)
    ]


@pytest.fixture
def reports_server(live_server):
    """8 women (Senegal, workers) and 6 men (France, government) enrolled in 2024, 5 women
    and 2 men completed; 3 more women enrolled in 2023, outside the dates the admin chooses."""
    with live_server.app.app_context():
        if db.session.scalar(select(User).where(User.email == ADMIN_EMAIL)) is not None:
            return live_server
        make_user(ADMIN_EMAIL, role="admin", name="Nadia Reports")
        course = Course(
            slug=SLUG,
            version="1",
            default_language="en",
            languages=["en", "fr"],
            title={"en": "Reports journey", "fr": "Parcours des rapports"},
            content_hash="0" * 64,
            outline=[],
            unpublished_at=datetime(2024, 1, 1, tzinfo=UTC),
        )
        db.session.add(course)
        women, men, earlier = (
            _people("woman", "SN", 8),
            _people("man", "FR", 6, "government"),
            _people("woman", "SN", 3),
        )
        db.session.flush()
        for people, day in (
            (women + men, datetime(2024, 5, 10, tzinfo=UTC)),
            (earlier, datetime(2023, 5, 10, tzinfo=UTC)),
        ):
            for person in people:
                db.session.add(
                    Enrolment(
                        user_id=person.id,
                        course_id=course.id,
                        content_language="en",
                        enrolled_at=day,
                    )
                )
        for person in women[:5] + men[:2]:
            db.session.add(
                CourseCompletion(
                    user_id=person.id,
                    course_id=course.id,
                    completed_at=datetime(2024, 9, 1, tzinfo=UTC),
                )
            )
        db.session.commit()
    return live_server


def table_rows(page, name: str) -> list[list[str]]:
    return page.eval_on_selector_all(
        f"#table-{name} tr", "rows => rows.map(r => [...r.cells].map(c => c.textContent.trim()))"
    )


def test_an_admin_filters_reads_the_arabic_chart_and_downloads_the_csv(
    reports_server, make_context
):
    base = reports_server.url
    page = make_context(bypass_csp=True).new_page()
    sign_in_with_keyboard(page, base, ADMIN_EMAIL, "/admin/reports/")
    expect(page.locator("h1")).to_have_text("Reports")
    check_page(page)

    # The course, the year 2024, by sex, with the keyboard.
    tab_to(page, "#course")
    choose_with_arrows(page, SLUG)
    tab_to(page, "#start", max_presses=5)
    page.keyboard.type("01012024")
    tab_to(page, "#end", max_presses=5)
    page.keyboard.type("12312024")
    tab_to(page, "#by", max_presses=5)
    choose_with_arrows(page, "sex")
    tab_to(page, ".report-filters button[type=submit]", max_presses=3)
    submit_with_enter(page)
    query = f"course={SLUG}&cohort=&language=&start=2024-01-01&end=2024-12-31&by=sex"
    assert page.url == f"{base}/admin/reports/?{query}"
    assert table_rows(page, "completions") == [
        ["Sex", "Enrolments", "Completions", "Completion rate"],
        # 2 men completed: hidden; 5 women too, or the total would give the 2 away.
        ["Man", "6", "fewer than 5", "fewer than 5"],
        ["Woman", "8", "fewer than 5", "fewer than 5"],
        ["Total", "14", "7", "50%"],
    ]
    check_page(page)

    # In Arabic, the page and its charts read right to left.
    switch_language(page, "ar")
    assert html_lang_dir(page) == ("ar", "rtl")
    chart = page.locator("svg[aria-labelledby^='chart-enrolments']")
    expect(chart).to_be_visible()
    expect(chart.locator("title")).to_have_text("التسجيلات: التسجيلات")
    # The first bar grows leftwards from the label column on the right.
    box = chart.locator("rect").first.bounding_box()
    svg = chart.bounding_box()
    assert box["x"] + box["width"] > svg["x"] + svg["width"] / 2
    assert table_rows(page, "enrolments")[-1] == ["المجموع", "14"]
    check_page(page)

    # The CSV, as shown: in Arabic, small groups hidden.
    with page.expect_download() as download:
        page.locator("a[href*='/admin/reports/completions.csv']").click()
    data = download.value.path().read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[1:] == [
        ["رجل", "6", "أقل من 5", "أقل من 5"],
        ["امرأة", "8", "أقل من 5", "أقل من 5"],
        ["المجموع", "14", "7", "0.5"],
    ]

    # Two breakdowns at once, still in Arabic: sex within constituent group, as one table.
    page.goto(page.url)
    tab_to(page, "#by")
    choose_with_arrows(page, "sex_within_constituent_group")
    tab_to(page, ".report-filters button[type=submit]", max_presses=3)
    submit_with_enter(page)
    assert page.url.endswith("&by=sex_within_constituent_group")
    assert table_rows(page, "enrolments") == [
        ["فئة الهيئات المكونة", "امرأة", "رجل", "أصف نفسي بطريقة أخرى", "أفضّل عدم الإفصاح"]
        + ["غير محدد", "المجموع"],
        ["الحكومة", "0", "6", "0", "0", "0", "6"],
        ["منظمة العمال", "8", "0", "0", "0", "0", "8"],
        ["المجموع", "8", "6", "0", "0", "0", "14"],
    ]
    expect(page.locator("#table-quizzes")).to_have_count(0)
    check_page(page)

    # And in English: how many women and men of each group enrolled and completed.
    switch_language(page, "en")
    assert table_rows(page, "enrolments") == [
        ["Constituent group", "Woman", "Man", "Another way", "I prefer not to say"]
        + ["Not given", "Total"],
        ["Government", "0", "6", "0", "0", "0", "6"],
        ["Workers' organization", "8", "0", "0", "0", "0", "8"],
        ["Total", "8", "6", "0", "0", "0", "14"],
    ]
    # 5 women and 2 men completed: the 2 and everything that would give it away is hidden.
    assert table_rows(page, "completions")[1:] == [
        ["Government", "0", "fewer than 5", "0", "0", "0", "fewer than 5"],
        ["Workers' organization", "fewer than 5", "0", "0", "0", "0", "fewer than 5"],
        ["Total", "fewer than 5", "fewer than 5", "0", "0", "0", "7"],
    ]
    chart = page.locator("svg[aria-labelledby^='chart-enrolments']")
    expect(chart.locator("title")).to_have_text("Enrolments by Constituent group and Sex")
    check_page(page)

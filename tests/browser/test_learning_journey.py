"""A learner's journey through a course on a small phone, with the keyboard only.

Sign in (the interface is French), find the course in the catalogue, enrol,
read three lessons in French marking each complete, which leads each time to
the next lesson (the third has no French text and says so), see the progress
on the course page and the way back in on "My learning". Every kind of page is
checked with axe-core and for sideways scrolling.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from academy.auth.models import User
from academy.extensions import db
from tests.browser.test_journey import check_page, submit_with_enter, tab_to
from tests.conftest import SAMPLE_PACKAGE, import_package
from tests.factories import PASSWORD, make_user
from tests.i18n import translated

pytestmark = pytest.mark.browser

EMAIL = "fatou.ndiaye@example.org"
COURSE = "/courses/sample-course/"


@pytest.fixture
def course_server(live_server):
    """The live server with the sample course imported and a French-speaking learner."""
    with live_server.app.app_context():
        import_package(SAMPLE_PACKAGE)  # unchanged packages are not imported twice
        if db.session.scalar(select(User).where(User.email == EMAIL)) is None:
            make_user(EMAIL, locale="fr", name="Fatou Ndiaye")
    return live_server


def press_enter_on(page: Page, selector: str, max_presses: int = 80) -> None:
    tab_to(page, selector, max_presses=max_presses)
    submit_with_enter(page)


def content_language(page: Page) -> str:
    return page.locator(".lesson-content").get_attribute("lang")


def test_learning_journey_on_a_phone(axe_page: Page, course_server) -> None:
    page = axe_page
    base = course_server.url

    # Sign in; the learner's profile says French.
    page.goto(base + "/auth/sign-in?next=/courses/")
    tab_to(page, "#email")
    page.keyboard.type(EMAIL)
    tab_to(page, "#password", max_presses=3)
    page.keyboard.type(PASSWORD)
    submit_with_enter(page)
    page.wait_for_url(base + "/courses/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")

    # The catalogue, then the course.
    check_page(page)
    press_enter_on(page, f'main h3 a[href="{COURSE}"]')
    page.wait_for_url(base + COURSE)
    check_page(page)

    # Enrol: the course is offered in French, so that is the content language.
    press_enter_on(page, 'form[action$="/learning/sample-course/enrol"] button')
    page.wait_for_url(base + COURSE)
    expect(page.locator(".flashes")).to_be_visible()
    expect(page.locator("progress")).to_have_attribute("value", "0")
    check_page(page)

    # "Continue where you left off" leads to the first lesson.
    press_enter_on(page, "a.resume-link")
    page.wait_for_url(base + "/courses/sample-course/lessons/welcome")

    for number, lesson in enumerate(["welcome", "working-together", "local-examples"], 1):
        expect(page.locator("h1")).to_have_count(1)
        if lesson == "local-examples":
            # No French text yet: English, with a notice saying so.
            assert content_language(page) == "en"
            notice = page.locator(".notice--language")
            expect(notice).to_be_visible()
            expect(notice).to_have_attribute("role", "status")
            expect(notice).to_contain_text("français")
        else:
            assert content_language(page) == "fr"
            expect(page.locator(".notice--language")).to_have_count(0)
        if number in (1, 3):
            check_page(page)
        # Mark as complete moves on to the next lesson, and says so in the status region.
        press_enter_on(page, 'form[action$="/complete"] button')
        following = ["working-together", "local-examples", "principles"][number - 1]
        page.wait_for_url(f"{base}/courses/sample-course/lessons/{following}")
        expect(page.locator('.flashes[role="status"]')).to_contain_text(
            translated("Lesson marked as complete.", "fr")
        )
        if number == 1:
            check_page(page)  # with the confirmation
        if number == 3:
            # The fourth lesson opens module 2; back to the third, now completed.
            press_enter_on(page, 'a[rel="prev"]')
            page.wait_for_url(f"{base}/courses/sample-course/lessons/{lesson}")
            expect(page.locator(".lesson-complete .success-text")).to_be_visible()
            expect(page.locator('form[action$="/complete"]')).to_have_count(0)

    # Back to the course page through the breadcrumb: 3 of 5.
    press_enter_on(page, f'.breadcrumb a[href="{COURSE}"]')
    page.wait_for_url(base + COURSE)
    progress = page.locator("progress")
    expect(progress).to_have_attribute("value", "3")
    expect(progress).to_have_attribute("max", "5")
    expect(page.locator("#progress-text")).to_contain_text(re.compile(r"3\D+5"))
    expect(page.locator("ol.lesson-list li.is-done")).to_have_count(3)
    check_page(page)

    # My learning, from the header: continue with the fourth lesson.
    press_enter_on(page, '.site-nav a[href="/learning/"]')
    page.wait_for_url(base + "/learning/")
    resume = page.locator("a.resume-link")
    expect(resume).to_have_count(1)
    expect(resume).to_have_attribute("href", "/courses/sample-course/lessons/principles")
    expect(resume).to_contain_text("Les principes coopératifs")
    check_page(page)

    press_enter_on(page, "a.resume-link")
    page.wait_for_url(base + "/courses/sample-course/lessons/principles")
    assert content_language(page) == "fr"


@pytest.mark.parametrize(
    "path",
    [
        "/courses/?lang=ar",
        COURSE + "?lang=ar",
        "/courses/sample-course/lessons/working-together?lang=ar",
        "/courses/sample-course/lessons/summary?lang=fr&content=fr",
        "/courses/?level=advanced",
    ],
)
def test_course_pages_are_accessible_for_visitors(axe_page: Page, course_server, path) -> None:
    page = axe_page
    page.goto(course_server.url + path)
    check_page(page)


def test_a_lesson_prints_without_the_site_around_it(make_context, course_server) -> None:
    page = make_context().new_page()
    page.goto(course_server.url + "/courses/sample-course/lessons/working-together")
    page.emulate_media(media="print")
    for selector in (".site-header", ".pager", ".module-outline", ".site-footer"):
        expect(page.locator(selector).first).to_be_hidden()
    # The printed page still says which course and module it belongs to.
    breadcrumb = page.locator(".breadcrumb")
    expect(breadcrumb).to_be_visible()
    expect(breadcrumb).to_contain_text("Working together: a first look at cooperatives")
    expect(breadcrumb).to_contain_text("Getting started")
    expect(page.locator(".lesson-content")).to_be_visible()
    activity = page.locator(".callout-activity")
    assert activity.evaluate("(e) => getComputedStyle(e).breakBefore") == "page"
    assert activity.evaluate("(e) => getComputedStyle(e).breakInside") == "avoid"
    color = page.locator("body").evaluate("(e) => getComputedStyle(e).color")
    assert color == "rgb(0, 0, 0)"


def test_course_pages_work_without_javascript(make_context, course_server) -> None:
    page = make_context(java_script_enabled=False).new_page()
    base = course_server.url
    page.goto(base + "/courses/")
    page.locator("#level").select_option("introductory")
    with page.expect_navigation():
        page.locator('form.filters button[type="submit"]').click()
    assert "level=introductory" in page.url
    # Other tests may import more courses into the shared server; the filter keeps ours.
    expect(page.locator('main h3 a[href="/courses/sample-course/"]')).to_have_count(1)
    expect(page.locator("#level")).to_have_value("introductory")
    page.goto(base + "/courses/sample-course/lessons/welcome")
    with page.expect_navigation():
        page.locator('.content-switcher a[hreflang="fr"]').click()
    expect(page.locator(".lesson-content")).to_have_attribute("lang", "fr")

"""The learner's pages on a 360 px phone with text at 200%, and for screen readers.

"200% text" is text-only zoom, as a phone's large-text setting does: the root
font size doubles (everything in rem and em grows) while the viewport stays
360 px wide. On each page nothing may scroll sideways and axe-core finds
nothing. One browser page walks the journey, so the test stays quick.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from academy.auth.models import User
from academy.extensions import db
from tests.browser.axe import assert_accessible
from tests.conftest import SAMPLE_PACKAGE, import_package
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.browser

# Long unbroken words: they must break, not push the page sideways.
EMAIL = (
    "mariama.wolfeschlegelsteinhausenbergerdorff.cooperative@federation-ouest-africaine.example.org"
)
NAME = "Wolfeschlegelsteinhausenbergerdorff" * 5
COURSE = "/courses/sample-course/"
LESSON = COURSE + "lessons/working-together"


def enlarge_text(page: Page) -> None:
    page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")


def check_large_text(page: Page) -> None:
    """At 200% text the page fits the phone's width and passes axe-core."""
    page.wait_for_load_state("load")
    enlarge_text(page)
    scroll_width, client_width = page.evaluate(
        "() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
    )
    assert scroll_width <= client_width, (
        f"{page.url} scrolls sideways at 200% text ({scroll_width}px > {client_width}px)"
    )
    assert_accessible(page)


def boxes_overlap(a: dict, b: dict) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


@pytest.fixture
def learner_server(live_server):
    with live_server.app.app_context():
        import_package(SAMPLE_PACKAGE)  # unchanged packages are not imported twice
        if db.session.scalar(select(User).where(User.email == EMAIL)) is None:
            make_user(EMAIL, name=NAME)
    return live_server


def test_learner_pages_fit_a_phone_at_200_percent_text(axe_page: Page, learner_server) -> None:
    page = axe_page
    base = learner_server.url

    # The focused skip link takes its own place instead of covering the header.
    page.goto(base + "/")
    enlarge_text(page)
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    assert not boxes_overlap(skip.bounding_box(), page.locator(".brand").bounding_box())
    assert not boxes_overlap(skip.bounding_box(), page.locator(".site-nav").bounding_box())
    check_large_text(page)

    # A sign-in with mistakes: the title says so and the focus is on the summary.
    page.goto(base + "/auth/sign-in")
    check_large_text(page)
    page.fill("#email", EMAIL)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.title().startswith("Error: ")
    expect(page.locator(".error-summary")).to_be_focused()
    check_large_text(page)

    page.fill("#password", PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    for path in ("/courses/", COURSE):
        page.goto(base + path)
        check_large_text(page)

    # Enrolling reloads the page: the focus moves to the confirmation.
    if page.locator('form[action$="/learning/sample-course/enrol"]').count():
        with page.expect_navigation():
            page.click('form[action$="/learning/sample-course/enrol"] button')
        expect(page.locator(".flashes")).to_be_focused()
        check_large_text(page)

    # A lesson with a table and a footnote.
    page.goto(base + LESSON)
    check_large_text(page)
    region = page.locator('.lesson-content .table-wrap[role="region"]')
    expect(region).to_have_attribute("tabindex", "0")
    expect(region).to_have_attribute("aria-label", "Table 1")
    first_cell = region.locator("tr > :first-child").first
    assert first_cell.evaluate("(cell) => getComputedStyle(cell).position") == "sticky"
    expect(page.locator(".footnotes h2")).to_have_text("Notes")
    expect(page.locator(".footnote-backref").first).to_have_attribute(
        "aria-label", "Back to reference 1"
    )
    # The quiz, an attempt, and the learner's own pages with the long name and email.
    page.goto(base + COURSE + "quizzes/check")
    check_large_text(page)
    with page.expect_navigation():
        page.click('main form[action$="/attempts"] button')
    check_large_text(page)
    for path in ("/learning/", "/certificates/", "/account/", "/account/email"):
        page.goto(base + path)
        check_large_text(page)

    # The same in French (longer words) and Arabic (right to left); ?lang= is for
    # that page view only.
    for language, direction in (("fr", "ltr"), ("ar", "rtl")):
        for path in ("/courses/", COURSE, LESSON, "/learning/", "/account/"):
            page.goto(f"{base}{path}?lang={language}")
            expect(page.locator("html")).to_have_attribute("dir", direction)
            check_large_text(page)

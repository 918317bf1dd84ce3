"""Words and arrows in a real browser: the Arabic pager points the way the page reads."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.test_journey import check_page
from tests.conftest import SAMPLE_PACKAGE, import_package

pytestmark = pytest.mark.browser

LESSON = "/courses/sample-course/lessons/working-together"


@pytest.fixture
def course_server(live_server):
    with live_server.app.app_context():
        import_package(SAMPLE_PACKAGE)  # unchanged packages are not imported twice
    return live_server


def _arrow(page: Page, rel: str) -> str:
    return page.locator(f'.pager a[rel="{rel}"] [aria-hidden="true"]').inner_text()


def _left(page: Page, rel: str) -> float:
    return page.locator(f'.pager a[rel="{rel}"]').bounding_box()["x"]


@pytest.mark.parametrize(
    ("language", "previous", "following"), [("ar", "\u2192", "\u2190"), ("en", "\u2190", "\u2192")]
)
def test_pager_arrows_point_the_way_the_page_reads(
    make_context, course_server, language, previous, following
) -> None:
    page = make_context(bypass_csp=True, viewport={"width": 1024, "height": 800}).new_page()
    page.goto(f"{course_server.url}{LESSON}?lang={language}")
    assert (_arrow(page, "prev"), _arrow(page, "next")) == (previous, following)
    # Side by side, "next" sits where its arrow points: on the left in Arabic.
    next_is_left = _left(page, "next") < _left(page, "prev")
    assert next_is_left is (language == "ar")
    check_page(page)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_translated_pages_stay_accessible(axe_page: Page, course_server, language) -> None:
    base = course_server.url
    for path in ("/courses/", "/courses/sample-course/", LESSON):
        axe_page.goto(f"{base}{path}?lang={language}")
        check_page(axe_page)
    axe_page.goto(f"{base}/auth/sign-in?lang={language}")
    axe_page.locator("form button[type=submit]").last.click()
    axe_page.wait_for_load_state("load")
    assert axe_page.locator(".error-summary h2").inner_text() != "There is a problem"
    check_page(axe_page)

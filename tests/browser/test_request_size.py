"""The "too large" page, as a browser shows it after sending too much."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, Route

from tests.browser.test_journey import check_page, html_lang_dir

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("language", "direction"), [("en", "ltr"), ("ar", "rtl")])
def test_a_too_large_post_shows_an_accessible_page(
    axe_page: Page, live_server, language: str, direction: str
) -> None:
    page = axe_page
    limit = live_server.app.config["MAX_CONTENT_LENGTH"]
    url = f"{live_server.url}/auth/sign-in?lang={language}"

    def post_too_much(route: Route) -> None:
        route.continue_(
            method="POST",
            post_data=b"email=" + b"x" * (limit + 1),
            headers={**route.request.headers, "content-type": "application/x-www-form-urlencoded"},
        )

    page.route(url, post_too_much)
    response = page.goto(url)
    assert response is not None
    assert response.status == 413
    assert html_lang_dir(page) == (language, direction)
    assert page.locator("h1").count() == 1
    check_page(page)

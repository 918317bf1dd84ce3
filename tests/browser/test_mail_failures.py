"""Pages that answer a mail request stay accessible, whether the mail went out or not."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from academy.auth.models import User
from academy.extensions import db
from tests.browser.test_journey import check_page
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.browser

UNCONFIRMED = "not.yet.active@example.org"


@contextmanager
def mail_that_fails(live_server) -> Iterator[None]:
    """Point the outbox at a file, so writing a mail there fails like a refusing server."""
    config = live_server.app.config
    blocker = live_server.outbox.parent / "not-a-folder"
    blocker.write_text("")
    previous, config["MAIL_OUTBOX"] = config["MAIL_OUTBOX"], str(blocker / "outbox")
    try:
        yield
    finally:
        config["MAIL_OUTBOX"] = previous


@pytest.mark.parametrize("language", ["en", "ar"])
def test_an_unconfirmed_sign_in_whose_link_fails_is_told_accessibly(
    axe_page: Page, live_server, language: str
) -> None:
    with live_server.app.app_context():
        if db.session.scalar(select(User).where(User.email == UNCONFIRMED)) is None:
            make_user(UNCONFIRMED, confirmed=False)
    page = axe_page
    page.goto(f"{live_server.url}/auth/sign-in?lang={language}")
    page.fill("#email", UNCONFIRMED)
    page.fill("#password", PASSWORD)
    with mail_that_fails(live_server):
        page.locator('main form button[type="submit"]').click()
        expect(page.locator(".error-summary[role=alert]")).to_be_visible()
    expect(page.locator(".notice")).to_have_count(0)  # never "we have sent you a link"
    check_page(page)


def test_the_reset_page_says_how_to_ask_again(axe_page: Page, live_server) -> None:
    page = axe_page
    page.goto(f"{live_server.url}/auth/reset")
    page.fill("#email", "nobody.here@example.org")
    page.locator('main form button[type="submit"]').click()
    expect(page.locator("main a", has_text="Ask for a new link")).to_be_visible()
    check_page(page)

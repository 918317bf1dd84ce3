"""Answers chosen before leaving an attempt's page are kept, by keep-answers.js.

Without JavaScript leaving saves nothing (the Save button is the way then),
which shows it is the script that saves.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from academy.auth.models import User
from academy.extensions import db
from academy.quizzes.models import Attempt
from tests.browser.test_journey import check_page
from tests.conftest import import_package
from tests.courses.packages import package
from tests.factories import PASSWORD, make_user
from tests.quizzes.quiz_pages import EVERY_TYPE

pytestmark = pytest.mark.browser

COURSE = "/courses/tiny/"
QUIZ = "/courses/tiny/quizzes/check"


@pytest.fixture
def keep_server(live_server, tmp_path):
    quiz = EVERY_TYPE.replace("FEEDBACK", "after_each_attempt")
    with live_server.app.app_context():
        import_package(package(tmp_path, {"01-start/03-check.quiz.yaml": quiz}))
        for email in ("amara.keep@example.org", "amara.nojs@example.org"):
            if db.session.scalar(select(User).where(User.email == email)) is None:
                make_user(email, locale="en", name="Amara Diallo")
    return live_server


def attempts_of(server, email: str) -> list[tuple[str, dict]]:
    with server.app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        rows = db.session.scalars(select(Attempt).where(Attempt.user_id == user.id))
        found = [(row.state, dict(row.responses or {})) for row in rows]
        db.session.remove()
        return found


def sign_in(page: Page, base: str, email: str) -> None:
    page.goto(f"{base}/auth/sign-in?next={COURSE}")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(base + COURSE)


def open_attempt(page: Page, base: str, email: str) -> str:
    sign_in(page, base, email)
    page.locator('form[action$="/learning/tiny/enrol"] button').click()
    page.wait_for_url(base + COURSE)
    page.goto(base + QUIZ)
    page.locator(f'form[action$="{QUIZ}/attempts"] button').click()
    page.wait_for_url(base + QUIZ + "/attempts/1")
    return page.url


def answer_then_leave(page: Page, base: str) -> None:
    page.get_by_label("Owned by its members").check()
    short = page.locator("fieldset", has_text="One member").locator("input[type=text]")
    short.fill("vote")  # typed, not blurred: only leaving the page can save it
    page.goto(base + COURSE)


def test_answers_chosen_before_leaving_are_kept(make_context, axe_page, keep_server) -> None:
    # The site's own Content-Security-Policy applies here (axe_page bypasses it).
    page = make_context().new_page()
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text))
    base, email = keep_server.url, "amara.keep@example.org"
    attempt = open_attempt(page, base, email)
    answer_then_leave(page, base)
    expect(page.locator("h1")).to_be_visible()

    def saved() -> bool:
        return attempts_of(keep_server, email)[0][1].get("principle") == "vote"

    for _ in range(50):  # the keepalive request may end just after the navigation
        if saved():
            break
        page.wait_for_timeout(100)
    [(state, responses)] = attempts_of(keep_server, email)
    assert state == "open"
    assert (responses["definition"], responses["principle"]) == ("owned", "vote")
    page.goto(attempt)
    expect(page.get_by_label("Owned by its members")).to_be_checked()
    short = page.locator("fieldset", has_text="One member").locator("input[type=text]")
    expect(short).to_have_value("vote")
    expect(page.locator(".flashes")).to_have_count(0)
    assert refused == []
    # The attempt page, with its script and saved answers, at 360 px: zero axe violations.
    sign_in(axe_page, base, email)
    axe_page.goto(attempt)
    check_page(axe_page)


def test_without_javascript_leaving_saves_nothing(make_context, keep_server) -> None:
    page = make_context(java_script_enabled=False).new_page()
    base, email = keep_server.url, "amara.nojs@example.org"
    open_attempt(page, base, email)
    answer_then_leave(page, base)
    page.wait_for_timeout(1500)
    assert attempts_of(keep_server, email) == [("open", {})]

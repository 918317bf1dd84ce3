"""A learner takes a quiz on a small phone with the keyboard only, fails, then passes.

The quiz page, the attempt form and the result page are checked with axe-core
and for sideways scrolling.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from academy.auth.models import User
from academy.extensions import db
from tests.browser.test_journey import check_page, submit_with_enter, tab_to
from tests.conftest import import_package
from tests.courses.packages import package
from tests.factories import PASSWORD, make_user
from tests.quizzes.quiz_pages import SIMPLE

pytestmark = pytest.mark.browser

EMAIL = "kofi.mensah@example.org"
COURSE = "/courses/tiny/"
QUIZ = "/courses/tiny/quizzes/check"


@pytest.fixture
def quiz_server(live_server, tmp_path):
    """The live server with a small course holding one quiz, and a learner."""
    quiz = SIMPLE.replace("FEEDBACK", "after_each_attempt").replace("SETTINGS", "")
    with live_server.app.app_context():
        import_package(package(tmp_path, {"01-start/03-check.quiz.yaml": quiz}))
        if db.session.scalar(select(User).where(User.email == EMAIL)) is None:
            make_user(EMAIL, locale="en", name="Kofi Mensah")
    return live_server


def press_enter_on(page: Page, selector: str, max_presses: int = 80) -> None:
    tab_to(page, selector, max_presses=max_presses)
    submit_with_enter(page)


def answer_and_submit(page: Page, arrow_presses: int) -> None:
    """Choose the first choice, or a later one with the arrow keys, and submit."""
    tab_to(page, 'input[name="q1"]')
    page.keyboard.press("Space")
    for _ in range(arrow_presses):
        page.keyboard.press("ArrowDown")
    press_enter_on(page, "form.quiz-form button[type=submit]")


def test_a_learner_fails_then_passes_a_quiz(axe_page: Page, quiz_server) -> None:
    page = axe_page
    base = quiz_server.url

    page.goto(base + "/auth/sign-in?next=" + COURSE)
    tab_to(page, "#email")
    page.keyboard.type(EMAIL)
    tab_to(page, "#password", max_presses=3)
    page.keyboard.type(PASSWORD)
    submit_with_enter(page)
    page.wait_for_url(base + COURSE)
    press_enter_on(page, 'form[action$="/learning/tiny/enrol"] button')
    page.wait_for_url(base + COURSE)

    # The quiz, from the course outline.
    press_enter_on(page, f'a[href="{QUIZ}"]')
    page.wait_for_url(base + QUIZ)
    expect(page.locator("h1")).to_have_count(1)
    check_page(page)

    # First attempt: a wrong answer.
    press_enter_on(page, f'form[action$="{QUIZ}/attempts"] button')
    page.wait_for_url(base + QUIZ + "/attempts/1")
    expect(page.locator("fieldset legend")).to_contain_text("What is a cooperative?")
    check_page(page)
    answer_and_submit(page, arrow_presses=1)
    page.wait_for_url(base + QUIZ + "/attempts/1")
    expect(page.locator("#your-result")).to_be_visible()
    expect(page.locator(".panel")).to_contain_text("Not passed")
    expect(page.locator(".feedback")).to_contain_text("Think again about who owns it.")
    check_page(page)

    # Back to the quiz, a second attempt, the right answer.
    press_enter_on(page, f'main a[href="{QUIZ}"]')
    page.wait_for_url(base + QUIZ)
    expect(page.locator("table")).to_contain_text("Not passed")
    press_enter_on(page, f'form[action$="{QUIZ}/attempts"] button')
    page.wait_for_url(base + QUIZ + "/attempts/2")
    answer_and_submit(page, arrow_presses=0)
    page.wait_for_url(base + QUIZ + "/attempts/2")
    expect(page.locator(".panel dd").nth(2)).to_contain_text("Passed")
    expect(page.locator(".panel")).not_to_contain_text("Not passed")
    check_page(page)

    # The course page marks the quiz passed.
    press_enter_on(page, f'main a[href="{COURSE}"]')
    page.wait_for_url(base + COURSE)
    expect(page.locator("ol.lesson-list li.is-done")).to_contain_text("Passed")

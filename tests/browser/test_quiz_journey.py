"""A learner takes a quiz on a small phone with the keyboard only, fails, then passes.

The quiz page, the attempt form and the result page are checked with axe-core
and for sideways scrolling.
"""

from __future__ import annotations

import pytest
from flask_babel import force_locale, gettext, ngettext
from playwright.sync_api import Page, expect
from sqlalchemy import select

from academy.auth.models import User
from academy.extensions import db
from academy.quizzes.models import Attempt
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
    expect(page.locator(".result-headline")).to_contain_text("Passed")
    expect(page.locator(".panel")).not_to_contain_text("Not passed")
    check_page(page)

    # The course page marks the quiz passed.
    press_enter_on(page, f'main a[href="{COURSE}"]')
    page.wait_for_url(base + COURSE)
    expect(page.locator("ol.lesson-list li.is-done")).to_contain_text("Passed")


# A quiz with a one-word answer, a choice and an order, three attempts.
SAFE_QUIZ = """\
title: {en: "Safe check", fr: "Vérification"}
pass_mark: 100
max_attempts: 3
feedback: after_each_attempt
questions:
  - id: principle
    type: short
    text: {en: "One member, one ...", fr: "Un membre, une ..."}
    answers: {en: [vote], fr: [voix]}
  - id: definition
    type: single
    text: {en: "What is a cooperative?", fr: "Qu'est-ce qu'une coopérative ?"}
    choices:
      - {id: owned, correct: true, text: {en: Owned by its members, fr: Possédée par ses membres}}
      - {id: state, text: {en: A state agency, fr: Un organisme public}}
  - id: steps
    type: ordering
    text: {en: Put in order, fr: Mettez dans l'ordre}
    items:
      - {id: meet, text: {en: Meet, fr: Se réunir}}
      - {id: register, text: {en: Register, fr: Enregistrer}}
"""
SAFE = "/courses/tiny/quizzes/safe"


@pytest.fixture
def safe_quiz_server(live_server, tmp_path):
    with live_server.app.app_context():
        import_package(package(tmp_path, {"01-start/04-safe.quiz.yaml": SAFE_QUIZ}))
    return live_server


def _open_attempts(app, email: str) -> list[Attempt]:
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        return list(db.session.scalars(select(Attempt).where(Attempt.user_id == user.id)))


def _in(app, language: str, message) -> str:
    """message() in language, as the interface's catalogue gives it."""
    with app.test_request_context(), force_locale(language):
        return message()


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_an_attempt_is_not_lost_by_enter_or_a_missed_question(
    make_context, safe_quiz_server, language
) -> None:
    """Enter saves, a repeated position and a missing answer are caught, the result leads on."""
    server, base = safe_quiz_server, safe_quiz_server.url
    email = f"safe-{language}@example.org"
    with server.app.app_context():
        if db.session.scalar(select(User).where(User.email == email)) is None:
            make_user(email, locale=language)
    page = make_context(locale=language, bypass_csp=True).new_page()
    page.goto(base + "/auth/sign-in?next=" + COURSE)
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(base + COURSE)
    page.locator('form[action$="/learning/tiny/enrol"] button').click()
    page.wait_for_url(base + COURSE)
    page.goto(base + SAFE)
    page.locator(f'form[action$="{SAFE}/attempts"] button').click()
    page.wait_for_url(base + SAFE + "/attempts/1")

    # A one-word answer, then the phone's Go key: saved, not submitted.
    tab_to(page, 'input[name="q1"]')
    page.keyboard.type("voix")
    submit_with_enter(page)
    assert page.url == base + SAFE + "/attempts/1"
    saved = _in(
        server.app,
        language,
        lambda: gettext("Your answers are saved. Press Finish when you are ready."),
    )
    expect(page.locator(".flash--success")).to_have_text(saved)
    expect(page.locator('input[name="q1"]')).to_have_value("voix")
    [attempt] = _open_attempts(server.app, email)
    assert (attempt.state, attempt.responses["principle"]) == ("open", "voix")
    check_page(page)

    # The same position twice: refused at the question, the answer kept.
    page.select_option('select[name="q3-1"]', "1")
    page.select_option('select[name="q3-2"]', "1")
    page.locator('button[value="finish"]').click()
    expect(page.locator("#q3-error")).to_be_visible()
    expect(page.locator('input[name="q1"]')).to_have_value("voix")
    check_page(page)

    # The choice left unanswered: finishing asks first, with a link to it.
    page.select_option('select[name="q3-2"]', "2")
    page.locator('button[value="finish"]').click()
    expect(page.locator(f'main a[href="{SAFE}/attempts/1#q2"]')).to_be_visible()
    assert _open_attempts(server.app, email)[0].state == "open"
    check_page(page)
    tab_to(page, 'button[value="confirm"]')
    submit_with_enter(page)

    # The result: not passed, two attempts left, a button to try again.
    page.wait_for_url(base + SAFE + "/attempts/1")
    retry = page.locator(f'.panel form[action$="{SAFE}/attempts"] button')
    expect(retry).to_be_visible()
    left = _in(
        server.app,
        language,
        lambda: ngettext("You have %(num)d attempt left.", "You have %(num)d attempts left.", 2),
    )
    expect(page.locator(".panel")).to_contain_text(left)
    assert [a.state for a in _open_attempts(server.app, email)] == ["submitted"]
    check_page(page)
    retry.click()
    page.wait_for_url(base + SAFE + "/attempts/2")

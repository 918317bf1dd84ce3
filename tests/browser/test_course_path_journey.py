"""The course path through quizzes, on a 360 px phone in French, with the keyboard only.

A learner enrolled in the sample course marks the fourth lesson complete and
lands on the fifth (module 2's last) with the confirmation in the status
region; "next" from there reaches the module's quiz, whose own pager leads
back; marking the fifth lesson complete lands on the quiz too; the course
page says, in words, that the quiz is not started. axe-core on every page.
"""

from __future__ import annotations

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

EMAIL = "awa.diop@example.org"
COURSE = "/courses/sample-course/"
LESSON = COURSE + "lessons/"
QUIZ = COURSE + "quizzes/check"


@pytest.fixture
def path_server(live_server):
    with live_server.app.app_context():
        import_package(SAMPLE_PACKAGE)  # unchanged packages are not imported twice
        if db.session.scalar(select(User).where(User.email == EMAIL)) is None:
            make_user(EMAIL, locale="fr", name="Awa Diop")
    return live_server


def press_enter_on(page: Page, selector: str) -> None:
    tab_to(page, selector, max_presses=80)
    submit_with_enter(page)


def test_the_path_leads_through_the_quiz_on_a_phone(axe_page: Page, path_server) -> None:
    page, base = axe_page, path_server.url
    page.goto(base + "/auth/sign-in?next=" + COURSE)
    tab_to(page, "#email")
    page.keyboard.type(EMAIL)
    tab_to(page, "#password", max_presses=3)
    page.keyboard.type(PASSWORD)
    submit_with_enter(page)
    page.wait_for_url(base + COURSE)
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    if page.locator('form[action$="/learning/sample-course/enrol"]').count():
        press_enter_on(page, 'form[action$="/learning/sample-course/enrol"] button')
        page.wait_for_url(base + COURSE)

    # Mark as complete on the fourth lesson: on to the fifth, with the confirmation.
    page.goto(base + LESSON + "principles")
    press_enter_on(page, 'form[action$="/complete"] button')
    page.wait_for_url(base + LESSON + "summary")
    expect(page.locator('.flashes[role="status"]')).to_contain_text(
        translated("Lesson marked as complete.", "fr")
    )
    check_page(page)

    # "Next" after the module's last lesson is its quiz.
    next_link = page.locator('.pager a[rel="next"]')
    expect(next_link).to_contain_text(translated("Next: quiz", "fr"))
    press_enter_on(page, '.pager a[rel="next"]')
    page.wait_for_url(base + QUIZ)
    check_page(page)

    # The quiz page leads back along the same path.
    expect(page.locator('.pager a[rel="prev"]')).to_have_attribute("href", LESSON + "summary")
    press_enter_on(page, '.pager a[rel="prev"]')
    page.wait_for_url(base + LESSON + "summary")

    # Marking the module's last lesson complete lands on the quiz.
    press_enter_on(page, 'form[action$="/complete"] button')
    page.wait_for_url(base + QUIZ)
    expect(page.locator('.flashes[role="status"]')).to_contain_text(
        translated("Lesson marked as complete.", "fr")
    )
    check_page(page)

    # The course page says where the learner stands on the quiz, in words.
    page.goto(base + COURSE)
    quiz_row = page.locator(f'ol.lesson-list li:has(a[href="{QUIZ}"])')
    expect(quiz_row).to_contain_text(translated("Not started", "fr"))
    check_page(page)

"""A trainer opens a cohort with an enrolment key; a learner joins it from the course page.

On a small phone: the trainer creates the cohort (a key too short first, then
a good one), the cohort is listed on the course's workspace page, and a learner
types the key on the course page and is enrolled in the cohort's language.
Every page is checked with axe-core and for sideways scrolling.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from academy.auth.models import User
from academy.courses.models import Course, CourseOwner
from academy.database import utcnow
from academy.extensions import db
from academy.learning.models import Cohort, Enrolment
from tests.browser.test_journey import check_page, submit_with_enter, tab_to
from tests.conftest import SAMPLE_PACKAGE, import_package
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.browser

TRAINER = "cohort.owner@example.org"
LEARNER = "cohort.learner@example.org"
NAME = "Travailler ensemble 2027, en ligne"
KEY = "cooperons-2027"


@pytest.fixture
def cohort_server(live_server):
    with live_server.app.app_context():
        import_package(SAMPLE_PACKAGE)
        course = db.session.scalar(select(Course).where(Course.slug == "sample-course"))
        # The live server is shared by the session's browser tests: make only what is missing.
        trainer = db.session.scalar(select(User).where(User.email == TRAINER))
        if trainer is None:
            trainer = make_user(TRAINER, role="trainer", name="Aminata Sow")
            make_user(LEARNER, name="Kofi Mensah")
        if db.session.get(CourseOwner, (course.id, trainer.id)) is None:
            db.session.add(CourseOwner(course_id=course.id, user_id=trainer.id))
            db.session.commit()
    return live_server


def sign_in(page: Page, base: str, email: str, next_path: str) -> None:
    page.goto(f"{base}/auth/sign-in?next={next_path}")
    tab_to(page, "#email")
    page.keyboard.type(email)
    tab_to(page, "#password", max_presses=3)
    page.keyboard.type(PASSWORD)
    submit_with_enter(page)
    page.wait_for_url(base + next_path)


def enrol_from_file(page: Page) -> None:
    """On the cohort's page: a file with a bad line is refused by line; the fixed one enrols."""
    bad = "\ufeffemail;name\r\nawa@example.org;Awa Diop\r\nnot-an-address;B\r\n"
    tab_to(page, "#enrolment-file", max_presses=120)
    page.set_input_files("#enrolment-file", files=[_csv(bad)])
    tab_to(page, 'form[action$="/enrolments"] button', max_presses=3)
    submit_with_enter(page)
    expect(page.locator(".error-summary")).to_contain_text(
        "Line 3, column email: not-an-address is not an email address."
    )
    check_page(page)
    good = "\ufeffemail;name\r\nawa@example.org;Awa Diop\r\n"
    page.set_input_files("#enrolment-file", files=[_csv(good)])
    tab_to(page, 'form[action$="/enrolments"] button', max_presses=10)
    submit_with_enter(page)
    expect(page.locator(".flashes")).to_contain_text("1 invitation mailed")


def _csv(text: str) -> dict:
    return {"name": "learners.csv", "mimeType": "text/csv", "buffer": text.encode()}


def test_a_trainer_opens_a_cohort_and_a_learner_joins_with_its_key(
    make_context, cohort_server
) -> None:
    base = cohort_server.url
    workspace = "/trainers/courses/sample-course/"
    page = make_context(bypass_csp=True).new_page()
    sign_in(page, base, TRAINER, workspace)
    check_page(page)

    tab_to(page, 'a[href$="/cohorts/new"]', max_presses=120)
    submit_with_enter(page)
    check_page(page)
    page.fill("#name", NAME)
    page.select_option("#content_language", "fr")
    yesterday = (utcnow() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    page.fill("#enrolment_opens_at", yesterday)
    page.fill("#starts_on", "2027-02-02")
    page.fill("#capacity", "40")
    page.fill("#key", "short")
    tab_to(page, "form.form button[type=submit]", max_presses=40)
    submit_with_enter(page)
    expect(page.locator(".error-summary")).to_contain_text("Use at least 6 characters.")
    expect(page.locator("#key")).to_have_value("")  # a typed key is never sent back
    check_page(page)

    page.fill("#key", KEY)
    tab_to(page, "form.form button[type=submit]", max_presses=40)
    submit_with_enter(page)
    expect(page.locator(".flashes")).to_contain_text(f"The cohort {NAME} is created.")
    check_page(page)
    enrol_from_file(page)
    page.goto(base + workspace)
    expect(page.locator("#cohorts-title + ul")).to_contain_text(NAME)

    # The learner, on their own phone.
    learner = make_context(bypass_csp=True).new_page()
    sign_in(learner, base, LEARNER, "/courses/sample-course/")
    check_page(learner)
    tab_to(learner, "#join-key", max_presses=80)
    learner.keyboard.type(KEY)
    submit_with_enter(learner)
    expect(learner.locator(".flashes")).to_contain_text(f"You have joined the cohort {NAME}.")
    expect(learner.locator("progress")).to_be_visible()
    expect(learner.locator("#join-key")).to_have_count(0)
    check_page(learner)

    with cohort_server.app.app_context():
        cohort = db.session.scalar(select(Cohort).where(Cohort.name == NAME))
        user = db.session.scalar(select(User).where(User.email == LEARNER))
        enrolment = db.session.scalar(select(Enrolment).where(Enrolment.user_id == user.id))
        assert (enrolment.cohort_id, enrolment.content_language) == (cohort.id, "fr")

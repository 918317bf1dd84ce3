"""A certificate waits for its learner's name: everyone sees why, the name issues it.

A learner whose account has no name to print completed the course. Their
trainer's cohort page and the admins' certificates page say why no
certificate was issued; the learner reads on the course page and on "My
certificates" that they should add their name, follows the link to their
account settings with the keyboard, saves it, and finds the certificate.
Every page is checked with axe-core at 360 px.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from academy.courses.models import Course
from academy.extensions import db
from academy.learning.models import Cohort, CourseCompletion
from tests.browser.test_cohort_journey import sign_in
from tests.browser.test_journey import check_page, submit_with_enter, tab_to
from tests.conftest import SAMPLE_PACKAGE, import_package
from tests.factories import make_user
from tests.trainers.cohorts_world import join, make_cohort

pytestmark = pytest.mark.browser

TRAINER = "name.trainer@example.org"
ADMIN = "name.admin@example.org"
LEARNER = "no.name.yet@example.org"
COHORT = "Saint-Louis 2027"
STATUS = "Completed — no certificate yet: the account has no name to print"


@pytest.fixture
def waiting_server(live_server):
    with live_server.app.app_context():
        import_package(SAMPLE_PACKAGE)
        course = db.session.scalar(select(Course).where(Course.slug == "sample-course"))
        cohort = db.session.scalar(select(Cohort).where(Cohort.name == COHORT))
        if cohort is None:
            trainer = make_user(TRAINER, role="trainer", name="Tidiane Trainer")
            make_user(ADMIN, role="admin", name="Adama Admin")
            cohort = make_cohort(course, trainer, name=COHORT)
            learner = join(cohort, course, email=LEARNER, name="")
            db.session.add(CourseCompletion(user_id=learner.id, course_id=course.id))
            db.session.commit()
        live_server.cohort_id = cohort.id
    return live_server


def test_a_learner_adds_their_name_and_receives_the_certificate(
    make_context, waiting_server
) -> None:
    base = waiting_server.url
    trainer = make_context(bypass_csp=True).new_page()
    sign_in(trainer, base, TRAINER, f"/trainers/cohorts/{waiting_server.cohort_id}/")
    expect(trainer.locator("#learners tbody")).to_contain_text(STATUS)
    expect(trainer.locator("#certificates")).to_contain_text(STATUS)
    check_page(trainer)

    admin = make_context(bypass_csp=True).new_page()
    sign_in(admin, base, ADMIN, "/certificates/admin")
    expect(admin.locator("form .choice", has_text=LEARNER)).to_contain_text(STATUS)
    check_page(admin)

    page = make_context(bypass_csp=True).new_page()
    sign_in(page, base, LEARNER, "/courses/sample-course/")
    expect(page.locator("#name-needed")).to_contain_text(
        "Your certificate is waiting for your name."
    )
    check_page(page)
    page.goto(f"{base}/certificates/")
    expect(page.locator("main")).to_contain_text("Waiting for your name")
    check_page(page)
    tab_to(page, 'main a[href$="/account/"]', max_presses=60)
    submit_with_enter(page)
    page.locator("#name").fill("Ndèye Fatou Sarr")
    tab_to(page, 'main form button[type="submit"]', max_presses=40)
    submit_with_enter(page)
    expect(page.locator(".flashes")).to_contain_text("1 certificate is issued with your name.")
    check_page(page)
    page.goto(f"{base}/certificates/")
    expect(page.locator("main")).not_to_contain_text("Waiting for your name")
    expect(page.locator(".certificate-list")).to_contain_text("Working together")
    check_page(page)
    assert LEARNER in [mail["To"] for mail in waiting_server.mails()]

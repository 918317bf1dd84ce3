"""A trainer follows a cohort on a small phone; a learner reads the announcement.

The cohort's trainer opens the cohort page, sorts the learners by progress
with the keyboard, downloads the table as CSV, opens a learner's page and
sends an announcement; a learner of the cohort finds it on the course page.
Every page is checked with axe-core at 360 px.
"""

from __future__ import annotations

import csv
import io

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from academy.courses.models import Course
from academy.extensions import db
from academy.learning.models import Cohort
from tests.browser.axe import assert_accessible
from tests.browser.test_certificate_journey import sign_in_with_keyboard
from tests.browser.test_journey import assert_fits_phone, submit_with_enter, tab_to
from tests.conftest import SAMPLE_PACKAGE, import_package
from tests.factories import make_user
from tests.trainers.cohorts_world import complete_lessons, join, make_cohort

pytestmark = pytest.mark.browser

TRAINER_EMAIL = "cohort.trainer@example.org"
LEARNER_EMAIL = "aminata.diallo@example.org"
COHORT_NAME = "Dakar 2027, online"


@pytest.fixture
def cohort_server(live_server):
    """The sample course with a cohort: its trainer and three learners at different points."""
    with live_server.app.app_context():
        import_package(SAMPLE_PACKAGE)
        course = db.session.scalar(select(Course).where(Course.slug == "sample-course"))
        cohort = db.session.scalar(select(Cohort).where(Cohort.name == COHORT_NAME))
        if cohort is None:
            trainer = make_user(TRAINER_EMAIL, role="trainer", name="Moussa Trainer")
            cohort = make_cohort(course, trainer, name=COHORT_NAME)
            aminata = join(cohort, course, email=LEARNER_EMAIL, name="Aminata Diallo")
            complete_lessons(aminata, course, ["welcome"])
            busy = join(cohort, course, email="binta.sow@example.org", name="Binta Sow")
            complete_lessons(busy, course, ["welcome", "working-together", "principles"])
            join(cohort, course, email="cheikh.fall@example.org", name="Cheikh Fall")
        live_server.cohort_id = cohort.id
    return live_server


def learner_names(page: Page) -> list[str]:
    return page.locator("#learners tbody tr td:first-child").all_inner_texts()


def test_a_trainer_follows_a_cohort_and_a_learner_reads_the_announcement(
    make_context, cohort_server
) -> None:
    base = cohort_server.url
    cohort_path = f"/trainers/cohorts/{cohort_server.cohort_id}/"

    trainer = make_context(bypass_csp=True).new_page()
    sign_in_with_keyboard(trainer, base, TRAINER_EMAIL, cohort_path)
    expect(trainer.locator("h1")).to_contain_text(COHORT_NAME)
    assert learner_names(trainer) == ["Aminata Diallo", "Binta Sow", "Cheikh Fall"]
    assert_accessible(trainer)
    assert_fits_phone(trainer)

    # Sort by progress with the keyboard: once ascending, then descending.
    progress = "#learners th a[href*='sort=progress']"
    tab_to(trainer, progress, max_presses=80)
    submit_with_enter(trainer)
    assert learner_names(trainer) == ["Cheikh Fall", "Aminata Diallo", "Binta Sow"]
    tab_to(trainer, progress, max_presses=80)
    submit_with_enter(trainer)
    assert learner_names(trainer) == ["Binta Sow", "Aminata Diallo", "Cheikh Fall"]
    header = trainer.locator("#learners th[aria-sort]")
    expect(header).to_have_attribute("aria-sort", "descending")
    expect(header).to_contain_text("Progress")
    assert_accessible(trainer)

    # Download the table as it is sorted.
    with trainer.expect_download() as download:
        trainer.get_by_role("link", name="Download the table (CSV)").click()
    data = download.value.path().read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Name", "Email"]
    assert [row[0] for row in rows[1:]] == ["Binta Sow", "Aminata Diallo", "Cheikh Fall"]
    assert [row[3] for row in rows[1:]] == ["3", "1", "0"]

    # A learner's page.
    trainer.get_by_role("link", name="Binta Sow").click()
    expect(trainer.locator("h1")).to_contain_text("Binta Sow")
    expect(trainer.get_by_text("2 of 3 lessons completed.")).to_be_visible()
    assert_accessible(trainer)
    assert_fits_phone(trainer)
    trainer.go_back()

    # Send an announcement, written in English; the other languages stay folded.
    tab_to(trainer, "#subject_en", max_presses=120)
    trainer.keyboard.type("Live session on Friday")
    tab_to(trainer, "#message_en", max_presses=3)
    trainer.keyboard.type("Dear all,\nWe meet on Friday at 10:00.")
    trainer.locator(".more-languages > summary").click()
    assert_accessible(trainer)
    trainer.locator(".more-languages > summary").click()
    tab_to(trainer, "#announcements button[type=submit]", max_presses=10)
    submit_with_enter(trainer)
    expect(trainer.locator(".flash")).to_contain_text("Announcement sent to 3 learners.")
    expect(trainer.locator("#announcements")).to_contain_text("Live session on Friday")
    assert_accessible(trainer)
    # The same page right to left, in Arabic.
    trainer.goto(f"{base}{cohort_path}?lang=ar")
    expect(trainer.locator("html")).to_have_attribute("dir", "rtl")
    assert_accessible(trainer)
    assert_fits_phone(trainer)
    mails = [mail for mail in cohort_server.mails() if "Live session" in mail["Subject"]]
    assert sorted(mail["To"] for mail in mails) == [
        "aminata.diallo@example.org",
        "binta.sow@example.org",
        "cheikh.fall@example.org",
    ]

    # The learner reads it on the course page.
    learner = make_context(bypass_csp=True).new_page()
    sign_in_with_keyboard(learner, base, LEARNER_EMAIL, "/courses/sample-course/")
    notices = learner.locator("section.announcements")
    expect(notices.locator("h3")).to_have_text("Live session on Friday")
    # the line break the trainer typed is kept
    assert "<p>Dear all,<br>We meet on Friday at 10:00.</p>" in notices.inner_html()
    assert_accessible(learner)
    assert_fits_phone(learner)

"""An admin, in Arabic on a phone, finds a user, changes their role and filters the audit log.

Every page of the console it passes through (home, users, a user, the audit
log, the courses and cohorts lists, a new account's form) is right to left,
fits 360 px and passes axe-core. Its own admin and learner addresses: the
live server is shared by every browser test.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from academy.auth.models import User
from academy.certificates.models import AuditEntry
from academy.extensions import db
from tests.browser.test_certificate_journey import sign_in_with_keyboard
from tests.browser.test_journey import check_page, submit_with_enter, tab_to
from tests.factories import make_user

pytestmark = pytest.mark.browser

ADMIN_EMAIL = "layla.console@example.org"
LEARNER_EMAIL = "hamid.console@example.org"


@pytest.fixture
def console_server(live_server):
    with live_server.app.app_context():
        if db.session.scalar(select(User).where(User.email == ADMIN_EMAIL)) is None:
            make_user(ADMIN_EMAIL, role="admin", name="ليلى منصور", locale="ar")
            make_user(LEARNER_EMAIL, name="Hamid Benali", locale="ar")
    return live_server


def check_arabic(page: Page) -> None:
    assert page.locator("html").get_attribute("dir") == "rtl", page.url
    check_page(page)


def learner(server) -> User:
    with server.app.app_context():
        return db.session.scalar(select(User).where(User.email == LEARNER_EMAIL))


def test_an_admin_finds_a_user_changes_the_role_and_reads_the_log_in_arabic(
    make_context, console_server
) -> None:
    base = console_server.url
    page = make_context(bypass_csp=True, locale="ar").new_page()
    sign_in_with_keyboard(page, base, ADMIN_EMAIL, "/admin/")
    check_arabic(page)
    for path in ("/admin/courses/", "/admin/cohorts/", "/admin/users/new"):
        page.goto(base + path)
        check_arabic(page)

    # Find Hamid by a piece of his name, typed in lower case.
    page.goto(base + "/admin/users/")
    check_arabic(page)
    tab_to(page, "#q")
    page.keyboard.type("benali")
    submit_with_enter(page)
    check_arabic(page)
    link = page.get_by_role("link", name="Hamid Benali")
    expect(link).to_have_count(1)
    link.click()
    page.wait_for_load_state("load")
    check_arabic(page)

    # Make him a trainer, with the keyboard.
    tab_to(page, "#role-0")  # learner (checked), trainer, admin: arrows move the choice
    page.keyboard.press("ArrowDown")
    expect(page.locator("#role-1")).to_be_checked()
    tab_to(page, "form[action$='/role'] button")
    submit_with_enter(page)
    check_arabic(page)
    expect(page.locator(".flash--success")).to_contain_text("تم تغيير الدور.")
    assert learner(console_server).role == "trainer"

    # The audit log, filtered to role changes, names the action in Arabic.
    page.goto(base + "/admin/audit/")
    check_arabic(page)
    page.select_option("#action", "change_role")
    page.fill("#actor", ADMIN_EMAIL)
    tab_to(page, "form.filters button")
    submit_with_enter(page)
    check_arabic(page)
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("تغيير الدور")
    expect(rows.first).to_contain_text("learner -> trainer")
    with console_server.app.app_context():
        hamid = learner(console_server)
        actions = db.session.scalars(
            select(AuditEntry.action).where(AuditEntry.subject_user_id == hamid.id)
        ).all()
    assert actions == ["change_role"]

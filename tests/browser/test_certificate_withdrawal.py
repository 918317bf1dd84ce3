"""A learner whose certificate cannot be printed, then who deletes their account and withdraws it.

On a phone, with the keyboard: the PDF link of a certificate whose course
template fails opens a clear page (503) pointing to the verification link;
the deletion page offers to withdraw the certificates; afterwards the
verification page answers 410 without the name. Each page is checked with axe-core.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from academy.certificates import services
from academy.courses.models import Course
from academy.extensions import db
from tests.browser.axe import assert_accessible
from tests.browser.test_certificate_journey import sign_in_with_keyboard
from tests.browser.test_journey import assert_fits_phone, submit_with_enter, tab_to
from tests.conftest import SAMPLE_PACKAGE, import_package
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.browser

EMAIL = "ama.owusu.withdraws@example.org"
NAME = "Ama Owusu"
STALLING = "{% for i in range(1000) %}{% for j in range(1000) %}{% endfor %}{% endfor %}"


def issue_with_a_broken_template(server) -> str:
    """Issue the learner's certificate while the course template fails, then restore it."""
    with server.app.app_context():
        import_package(SAMPLE_PACKAGE)
        course = db.session.scalar(select(Course).where(Course.slug == "sample-course"))
        learner = make_user(EMAIL, name=NAME)
        before = (course.certificate, course.certificate_template)
        course.certificate = {**course.certificate, "template": "certificate.html"}
        course.certificate_template = STALLING
        certificate = services.issue_certificate(learner, course)
        course.certificate, course.certificate_template = before
        db.session.commit()
        return certificate.public_id


def test_an_unprintable_certificate_then_a_withdrawal_on_a_phone(make_context, live_server):
    base = live_server.url
    public_id = issue_with_a_broken_template(live_server)

    page = make_context(bypass_csp=True).new_page()
    sign_in_with_keyboard(page, base, EMAIL, "/certificates/")
    response = page.goto(f"{base}/certificates/{public_id}.pdf")
    assert response is not None
    assert response.status == 503
    expect(page.locator("h1")).to_have_text("The PDF could not be made")
    expect(page.locator("main")).to_contain_text(f"/verify/{public_id}")
    assert_accessible(page)
    assert_fits_phone(page)

    page.goto(f"{base}/account/delete")
    assert_accessible(page)
    tab_to(page, "main #current_password", max_presses=80)
    page.keyboard.type(PASSWORD)
    tab_to(page, "main #understood", max_presses=3)
    page.keyboard.press("Space")
    tab_to(page, "main #withdraw_certificates", max_presses=3)
    page.keyboard.press("Space")
    tab_to(page, "main form button", max_presses=3)
    submit_with_enter(page)

    visitor = make_context(bypass_csp=True).new_page()
    response = visitor.goto(f"{base}/verify/{public_id}")
    assert response is not None
    assert response.status == 410
    expect(visitor.locator(".flash--error")).to_contain_text(
        "This certificate was withdrawn by its holder on"
    )
    expect(visitor.locator("main")).not_to_contain_text(NAME)
    assert_accessible(visitor)

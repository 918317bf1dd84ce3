"""An admin issues a face-to-face certificate on a small phone, with the keyboard only.

The admin signs in, opens the certificate page and issues the sample course's
certificate to a learner who never took it online. A visitor with no cookies
opens the verification link and sees it valid with the learner's name, and the
learner finds it on "My certificates". Each page is checked with axe-core.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from academy.auth.models import User
from academy.certificates.models import Certificate
from academy.extensions import db
from tests.browser.axe import assert_accessible
from tests.browser.test_journey import choose_with_arrows, submit_with_enter, tab_to
from tests.conftest import SAMPLE_PACKAGE, import_package
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.browser

ADMIN_EMAIL = "certificate.admin@example.org"
LEARNER_EMAIL = "kwame.mensah@example.org"
LEARNER_NAME = "Kwame Mensah"
COURSE_SLUG = "sample-course"


@pytest.fixture
def certificate_server(live_server):
    """The live server with the sample course, an admin and a learner who never took it."""
    with live_server.app.app_context():
        import_package(SAMPLE_PACKAGE)  # unchanged packages are not imported twice
        if db.session.scalar(select(User).where(User.email == ADMIN_EMAIL)) is None:
            make_user(ADMIN_EMAIL, role="admin", name="Grace Admin")
        if db.session.scalar(select(User).where(User.email == LEARNER_EMAIL)) is None:
            make_user(LEARNER_EMAIL, name=LEARNER_NAME)
    return live_server


def sign_in_with_keyboard(page: Page, base: str, email: str, next_path: str) -> None:
    page.goto(f"{base}/auth/sign-in?next={next_path}")
    tab_to(page, "#email")
    page.keyboard.type(email)
    tab_to(page, "#password", max_presses=3)
    page.keyboard.type(PASSWORD)
    submit_with_enter(page)
    page.wait_for_url(base + next_path)


def learner_certificate(server) -> Certificate | None:
    with server.app.app_context():
        learner = db.session.scalar(select(User).where(User.email == LEARNER_EMAIL))
        certificate = db.session.scalar(
            select(Certificate).where(Certificate.user_id == learner.id)
        )
        if certificate is not None:
            db.session.expunge(certificate)
        return certificate


def test_an_admin_issues_a_face_to_face_certificate_on_a_phone(
    make_context, certificate_server
) -> None:
    base = certificate_server.url
    assert learner_certificate(certificate_server) is None

    # The admin signs in and opens the certificate page.
    admin = make_context(bypass_csp=True).new_page()
    sign_in_with_keyboard(admin, base, ADMIN_EMAIL, "/certificates/admin")
    expect(admin.locator("h1")).to_have_text("Certificates")
    assert_accessible(admin)

    # Issue the certificate through the form: email, course, Enter.
    tab_to(admin, "main #email", max_presses=80)
    admin.keyboard.type(LEARNER_EMAIL)
    tab_to(admin, "main #course", max_presses=3)
    choose_with_arrows(admin, COURSE_SLUG)
    tab_to(admin, 'form[action$="/certificates/admin/issue"] button', max_presses=3)
    submit_with_enter(admin)
    admin.wait_for_url(base + "/certificates/admin")
    expect(admin.locator(".flashes")).to_contain_text(f"Certificate issued to {LEARNER_NAME}.")
    listing = admin.locator(".certificate-list li").filter(has_text=LEARNER_NAME)
    expect(listing).to_have_count(1)
    expect(listing).to_contain_text("face to face")
    assert_accessible(admin)

    # The verification link, read from the database.
    certificate = learner_certificate(certificate_server)
    assert certificate is not None
    assert certificate.face_to_face
    verify_path = f"/verify/{certificate.public_id}"

    # A visitor, with no cookies, opens it.
    visitor_context = make_context(bypass_csp=True)
    assert visitor_context.cookies() == []
    visitor = visitor_context.new_page()
    response = visitor.goto(base + verify_path)
    assert response is not None
    assert response.status == 200
    expect(visitor.locator("h1")).to_have_text("Certificate verification")
    expect(visitor.locator(".flash--success")).to_contain_text("This certificate is valid.")
    expect(visitor.locator("dl.facts")).to_contain_text(LEARNER_NAME)
    expect(visitor.locator('.site-nav a[href$="/certificates/admin"]')).to_have_count(0)
    assert_accessible(visitor)

    # The learner signs in and finds it on "My certificates".
    learner = make_context(bypass_csp=True).new_page()
    sign_in_with_keyboard(learner, base, LEARNER_EMAIL, "/certificates/")
    expect(learner.locator("h1")).to_have_text("My certificates")
    expect(learner.locator(".certificate-list li")).to_have_count(1)
    expect(learner.locator(".certificate-list input[readonly]")).to_have_value(
        re.compile(re.escape(verify_path) + "$")
    )
    linkedin = learner.get_by_role("link", name=re.compile("^Add to LinkedIn profile"))
    expect(linkedin).to_have_attribute(
        "href",
        re.compile(r"^https://www\.linkedin\.com/profile/add\?startTask=CERTIFICATION_NAME&"),
    )
    expect(linkedin).not_to_have_attribute("target", "_blank")
    assert_accessible(learner)

"""An employer checks a learner's credential on a phone, keyboard only, without JavaScript.

The learner's certificate is issued; a visitor opens its verification page,
downloads the credential (.json), follows "Check a credential file", uploads
it and reads that the signature holds and to whom it was awarded. After an
admin revokes the certificate, the same file is reported revoked. The learner
downloads her badge images from "My certificates" with the keyboard, and the
check page reads the credential baked into each. Each page is checked with
axe-core.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from academy.auth.models import User
from academy.certificates import services
from academy.courses.models import Course
from academy.extensions import db
from tests.browser.axe import assert_accessible
from tests.browser.test_journey import assert_fits_phone, submit_with_enter, tab_to
from tests.conftest import SAMPLE_PACKAGE, import_package
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.browser

EMAIL = "nadia.haddad@example.org"


def issued(server) -> str:
    with server.app.app_context():
        import_package(SAMPLE_PACKAGE)
        user = db.session.scalar(select(User).where(User.email == EMAIL))
        if user is None:
            user = make_user(EMAIL, name="Nadia Haddad")
        course = db.session.scalar(select(Course).where(Course.slug == "sample-course"))
        certificate = services.issue_certificate(user, course)
        db.session.commit()
        return certificate.public_id


def revoke(server, public_id: str) -> None:
    with server.app.app_context():
        services.revoke_certificate(services.by_public_id(public_id), None, "Issued by mistake")
        db.session.commit()


def upload(page, credential) -> None:
    page.set_input_files("#credential-file", str(credential))
    # Choosing a file opens the system's dialog, which a test cannot drive:
    # the file is set, then the keyboard goes on from the field.
    page.focus("#credential-file")
    tab_to(page, "main form button", max_presses=5)
    submit_with_enter(page)


def test_an_employer_checks_a_credential_then_sees_it_revoked(make_context, live_server, tmp_path):
    base = live_server.url
    public_id = issued(live_server)
    # Without JavaScript: the download, the link and the form are plain HTML.
    page = make_context(java_script_enabled=False, accept_downloads=True).new_page()
    page.goto(f"{base}/verify/{public_id}")
    with page.expect_download() as download:
        # The JSON file: the signed token in its envelope, as a JSON-only tool takes it.
        page.get_by_role(
            "link", name="Download its digital credential (Open Badges, .json)"
        ).click()
    credential = tmp_path / "credential.json"
    download.value.save_as(credential)
    tab_to(page, 'main a[href$="/verify/credential"]', max_presses=40)
    submit_with_enter(page)
    expect(page.locator("h1")).to_have_text("Check a credential")
    upload(page, credential)
    result = page.locator(".credential-result")
    expect(result).to_contain_text("The signature holds")
    expect(result).to_contain_text("Nadia Haddad")
    expect(result).to_contain_text("Not revoked")

    # The same pages pass axe-core (which needs JavaScript to run).
    checker = make_context(bypass_csp=True).new_page()
    checker.goto(f"{base}/verify/credential")
    assert_accessible(checker)
    upload(checker, credential)
    expect(checker.locator(".credential-result")).to_contain_text("The signature holds")
    assert_accessible(checker)

    revoke(live_server, public_id)
    upload(page, credential)
    expect(page.locator(".credential-result")).to_contain_text(
        "this credential was revoked: it is no longer valid"
    )
    upload(checker, credential)
    assert_accessible(checker)
    garbage = tmp_path / "garbage.jwt"
    garbage.write_text("not a credential")
    upload(checker, garbage)
    expect(checker.locator(".credential-result")).to_contain_text(
        "This file is not a credential this page can read"
    )
    assert_accessible(checker)


def sign_in(page, base: str, next_path: str) -> None:
    page.goto(f"{base}/auth/sign-in?next={next_path}")
    tab_to(page, "#email")
    page.keyboard.type(EMAIL)
    tab_to(page, "#password", max_presses=3)
    page.keyboard.type(PASSWORD)
    submit_with_enter(page)
    page.wait_for_url(base + next_path)


def test_a_learner_downloads_her_badges_and_they_check(make_context, live_server, tmp_path):
    base = live_server.url
    public_id = issued(live_server)
    page = make_context(java_script_enabled=False, accept_downloads=True).new_page()
    sign_in(page, base, "/certificates/")
    assert_fits_phone(page)
    badges = {}
    for kind in ("png", "svg"):
        # Keyboard only: Tab to the link, Enter downloads the file.
        tab_to(page, f'main a[href="/verify/{public_id}/badge.{kind}"]', max_presses=60)
        with page.expect_download() as download:
            page.keyboard.press("Enter")
        assert download.value.suggested_filename == f"badge-sample-course-{public_id}.{kind}"
        badges[kind] = tmp_path / f"badge.{kind}"
        download.value.save_as(badges[kind])

    page.goto(f"{base}/verify/credential")
    for kind in ("png", "svg"):
        upload(page, badges[kind])
        result = page.locator(".credential-result")
        expect(result).to_contain_text("The signature holds")
        expect(result).to_contain_text("Nadia Haddad")
        expect(result).to_contain_text("Not revoked")

    checker = make_context(bypass_csp=True).new_page()
    sign_in(checker, base, "/certificates/")
    assert_accessible(checker)
    checker.goto(f"{base}/verify/{public_id}")
    assert_accessible(checker)
    checker.goto(f"{base}/verify/credential")
    upload(checker, badges["png"])
    expect(checker.locator(".credential-result")).to_contain_text("The signature holds")
    assert_accessible(checker)
    elsewhere = SAMPLE_PACKAGE / "assets" / "circle.svg"
    upload(checker, elsewhere)
    expect(checker.locator(".credential-result")).to_contain_text(
        "This image carries no credential"
    )
    assert_accessible(checker)

"""An admin issues the certificates of a workshop in Dakar from a spreadsheet.

On a small phone, with the keyboard: from the console to the face-to-face
page, a file with a bad date is refused by its line, the corrected file
(as Excel writes it in French: BOM, `;`, CRLF, day first) is previewed as it
will be printed, nothing issued yet; "Issue 35 certificates" issues them,
and one of them verifies. Every page is checked with axe-core
and for sideways scrolling.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from academy.auth.models import User
from academy.extensions import db
from tests.browser.test_cohort_journey import sign_in
from tests.browser.test_journey import check_page, submit_with_enter, tab_to
from tests.conftest import SAMPLE_PACKAGE, import_package
from tests.factories import make_user

pytestmark = pytest.mark.browser

ADMIN = "workshop.admin@example.org"
HEADER = "Nom;Email;Course;Date;Country;Sex;Constituent group;Organisation"


@pytest.fixture
def workshop_server(live_server):
    with live_server.app.app_context():
        import_package(SAMPLE_PACKAGE)
        # The live server is shared by the session's browser tests: make only what is missing.
        if db.session.scalar(select(User).where(User.email == ADMIN)) is None:
            make_user(ADMIN, role="admin", name="Fatou Sarr")
    return live_server


def _participants(bad_date: bool = False) -> dict:
    lines = ["sep=;", HEADER.replace("Nom", "Name")]
    for n in range(1, 36):
        day = "14/03/26" if bad_date and n == 7 else "14/03/2026"
        lines.append(
            f"Participant{n} Ndiaye;dakar{n}@example.org;sample-course;{day};SN;"
            f"{'woman' if n % 2 else 'man'};sse_entity;Coopérative {n}"
        )
    text = "\ufeff" + "\r\n".join(lines) + "\r\n"
    return {"name": "atelier-dakar.csv", "mimeType": "text/csv", "buffer": text.encode()}


def _send(page: Page, file: dict) -> None:
    tab_to(page, "#participants-file", max_presses=60)
    page.set_input_files("#participants-file", files=[file])
    tab_to(page, 'form[enctype] button[type="submit"]', max_presses=3)
    submit_with_enter(page)


def test_an_admin_issues_a_workshops_certificates_from_a_spreadsheet(
    make_context, workshop_server
) -> None:
    base = workshop_server.url
    page = make_context(bypass_csp=True).new_page()
    sign_in(page, base, ADMIN, "/admin/")
    check_page(page)
    tab_to(page, 'a[href$="/admin/face-to-face/"]', max_presses=60)
    submit_with_enter(page)
    check_page(page)

    _send(page, _participants(bad_date=True))
    expect(page.locator(".error-summary")).to_contain_text(
        "Line 9, column Date: 14/03/26 cannot be read as a date"
    )
    check_page(page)

    _send(page, _participants())
    expect(page.locator("h1")).to_have_text("Check the certificates before issuing them")
    expect(page.locator("#to-issue-caption + thead + tbody tr")).to_have_count(35)
    expect(page.locator("main")).to_contain_text("35 certificates to issue.")
    check_page(page)
    assert "dakar7@example.org" not in [mail["To"] for mail in workshop_server.mails()]
    expect(page.locator('form[action$="/issue"] button')).to_have_text("Issue 35 certificates")
    tab_to(page, 'form[action$="/issue"] button', max_presses=60)
    submit_with_enter(page)
    expect(page.locator(".flashes")).to_contain_text(
        "35 certificates issued and mailed to their participants."
    )
    expect(page.locator("#issued-caption + thead + tbody tr")).to_have_count(35)
    check_page(page)

    page.locator("tbody a", has_text="Participant7 Ndiaye").click()
    page.wait_for_url(f"{base}/verify/**")
    expect(page.locator("main")).to_contain_text("Participant7 Ndiaye")
    check_page(page)
    mails = [mail["To"] for mail in workshop_server.mails()]
    assert "dakar7@example.org" in mails

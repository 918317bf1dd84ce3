"""Face-to-face certificates from a CSV file: all or nothing, every bad row by its line."""

from __future__ import annotations

import io
import re
from datetime import date
from html import unescape

import pytest
from sqlalchemy import func, select

from academy.auth.models import User
from academy.auth.services import change_email
from academy.certificates.models import AuditEntry, Certificate, Participant
from academy.certificates.services import issue_certificate
from academy.extensions import db
from tests.factories import make_user, reload, sign_in

URL = "/admin/face-to-face/"
HEADER = "name;email;course;date;country;sex;constituent group;organisation"


def excel(*lines: str) -> bytes:
    """As Excel writes CSV UTF-8 in French or Spanish: BOM, `;`, CRLF, day first."""
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode()


def libreoffice(*lines: str) -> bytes:
    """As LibreOffice writes it: no BOM, `,`, quoted fields, LF."""
    return ("\n".join(lines) + "\n").encode()


def upload(client, data: bytes, name: str = "workshop.csv"):
    return client.post(URL, data={"file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")  # fmt: skip


def preview(client, data: bytes) -> tuple[str, str]:
    """Send the file; the token of its preview and the preview page's text."""
    sent = upload(client, data)
    assert sent.status_code == 302, sent.text
    assert sent.location.startswith(URL)
    token = sent.location.removeprefix(URL).rstrip("/")
    page = client.get(sent.location)
    assert page.status_code == 200
    return token, page.text


def digest_of(page: str) -> str:
    return re.search(r'name="digest" value="([0-9a-f]{64})"', page).group(1)


def confirm(client, token: str, digest: str):
    return client.post(f"{URL}{token}/issue", data={"digest": digest})


def issue(client, data: bytes):
    """Send the file, then issue what its preview shows, as the admin does."""
    token, page = preview(client, data)
    return confirm(client, token, digest_of(page))


def text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())


def counts() -> tuple[int, int, int]:
    db.session.rollback()
    count = lambda model: db.session.scalar(select(func.count()).select_from(model))  # noqa: E731
    return count(Certificate), count(Participant), count(AuditEntry)


def certificate_of(email: str) -> Certificate:
    db.session.rollback()
    return db.session.scalar(
        select(Certificate)
        .join(Participant, Participant.certificate_id == Certificate.id)
        .where(Participant.email == email)
    )


@pytest.fixture
def admin(client, sample_course):
    user = make_user("f2f-admin@example.org", role="admin", name="Ada Admin")
    sign_in(client, user.email)
    return user


@pytest.mark.database
def test_an_excel_file_issues_every_certificate_and_mails_each_participant(client, admin, outbox):
    response = issue(
        client,
        excel(
            "sep=;",
            HEADER,
            "Awa Diop;Awa.Diop@Example.org;sample-course;14/03/2026;SN;woman;workers;CNTS",
            "Moussa Ndiaye;moussa@example.org;sample-course;2026-03-14;;;;",
        ),
    )
    assert response.status_code == 302
    assert response.location == URL
    assert counts() == (2, 2, 2)
    awa = certificate_of("awa.diop@example.org")
    assert (awa.user_id, awa.recipient_name, awa.face_to_face) == (None, "Awa Diop", True)
    assert (awa.course_slug, awa.language, awa.issuer) == ("sample-course", "en", "Ada Admin")
    assert awa.completed_at.date() == date(2026, 3, 14)
    participant = db.session.scalar(select(Participant).where(Participant.certificate_id == awa.id))
    assert (participant.attended_on, participant.country, participant.sex) == (
        date(2026, 3, 14), "SN", "woman")  # fmt: skip
    assert (participant.constituent_group, participant.organization) == ("workers", "CNTS")
    mails = {mail["To"]: mail for mail in outbox.messages()}
    assert set(mails) == {"awa.diop@example.org", "moussa@example.org"}
    link = outbox.link(mails["awa.diop@example.org"], contains="/verify/")
    assert link == f"http://academy.test/verify/{awa.public_id}"
    assert "http://academy.test/auth/register" in mails["awa.diop@example.org"].get_content()
    page = client.get(URL)
    assert page.status_code == 200
    assert "2 certificates issued and mailed to their participants." in text(page.text)
    assert f'href="http://academy.test/verify/{awa.public_id}"' in page.text


def test_a_libreoffice_file_with_quoted_fields_is_read(client, admin, outbox):
    response = issue(
        client,
        libreoffice(
            "Name,E-mail,Course_ID,Date,Language,Organisation",
            '"Diop, Awa",awa@example.org,sample-course,2026-03-14,fr,"Union, Dakar"',
        ),
    )
    assert response.status_code == 302
    awa = certificate_of("awa@example.org")
    assert (awa.recipient_name, awa.language) == ("Diop, Awa", "fr")
    assert awa.course_title == "Travailler ensemble : premiers pas dans les coopératives"
    assert outbox.last()["Content-Language"] == "fr"


GOOD = "Awa Diop;awa@example.org;sample-course;14/03/2026;SN;woman;workers;CNTS"


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "Awa Diop;awa@example.org;no-such-course;14/03/2026;;;;",
            "Line 3, column course: There is no course with the id no-such-course.",
        ),
        (
            "Awa Diop;awa@;sample-course;14/03/2026;;;;",
            "Line 3, column email: awa@ is not an email address.",
        ),
        (
            ";awa@example.org;sample-course;14/03/2026;;;;",
            "Line 3, column name: The name is missing.",
        ),
        (
            "Awa Diop;awa@example.org;sample-course;14/03/26;;;;",
            "Line 3, column date: 14/03/26 cannot be read as a date (the year has two "
            "digits). Write it as 2026-03-14, or day first: 14/03/2026.",
        ),
        (
            "Awa Diop;awa@example.org;sample-course;03/14/2026;;;;",
            "Line 3, column date: 03/14/2026 cannot be read as a date (it reads as month "
            "first). Write it as 2026-03-14, or day first: 14/03/2026.",
        ),
        (
            "Awa Diop;awa@example.org;sample-course;31/02/2026;;;;",
            "Line 3, column date: 31/02/2026 cannot be read as a date (there is no such "
            "day). Write it as 2026-03-14, or day first: 14/03/2026.",
        ),
        (
            "Awa Diop;awa@example.org;sample-course;2099-01-01;;;;",
            "Line 3, column date: 2099-01-01 is in the future.",
        ),
        (
            "Awa Diop;awa@example.org;sample-course;;;;;",
            "Line 3, column date: The date is missing.",
        ),
        (
            "Awa Diop;awa@example.org;sample-course;14/03/2026;XX;;;",
            "Line 3, column country: XX is not a country code: use two letters, such as SN.",
        ),
        (
            "Awa Diop;awa@example.org;sample-course;14/03/2026;;female;;",
            "Line 3, column sex: female is not one of the accepted values: woman, man, "
            "another, undisclosed.",
        ),
        (
            "Awa Diop;awa@example.org;sample-course;14/03/2026;;;union;",
            "Line 3, column constituent group: union is not one of the accepted values: "
            "government, employers, workers, sse_entity, training_research, other.",
        ),
        (
            "Awa Diop;awa@example.org;sample-course;14/03/2026;;;;;extra",
            "Line 3: This line has more fields than the first line has columns.",
        ),
    ],
)
def test_every_bad_row_is_reported_with_its_line_and_nothing_is_written(
    client, admin, outbox, row, expected
):
    response = upload(client, excel(HEADER, "Moussa Ndiaye;moussa@example.org;sample-course;"
                                    "2026-03-14;;;;", row))  # fmt: skip
    assert response.status_code == 400
    page = text(response.text)
    assert "No certificate was issued: the file has problems" in page
    assert "The file has 1 problem." in page
    assert expected in page
    assert counts() == (0, 0, 0)
    assert len(outbox) == 0


def test_every_problem_of_the_file_is_listed_not_only_the_first(client, admin):
    response = upload(
        client,
        excel(
            HEADER,
            GOOD,
            "Awa Diop;AWA@example.org;sample-course;2026-03-01;;;;",
            "Moussa;moussa@;sample-course;2026-03-01;;;;",
        ),
    )
    assert response.status_code == 400
    page = text(response.text)
    assert "The file has 2 problems." in page
    assert "Line 3, column email: awa@example.org is also on line 2 for this course." in page
    assert "Line 4, column email: moussa@ is not an email address." in page
    assert counts() == (0, 0, 0)


def test_a_participant_who_already_holds_the_certificate_is_shown_and_skipped(
    client, admin, sample_course, outbox
):
    assert issue(client, excel(HEADER, GOOD)).status_code == 302
    learner = make_user("amina@example.org", name="Amina Diallo")
    issue_certificate(learner, sample_course)
    db.session.commit()
    before = counts()
    mailed = len(outbox)
    token, page = preview(
        client,
        excel(
            HEADER,
            "Moussa Ndiaye;moussa@example.org;sample-course;2026-03-14;;;;",
            GOOD,
            "Amina Diallo;Amina@example.org;sample-course;2026-03-14;;;;",
        ),
    )
    shown = text(page)
    assert "1 certificate to issue." in shown
    assert "2 participants already hold a valid certificate for the course: not issued again." in (
        shown
    )
    assert "Issue 1 certificate" in shown
    held = text(page.split('id="held-title"')[1])
    assert "Awa Diop awa@example.org" in held
    assert "Amina Diallo amina@example.org" in held
    assert counts() == before
    assert confirm(client, token, digest_of(page)).status_code == 302
    assert counts() == (before[0] + 1, before[1] + 1, before[2] + 1)
    assert certificate_of("moussa@example.org").recipient_name == "Moussa Ndiaye"
    assert [mail["To"] for mail in outbox.messages()[mailed:]] == ["moussa@example.org"]


def test_a_file_whose_every_participant_holds_one_offers_nothing_to_issue(client, admin):
    assert issue(client, excel(HEADER, GOOD)).status_code == 302
    before = counts()
    token, page = preview(client, excel(HEADER, GOOD))
    assert "0 certificates to issue." in text(page)
    assert "/issue" not in page
    refused = confirm(client, token, "")
    assert refused.status_code == 302
    followed = text(client.get(URL).text)
    assert "Every participant of this file already holds a valid certificate" in followed
    assert counts() == before


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "The file is empty."),
        (excel(HEADER), "The file names no participant."),
        (
            "name;email;course;date\nAwa;a@example.org;sample-course;2026-03-14\n".encode(
                "cp1252"
            ).replace(b"Awa", b"\xc9va"),
            "The file is not in UTF-8",
        ),  # fmt: skip
        (excel("name;email;course"), "Line 1, column date: The first line must name the column"),
        (excel("name;email;course;date;phone"), "Line 1, column phone: Unknown column phone."),
    ],
)
def test_a_file_that_cannot_be_read_is_refused(client, admin, data, expected):
    response = upload(client, data)
    assert response.status_code == 400
    assert expected in text(response.text)
    assert counts() == (0, 0, 0)


def test_no_file_is_refused(client, admin):
    response = client.post(URL, data={}, content_type="multipart/form-data")
    assert response.status_code == 400
    assert "Choose the CSV file of the participants." in text(response.text)


@pytest.mark.database
def test_a_later_registration_with_that_address_attaches_the_certificate(
    app, client, admin, outbox
):
    issue(client, excel(HEADER, GOOD))
    public_id = certificate_of("awa@example.org").public_id
    visitor = app.test_client()
    visitor.post("/auth/register", data={
        "email": "Awa@Example.org", "name": "Awa Diop", "password": "river lantern autumn 42",
        "locale": "fr", "country": "SN", "constituent_group": "workers", "organization": "",
        "sex": "",
    })  # fmt: skip
    link = outbox.link(outbox.last(), contains="/auth/confirm/")
    assert visitor.post(link.removeprefix("http://academy.test")).status_code == 302
    user = db.session.scalar(select(User).where(User.email == "awa@example.org"))
    assert certificate_of("awa@example.org").user_id == user.id
    mine = visitor.get("/certificates/")
    assert mine.status_code == 200
    assert f"/verify/{public_id}" in mine.text
    assert visitor.get(f"/certificates/{public_id}.pdf").status_code == 200


def test_a_confirmed_account_with_that_address_holds_it_at_once(client, admin):
    learner = make_user("awa@example.org", name="Awa D.")
    issue(client, excel(HEADER, GOOD))
    certificate = certificate_of("awa@example.org")
    assert (certificate.user_id, certificate.recipient_name) == (learner.id, "Awa Diop")


def test_changing_an_accounts_address_to_it_attaches_the_certificate(client, admin):
    issue(client, excel(HEADER, GOOD))
    learner = make_user("awa.old@example.org")
    assert change_email(learner, "awa@example.org")
    db.session.commit()
    assert certificate_of("awa@example.org").user_id == learner.id


def test_an_account_holding_the_course_keeps_its_own_certificate(client, admin, sample_course):
    issue(client, excel(HEADER, GOOD))
    learner = make_user("awa.old@example.org")
    own = issue_certificate(learner, sample_course)
    db.session.commit()
    change_email(learner, "awa@example.org")
    db.session.commit()
    assert certificate_of("awa@example.org").user_id is None
    assert reload(own).user_id == learner.id


def test_it_verifies_and_only_admins_download_it_before_it_has_an_account(app, client, admin):
    issue(client, excel(HEADER, GOOD))
    public_id = certificate_of("awa@example.org").public_id
    visitor = app.test_client()
    verify = visitor.get(f"/verify/{public_id}")
    assert verify.status_code == 200
    assert "Awa Diop" in verify.text
    assert visitor.get(f"/certificates/{public_id}.pdf").status_code == 302
    make_user("other@example.org")
    learner = app.test_client()
    sign_in(learner, "other@example.org")
    assert learner.get(f"/certificates/{public_id}.pdf").status_code == 404
    pdf = client.get(f"/certificates/{public_id}.pdf")
    assert (pdf.status_code, pdf.mimetype) == (200, "application/pdf")


def test_the_console_links_the_page(client, admin):
    assert 'href="/admin/face-to-face/"' in client.get("/admin/").text


def rows(count: int, bad_last: bool = False) -> bytes:
    lines = [HEADER] + [
        f"Participant {n};p{n}@example.org;sample-course;14/03/2026;SN;woman;workers;Coop {n}"
        for n in range(count)
    ]
    if bad_last:
        lines[-1] = lines[-1].replace("14/03/2026", "14/03/26")
    return excel(*lines)


@pytest.mark.database
def test_a_5000_row_file_issues_in_one_transaction(client, admin, monkeypatch):
    commits, mailed = [], []

    def count_commit(_connection):
        commits.append(1)

    # Each mail's text is tested on small files; here only who gets one counts,
    # and composing 5,000 real messages would make this the slowest test by far.
    monkeypatch.setattr("academy.mail.compose_mail", lambda to, *_args, **_context: to)
    monkeypatch.setattr("academy.mail.deliver", lambda message: mailed.append(message) or True)

    token, page = preview(client, rows(5000))
    db.event.listen(db.engine, "commit", count_commit)
    try:
        response = confirm(client, token, digest_of(page))
    finally:
        db.event.remove(db.engine, "commit", count_commit)
    assert response.status_code == 302
    assert len(commits) == 1
    assert counts() == (5000, 5000, 5000)
    assert len(set(mailed)) == 5000


def test_a_5000_row_file_with_one_bad_row_writes_nothing(client, admin, outbox):
    response = upload(client, rows(5000, bad_last=True))
    assert response.status_code == 400
    assert "Line 5001, column date: 14/03/26 cannot be read as a date" in text(response.text)
    assert counts() == (0, 0, 0)
    assert len(outbox) == 0


def test_once_attached_it_is_in_the_persons_data_with_what_the_file_said(app, client, admin):
    issue(client, excel(HEADER, GOOD))
    public_id = certificate_of("awa@example.org").public_id
    make_user("awa@example.org", name="Awa Diop")
    learner = app.test_client()
    sign_in(learner, "awa@example.org")
    data = learner.get("/account/data.json").get_json()
    [certificate] = data["certificates"]
    assert certificate["public_id"] == public_id
    assert certificate["face_to_face_participant"] == {
        "email": "awa@example.org",
        "attended_on": "2026-03-14",
        "country": "SN",
        "sex": "woman",
        "constituent_group": "workers",
        "organization": "CNTS",
    }


def test_withdrawing_it_erases_the_address_and_organisation_but_keeps_the_counts(client, admin):
    from academy.certificates.withdrawal import withdraw_certificates

    issue(client, excel(HEADER, GOOD))
    learner = make_user("awa@example.org", name="Awa Diop")
    assert withdraw_certificates(learner) == 1
    db.session.commit()
    participant = db.session.scalar(select(Participant))
    assert (participant.email, participant.organization) == ("", None)
    assert (participant.country, participant.sex, participant.constituent_group) == (
        "SN", "woman", "workers")  # fmt: skip


def test_a_participants_certificate_without_an_account_is_not_reissued(client, admin):
    issue(client, excel(HEADER, GOOD))
    certificate = certificate_of("awa@example.org")
    response = client.post(
        f"/certificates/admin/{certificate.id}/reissue",
        data={"reason": "Misspelt"},
        follow_redirects=True,
    )
    assert "issued face to face to someone without an account" in text(response.text)
    assert counts() == (1, 1, 1)
    assert reload(certificate).state == "issued"

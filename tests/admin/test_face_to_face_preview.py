"""Face-to-face certificates are previewed, then issued once from the very file previewed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from academy.admin.face_to_face_uploads import FaceToFaceUpload
from academy.certificates.models import Certificate, Participant
from academy.database import utcnow
from academy.extensions import db
from tests.admin.test_face_to_face import (
    HEADER,
    URL,
    certificate_of,
    confirm,
    counts,
    digest_of,
    excel,
    preview,
    text,
)
from tests.factories import make_user, sign_in

WORKSHOP = excel(
    HEADER.replace("organisation", "organisation;language"),
    "Awa Diop;awa@example.org;sample-course;14/03/2026;SN;woman;workers;CNTS;fr",
    "Moussa Ndiaye;moussa@example.org;sample-course;2026-03-15;;;;;",
)


@pytest.fixture
def admin(client, sample_course):
    user = make_user("f2f-admin@example.org", role="admin", name="Ada Admin")
    sign_in(client, user.email)
    return user


def uploads() -> list[FaceToFaceUpload]:
    db.session.rollback()
    return list(db.session.scalars(select(FaceToFaceUpload)))


def test_the_preview_shows_each_certificate_as_printed_and_writes_nothing(client, admin, outbox):
    make_user("moussa@example.org", name="Moussa N.")
    token, page = preview(client, WORKSHOP)
    assert counts() == (0, 0, 0)
    assert len(outbox) == 0
    [kept] = uploads()
    assert (kept.uploaded_by_id, kept.issued_at, bytes(kept.data)) == (admin.id, None, WORKSHOP)
    shown = text(page)
    assert "2 certificates to issue." in shown
    assert "1 of them goes to an existing account at once" in shown
    assert "Issue 2 certificates" in shown
    table = text(page.split('<caption id="to-issue-caption">')[1].split("</table>")[0])
    assert table == (
        "Each certificate as it will be printed, in the file's order "
        "Name as printed Email Course Date Country Sex Constituent group Organisation Account "
        "Awa Diop awa@example.org Travailler ensemble : premiers pas dans les coopératives "
        "March 14, 2026 Senegal Woman Workers' organization CNTS Not yet "
        "Moussa Ndiaye moussa@example.org Working together: a first look at cooperatives "
        "March 15, 2026 Yes: joins it at once"
    )
    assert 'lang="fr">Travailler ensemble' in page
    assert f'action="{URL}{token}/issue"' in page
    assert f'action="{URL}{token}/cancel"' in page


@pytest.mark.database
def test_confirming_issues_exactly_the_previewed_rows_once(client, admin, outbox):
    token, page = preview(client, WORKSHOP)
    issued = confirm(client, token, digest_of(page))
    assert (issued.status_code, issued.location) == (302, URL)
    assert counts() == (2, 2, 2)
    awa, moussa = certificate_of("awa@example.org"), certificate_of("moussa@example.org")
    assert (awa.recipient_name, awa.course_title, awa.language) == (
        "Awa Diop", "Travailler ensemble : premiers pas dans les coopératives", "fr")  # fmt: skip
    assert (moussa.recipient_name, moussa.language) == ("Moussa Ndiaye", "en")
    assert (awa.completed_at.date().isoformat(), moussa.completed_at.date().isoformat()) == (
        "2026-03-14", "2026-03-15")  # fmt: skip
    assert sorted(mail["To"] for mail in outbox.messages()) == [
        "awa@example.org", "moussa@example.org"]  # fmt: skip
    [kept] = uploads()
    assert (kept.issued_count, bytes(kept.data)) == (2, b"")
    # A second click, or the back button and the button again: nothing twice.
    again = confirm(client, token, digest_of(page))
    assert (again.status_code, again.location) == (302, URL)
    assert counts() == (2, 2, 2)
    assert len(outbox) == 2
    followed = text(client.get(URL).text)
    assert "These certificates were already issued from this file. Nothing was issued again." in (
        followed
    )
    back = client.get(f"{URL}{token}/")
    assert (back.status_code, back.location) == (302, URL)


def test_an_expired_preview_is_refused_and_nothing_is_written(client, admin, outbox):
    token, page = preview(client, WORKSHOP)
    db.session.execute(update(FaceToFaceUpload).values(expires_at=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    refused = confirm(client, token, digest_of(page))
    assert refused.status_code == 410
    assert "This preview has expired (a preview can be confirmed for 60 minutes)." in text(
        refused.text
    )
    assert counts() == (0, 0, 0)
    assert len(outbox) == 0
    assert client.get(f"{URL}{token}/").status_code == 410
    # The next file sent clears the expired one away.
    preview(client, WORKSHOP)
    assert len(uploads()) == 1


@pytest.mark.parametrize("forged", ["not-a-token", "A" * 43])
def test_a_forged_token_is_refused_and_nothing_is_written(client, admin, outbox, forged):
    _token, page = preview(client, WORKSHOP)
    refused = confirm(client, forged, digest_of(page))
    assert refused.status_code == 404
    assert "There is no such preview: the link is wrong, or the preview was cancelled." in text(
        refused.text
    )
    assert client.get(f"{URL}{forged}/").status_code == 404
    assert counts() == (0, 0, 0)
    assert len(outbox) == 0


def test_another_admins_preview_is_not_theirs_to_issue(app, client, admin, outbox):
    token, page = preview(client, WORKSHOP)
    other = app.test_client()
    make_user("other-admin@example.org", role="admin", name="Olu Admin")
    sign_in(other, "other-admin@example.org")
    assert other.get(f"{URL}{token}/").status_code == 404
    assert confirm(other, token, digest_of(page)).status_code == 404
    assert other.post(f"{URL}{token}/cancel").status_code == 302
    assert counts() == (0, 0, 0)
    assert len(uploads()) == 1


def test_a_kept_file_that_no_longer_matches_its_digest_is_refused(client, admin, outbox):
    token, page = preview(client, WORKSHOP)
    db.session.execute(update(FaceToFaceUpload).values(data=WORKSHOP.replace(b"Awa", b"Eve")))
    db.session.commit()
    refused = confirm(client, token, digest_of(page))
    assert refused.status_code == 409
    assert "The file kept for this preview is damaged. Nothing was issued." in text(refused.text)
    assert counts() == (0, 0, 0)
    assert len(outbox) == 0


def test_a_preview_that_no_longer_holds_is_shown_again_not_issued(
    client, admin, outbox, sample_course
):
    from academy.certificates.services import issue_certificate

    token, page = preview(client, WORKSHOP)
    # Meanwhile Moussa completes the course online and receives its certificate.
    issue_certificate(make_user("moussa@example.org", name="Moussa Ndiaye"), sample_course)
    db.session.commit()
    before = counts()
    refused = confirm(client, token, digest_of(page))
    assert refused.status_code == 409
    shown = text(refused.text)
    assert "Something changed since the preview" in shown
    assert "1 certificate to issue." in shown
    assert counts() == before
    assert len(outbox) == 0
    assert confirm(client, token, digest_of(refused.text)).status_code == 302
    assert certificate_of("awa@example.org").recipient_name == "Awa Diop"
    assert counts() == (before[0] + 1, before[1] + 1, before[2] + 1)


def test_cancelling_forgets_the_file_and_issues_nothing(client, admin, outbox):
    token, page = preview(client, WORKSHOP)
    cancelled = client.post(f"{URL}{token}/cancel")
    assert (cancelled.status_code, cancelled.location) == (302, URL)
    assert "Cancelled. No certificate was issued, and the file is not kept." in text(
        client.get(URL).text
    )
    assert uploads() == []
    assert confirm(client, token, digest_of(page)).status_code == 404
    assert counts() == (0, 0, 0)
    assert len(outbox) == 0


def test_confirming_without_a_csrf_token_is_refused(make_app, sample_course):
    app = make_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    make_user("csrf-admin@example.org", role="admin", name="Ada Admin")
    sign_in(client, "csrf-admin@example.org")
    assert client.post(f"{URL}sometoken/issue", data={"digest": "0"}).status_code == 400
    total = db.session.scalar(select(func.count()).select_from(Certificate))
    assert total == 0
    assert db.session.scalar(select(func.count()).select_from(Participant)) == 0


@pytest.mark.database
def test_two_confirmations_at_once_issue_once(app, client, admin, outbox):
    import threading

    token, page = preview(client, WORKSHOP)
    digest = digest_of(page)
    clients = [app.test_client() for _ in range(2)]
    for other in clients:
        sign_in(other, admin.email)
    start, statuses = threading.Barrier(2), []

    def click(other) -> None:
        start.wait()
        statuses.append(confirm(other, token, digest).status_code)

    threads = [threading.Thread(target=click, args=(other,)) for other in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert statuses == [302, 302]
    assert counts() == (2, 2, 2)
    assert len(outbox) == 2

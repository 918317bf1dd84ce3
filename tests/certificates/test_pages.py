"""Verification, "My certificates" and the admin page: states, permissions, CSRF, limits."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from academy.certificates import services
from academy.certificates.models import AuditEntry, Certificate
from academy.extensions import db
from tests.certificates.helpers import (
    admin_issue_mode,
    learner_who_completed,
    signed_in_admin,
)
from tests.factories import make_user, reload, sign_in
from tests.test_pages import check_structure


def only_certificate(user) -> Certificate:
    return db.session.scalar(select(Certificate).where(Certificate.user_id == user.id))


def test_a_valid_certificate_verifies_without_an_account(client, sample_course):
    learner = learner_who_completed(client, sample_course, name="Amina Diallo")
    certificate = only_certificate(learner)
    client.post("/auth/sign-out")
    response = client.get(f"/verify/{certificate.public_id}")
    assert response.status_code == 200
    check_structure(response.text)
    assert "This certificate is valid." in response.text
    assert "Amina Diallo" in response.text
    assert "Working together: a first look at cooperatives" in response.text
    assert "SSE Academy" in response.text
    assert learner.email not in response.text


def test_a_revoked_certificate_says_so_and_links_its_replacement(client, sample_course):
    learner = learner_who_completed(client, sample_course)
    certificate = only_certificate(learner)
    admin = make_user(role="admin")
    replacement = services.reissue_certificate(certificate, admin, "Secret internal reason")
    db.session.commit()
    response = client.get(f"/verify/{certificate.public_id}")
    assert response.status_code == 200
    assert "This certificate was revoked on" in response.text
    assert "Secret internal reason" not in response.text
    assert f'href="/verify/{replacement.public_id}"' in response.text
    assert "This certificate is valid." in client.get(f"/verify/{replacement.public_id}").text


def test_an_unknown_certificate_is_a_clear_404(client):
    response = client.get("/verify/" + "x" * 32)
    assert response.status_code == 404
    check_structure(response.text)
    assert "There is no certificate with this id" in response.text


def test_verification_is_rate_limited(make_app, app, sample_course):
    limited = make_app(RATELIMIT_ENABLED=True).test_client()
    statuses = [limited.get("/verify/unknown-id").status_code for _ in range(61)]
    assert statuses[:60] == [404] * 60
    assert statuses[60] == 429


def test_my_certificates_lists_only_mine_with_a_link_to_copy(client, sample_course):
    other = learner_who_completed(client, sample_course, name="Other Learner")
    client.post("/auth/sign-out")
    learner = learner_who_completed(client, sample_course, name="Me Myself")
    mine, theirs = only_certificate(learner), only_certificate(other)
    response = client.get("/certificates/")
    assert response.status_code == 200
    check_structure(response.text)
    assert f"http://academy.test/verify/{mine.public_id}" in response.text
    assert theirs.public_id not in response.text
    field = re.search(r"<input [^>]*readonly[^>]*>", response.text).group(0)
    assert mine.public_id in field


def test_my_certificates_needs_an_account(client):
    response = client.get("/certificates/")
    assert response.status_code == 302
    assert "/auth/sign-in" in response.location


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/certificates/admin"),
        ("post", "/certificates/admin/issue"),
        ("post", "/certificates/admin/issue-ready"),
        ("post", "/certificates/admin/1/revoke"),
        ("post", "/certificates/admin/1/reissue"),
    ],
)
@pytest.mark.parametrize("role", ["learner", "trainer"])
def test_only_admins_reach_the_admin_pages(client, sample_course, method, url, role):
    user = make_user(role=role)
    sign_in(client, user.email)
    assert getattr(client, method)(url, data={"reason": "x"}).status_code == 403


def test_the_admin_page_lists_ready_completions_and_issues_them(client, sample_course, outbox):
    admin_issue_mode(sample_course)
    learner = learner_who_completed(client, sample_course, name="Waiting Learner")
    client.post("/auth/sign-out")
    signed_in_admin(client)
    response = client.get("/certificates/admin")
    assert response.status_code == 200
    check_structure(response.text)
    assert "Waiting Learner" in response.text
    [ready] = services.ready_to_issue()
    response = client.post(
        "/certificates/admin/issue-ready", data={"completion": [str(ready.completion.id)]}
    )
    assert response.status_code == 302
    certificate = only_certificate(learner)
    assert certificate.issuer == "Grace Admin"
    assert not certificate.face_to_face
    assert "1 certificate issued." in client.get("/certificates/admin").text
    # Issuing it notifies the learner, with the verification link.
    assert outbox.last()["To"] == learner.email
    assert f"/verify/{certificate.public_id}" in outbox.last().get_content()


def test_an_admin_issues_face_to_face_certificates(client, sample_course, outbox):
    learner = make_user(name="Face Learner")
    signed_in_admin(client)
    response = client.post(
        "/certificates/admin/issue", data={"email": learner.email, "course": "sample-course"}
    )
    assert response.status_code == 302
    certificate = only_certificate(learner)
    assert certificate.face_to_face
    assert certificate.completed_at is None
    assert certificate.recipient_name == "Face Learner"
    assert outbox.last()["To"] == learner.email


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "nobody@example.org", "course": "sample-course"}, "no account with this email"),
        ({"email": "LEARNER", "course": "no-such-course"}, "no course with this id"),
    ],
)
def test_bad_issue_input_changes_nothing(client, sample_course, data, message):
    learner = make_user()
    data = {**data, "email": data["email"].replace("LEARNER", learner.email)}
    signed_in_admin(client)
    response = client.post("/certificates/admin/issue", data=data)
    assert response.status_code == 400
    assert message in response.text
    assert db.session.scalar(select(Certificate)) is None


def test_admins_revoke_and_reissue_with_a_reason(client, sample_course):
    learner = learner_who_completed(client, sample_course, name="Before")
    certificate = only_certificate(learner)
    client.post("/auth/sign-out")
    admin = signed_in_admin(client)
    url = f"/certificates/admin/{certificate.id}"
    assert client.post(f"{url}/revoke", data={"reason": "  "}).status_code == 302
    assert reload(certificate).state == "issued"
    assert "Give the reason" in client.get("/certificates/admin").text
    learner.name = "After"
    db.session.commit()
    assert client.post(f"{url}/reissue", data={"reason": "Name fixed"}).status_code == 302
    certificate = reload(certificate)
    replacement = db.session.get(Certificate, certificate.replaced_by_id)
    assert (certificate.state, replacement.recipient_name) == ("revoked", "After")
    response = client.post(f"/certificates/admin/{replacement.id}/revoke", data={"reason": "Fraud"})
    assert response.status_code == 302
    assert reload(replacement).state == "revoked"
    entries = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [entry.action for entry in entries] == ["issue", "reissue", "issue", "revoke"]
    assert {entry.actor_id for entry in entries[1:]} == {admin.id}
    page = client.get("/certificates/admin").text
    assert "Name fixed" in page
    assert "Fraud" in page


def test_admin_forms_need_a_csrf_token(make_app, app, sample_course):
    csrf_client = make_app(WTF_CSRF_ENABLED=True).test_client()
    learner = make_user()
    certificate = services.issue_certificate(learner, sample_course)
    db.session.commit()
    admin = make_user(role="admin")
    page = csrf_client.get("/auth/sign-in").text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    csrf_client.post(
        "/auth/sign-in", data={"email": admin.email, "password": "correct horse battery staple",
                               "csrf_token": token},
    )  # fmt: skip
    url = f"/certificates/admin/{certificate.id}"
    assert csrf_client.post(f"{url}/revoke", data={"reason": "x"}).status_code == 400
    assert csrf_client.post(f"{url}/reissue", data={"reason": "x"}).status_code == 400
    response = csrf_client.post(
        "/certificates/admin/issue", data={"email": learner.email, "course": "sample-course"}
    )
    assert response.status_code == 400
    assert csrf_client.post("/certificates/admin/issue-ready", data={}).status_code == 400
    assert reload(certificate).state == "issued"
    admin_page = csrf_client.get("/certificates/admin").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', admin_page).group(1)
    response = csrf_client.post(f"{url}/revoke", data={"reason": "x", "csrf_token": token})
    assert response.status_code == 302
    assert reload(certificate).state == "revoked"

"""A deleted account's certificates: public unless withdrawn, and never reissued nameless."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from academy.certificates import withdrawal
from academy.certificates.models import AuditEntry, Certificate, CertificatePDF
from academy.extensions import db
from tests.certificates.helpers import learner_who_completed, signed_in_admin
from tests.factories import PASSWORD


def delete_account(client, **extra):
    data = {"current_password": PASSWORD, "understood": "y", **extra}
    response = client.post("/account/delete", data=data)
    assert response.status_code == 302


def test_a_deleted_accounts_certificate_stays_verifiable_by_default(client, sample_course):
    learner_who_completed(client, sample_course, name="Kwame Mensah")
    certificate = db.session.scalar(select(Certificate))
    delete_account(client)
    page = client.get(f"/verify/{certificate.public_id}")
    assert page.status_code == 200
    assert "This certificate is valid." in page.text
    assert "Kwame Mensah" in page.text


@pytest.mark.skipif(
    not __import__("shutil").which("pdftotext"), reason="the PDF cache needs a render"
)
def test_the_holder_can_withdraw_their_certificates_when_deleting(client, sample_course):
    learner = learner_who_completed(client, sample_course, name="Kwame Mensah")
    certificate = db.session.scalar(select(Certificate))
    assert client.get(f"/certificates/{certificate.public_id}.pdf").status_code == 200
    delete_account(client, withdraw_certificates="y")
    db.session.expire_all()
    row = db.session.get(Certificate, certificate.id)
    assert (row.state, row.recipient_name, row.revocation_reason) == (
        "revoked",
        "",
        withdrawal.WITHDRAWN,
    )
    entries = db.session.execute(select(AuditEntry.action, AuditEntry.actor_id)).all()
    assert entries == [("issue", None), ("revoke", learner.id)]
    assert db.session.scalars(select(CertificatePDF)).all() == []
    page = client.get(f"/verify/{certificate.public_id}")
    assert page.status_code == 410
    assert "This certificate was withdrawn by its holder on" in page.text
    assert "Kwame Mensah" not in page.text
    assert sample_course.slug not in page.text


def test_a_certificate_name_can_be_erased_but_never_changed(client, sample_course):
    learner_who_completed(client, sample_course, name="Kwame Mensah")
    certificate = db.session.scalar(select(Certificate))
    certificate.recipient_name = "Somebody Else"
    with pytest.raises(ValueError, match="cannot change after issue: recipient_name"):
        db.session.flush()
    db.session.rollback()


def test_a_deleted_accounts_certificate_is_never_reissued_without_a_name(client, sample_course):
    learner_who_completed(client, sample_course, name="Kwame Mensah")
    certificate = db.session.scalar(select(Certificate))
    delete_account(client)
    signed_in_admin(client)
    response = client.post(
        f"/certificates/admin/{certificate.id}/reissue", data={"reason": "New edition"}
    )
    assert response.status_code == 302
    db.session.expire_all()
    rows = db.session.execute(
        select(Certificate.state, Certificate.recipient_name).order_by(Certificate.id)
    ).all()
    assert rows == [("issued", "Kwame Mensah")]
    assert "deleted their account, so a reissue would print no name" in (
        client.get("/certificates/admin").text
    )


def test_an_admin_withdraws_a_certificate_from_the_command_line(runner, client, sample_course):
    learner_who_completed(client, sample_course, name="Kwame Mensah")
    certificate = db.session.scalar(select(Certificate))
    delete_account(client)
    result = runner.invoke(args=["certificates", "withdraw", certificate.public_id])
    assert result.exit_code == 0, result.output
    assert result.output == f"Withdrew {certificate.public_id}.\n"
    db.session.expire_all()
    row = db.session.get(Certificate, certificate.id)
    assert (row.state, row.recipient_name) == ("revoked", "")
    again = runner.invoke(args=["certificates", "withdraw", certificate.public_id])
    assert again.exit_code == 1
    assert again.stderr == "Error: this certificate was already withdrawn.\n"

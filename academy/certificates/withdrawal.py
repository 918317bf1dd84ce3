"""A holder withdraws their certificates: revoked, their name erased, their PDF forgotten.

A deleted account's certificates stay public unless the holder withdraws them
on the deletion page (academy.account), or later through an admin running
`academy certificates withdraw`. The record keeps its course and dates for
the audit log and the reports; its verification page then answers 410. Each
function flushes; the caller commits.
"""

from __future__ import annotations

from sqlalchemy import delete, update

from academy.auth.models import User
from academy.certificates import services
from academy.certificates.models import (
    ISSUED,
    REVOKED,
    Certificate,
    CertificatePDF,
    Participant,
)
from academy.certificates.signals import certificate_withdrawn
from academy.database import utcnow
from academy.extensions import db

# The revocation reason of a certificate its holder withdrew (shown to admins).
WITHDRAWN = "Withdrawn by its holder when they deleted their account"


def withdraw_certificate(certificate: Certificate, actor: User | None) -> bool:
    """At its holder's request, revoke certificate and erase the name it prints.

    Its verification page then says only that it was withdrawn; the rest of
    the record (course, dates) stays for the audit log and the reports. False
    if it was already withdrawn. actor is the holder, or None from the CLI.
    """
    if certificate.is_withdrawn:
        return False
    if certificate.state == ISSUED:
        certificate.state = REVOKED
        certificate.revoked_at = utcnow()
        certificate.revocation_reason = WITHDRAWN
    certificate.recipient_name = ""
    services.audit("revoke", certificate, actor, reason=WITHDRAWN)
    # A face-to-face certificate also kept the address it was mailed to and
    # the organisation; what the reports count (country, sex, group) stays.
    db.session.execute(
        update(Participant)
        .where(Participant.certificate_id == certificate.id)
        .values(email="", organization=None)
    )
    # The cached PDF prints the name too.
    db.session.execute(
        delete(CertificatePDF).where(CertificatePDF.certificate_id == certificate.id)
    )
    # So does its signed credential (academy.credentials).
    certificate_withdrawn.send(certificate=certificate)
    db.session.flush()
    return True


def withdraw_certificates(user: User) -> int:
    """Withdraw every certificate of user (on account deletion); how many were."""
    return sum(withdraw_certificate(c, user) for c in services.certificates_of(user))

"""The mail telling a learner their certificate was issued, in their language."""

from __future__ import annotations

from academy.auth.models import User
from academy.certificates.models import Certificate
from academy.certificates.services import verification_url
from academy.mail import send_mail


def send_certificate_issued(user: User, certificate: Certificate) -> None:
    if not user.email:
        return
    send_mail(
        user.email,
        "certificates/mail/issued_subject.txt",
        "certificates/mail/issued.txt",
        user.locale,
        user=user,
        certificate=certificate,
        link=verification_url(certificate),
    )

"""The mail telling a learner their certificate was issued, in their language."""

from __future__ import annotations

from email.message import EmailMessage

from flask import flash
from flask_babel import gettext as _
from flask_login import current_user

from academy.auth.models import User
from academy.certificates.models import Certificate
from academy.certificates.services import verification_url
from academy.mail import compose_mail, deliver_batch, send_composed_after_response, send_mail


def _mail(user: User, certificate: Certificate) -> dict:
    return {
        "subject_template": "certificates/mail/issued_subject.txt",
        "body_template": "certificates/mail/issued.txt",
        "locale": user.locale,
        "user": user,
        "certificate": certificate,
        "link": verification_url(certificate),
    }


def _messages(issued: list[tuple[User, Certificate]]) -> list[EmailMessage]:
    return [
        compose_mail(user.email, **_mail(user, certificate))
        for user, certificate in issued
        if user.email
    ]


def send_certificates_issued_after_response(issued: list[tuple[User, Certificate]]) -> None:
    """Mail each learner their new certificate once the response is sent, over one connection.

    Composed now (the rows are at hand), sent after. Call after the commit; a
    failure is only logged, and the certificate waits under "My certificates".
    """
    send_composed_after_response(_messages(issued))


def send_certificates_issued(issued: list[tuple[User, Certificate]]) -> int:
    """Mail each learner their new certificate now, over one connection; how many failed.

    For an admin issuing for others, who is told the count. Call after the commit.
    """
    return len(deliver_batch(_messages(issued)))


def send_certificate_issued(
    user: User, certificate: Certificate, *, tell_recipient: bool = True
) -> bool:
    """Mail the learner their new certificate; False when it could not be sent.

    The certificate is issued either way and waits under "My certificates".
    The learner who earned it in this request is told here; an admin issuing
    for others (tell_recipient=False) is told by the caller, once for all.
    """
    if not user.email:
        return True
    sent = send_mail(user.email, **_mail(user, certificate))
    if not sent and tell_recipient and current_user.get_id() is not None:
        flash(
            _(
                "Your certificate is issued, but we could not send you the mail about it. "
                'You can download it from "My certificates" at any time.'
            ),
            "error",
        )
    return sent

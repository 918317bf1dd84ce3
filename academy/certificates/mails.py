"""The mail telling a learner their certificate was issued, in their language."""

from __future__ import annotations

from flask import flash
from flask_babel import gettext as _
from flask_login import current_user

from academy.auth.models import User
from academy.certificates.models import Certificate
from academy.certificates.services import verification_url
from academy.mail import send_mail, send_mail_after_response


def _mail(user: User, certificate: Certificate) -> dict:
    return {
        "subject_template": "certificates/mail/issued_subject.txt",
        "body_template": "certificates/mail/issued.txt",
        "locale": user.locale,
        "user": user,
        "certificate": certificate,
        "link": verification_url(certificate),
    }


def send_certificate_issued_after_response(user: User, certificate: Certificate) -> None:
    """Mail the learner their new certificate once the response is sent (many at once).

    Call after the commit; a failure is only logged, and the certificate
    waits under "My certificates" all the same.
    """
    if user.email:
        send_mail_after_response(user.email, **_mail(user, certificate))


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

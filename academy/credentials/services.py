"""Each certificate's credential: built from its record, signed once, stored; functions flush.

Created when a certificate is issued (the certificates' `certificate_issued`
signal), or on first request for a certificate issued before credentials
existed, or while no key was configured. A withdrawn certificate has none.
"""

from __future__ import annotations

import logging
import secrets
import uuid

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from academy.auth.models import User
from academy.certificates.models import Certificate, Participant
from academy.certificates.services import verification_url
from academy.courses.content_languages import pick
from academy.courses.models import Course
from academy.credentials import document, issuer, keys, signing
from academy.credentials.bitstring import LIST_BITS
from academy.credentials.models import Credential
from academy.extensions import db
from academy.i18n import LANGUAGES

logger = logging.getLogger(__name__)


def status_list_url(list_number: int) -> str:
    return f"{current_app.config['BASE_URL']}/credentials/status/{list_number}"


def existing(certificate: Certificate) -> Credential | None:
    return db.session.scalar(select(Credential).where(Credential.certificate_id == certificate.id))


def token_for(certificate: Certificate) -> str | None:
    """The certificate's signed credential (a compact VC-JWT), made if need be.

    None for a withdrawn certificate, or when there is no signing key (only
    possible in production before `academy keys generate`). Flushes.
    """
    credential = credential_for(certificate)
    return credential.token if credential is not None else None


def credential_for(certificate: Certificate) -> Credential | None:
    if certificate.is_withdrawn:
        return None
    found = existing(certificate)
    if found is not None:
        return found
    key = issuer.signing_key()
    if key is None:
        return None
    return _create(certificate, *key)


def create_on_issue(_sender, certificate: Certificate, **_extra) -> None:
    """Signal receiver: sign a new certificate's credential now, if a key is at hand.

    Never makes a key here (issuing must not wait for one); without one the
    credential is made on first request.
    """
    try:
        key = keys.signing_key(issuer.folder())
    except (OSError, ValueError):
        # An unreadable key file must not stop a certificate being issued; the
        # credential is signed on first request, where the error shows.
        logger.exception("credential signing key unreadable; certificate %s", certificate.id)
        return
    if key is not None and existing(certificate) is None:
        _create(certificate, *issuer.signing_key())


def erase_on_withdrawal(_sender, certificate: Certificate, **_extra) -> None:
    """Signal receiver: forget the signed token and salt of a withdrawn certificate.

    The token prints the holder's name and hashes their address. The row and
    its status position stay, so the published list keeps saying "revoked"
    to anyone who still holds a copy of the file.
    """
    db.session.execute(
        update(Credential)
        .where(Credential.certificate_id == certificate.id)
        .values(token="", salt="")
    )


def _email(certificate: Certificate) -> str:
    if certificate.user_id is not None:
        user = db.session.get(User, certificate.user_id)
        if user is not None and user.email:
            return user.email
    participant = db.session.scalar(
        select(Participant).where(Participant.certificate_id == certificate.id)
    )
    return participant.email if participant is not None else ""


def _locale(language: str) -> str:
    base = language.split("-")[0].lower()
    return base if base in LANGUAGES else "en"


def _achievement(certificate: Certificate) -> document.Achievement:
    """The course as an Achievement, in the certificate's language.

    The course's own words (certificate settings' "achievement", else its
    summary) where it has them, else sentences of ours.
    """
    base = current_app.config["BASE_URL"]
    wanted = (certificate.settings or {}).get("achievement") or {}
    course = db.session.get(Course, certificate.course_id) if certificate.course_id else None
    summary = None
    if course is not None:
        summary = pick(course.summary, certificate.language, course.default_language)
    with force_locale(_locale(certificate.language)):
        description = wanted.get("description") or (
            str(summary)
            if summary
            else _("The course %(title)s of the SSE Academy.", title=certificate.course_title)
        )
        if certificate.duration_hours:
            hours = _("%(hours)s hours of study.", hours=f"{certificate.duration_hours:g}")
            description = f"{description} {hours}"
        criteria = wanted.get("criteria") or (
            _("Attended the face-to-face course %(title)s.", title=certificate.course_title)
            if certificate.face_to_face
            else _(
                "Completed every required lesson and passed every required quiz of the "
                "course %(title)s.",
                title=certificate.course_title,
            )
        )
    return document.Achievement(
        id=f"{base}/courses/{certificate.course_slug}/",
        name=certificate.course_title,
        description=description,
        criteria=criteria,
        language=certificate.language,
        version=certificate.course_version,
        tags=list(wanted.get("tags") or []),
        alignments=list(wanted.get("alignments") or []),
    )


def _evidence_narrative(certificate: Certificate) -> str:
    with force_locale(_locale(certificate.language)):
        if certificate.score_percent is not None:
            return _(
                "Certificate %(id)s, with a score of %(score)s%%.",
                id=certificate.public_id,
                score=f"{certificate.score_percent:g}",
            )
        return _("Certificate %(id)s.", id=certificate.public_id)


def _allocate_index() -> int:
    """A random free position: the list grows past one 131,072-bit list when half is used."""
    used = db.session.scalar(select(db.func.count(Credential.id))) or 0
    space = LIST_BITS * (1 + (2 * used) // LIST_BITS)
    return secrets.randbelow(space)


def _create(certificate: Certificate, kid: str, key) -> Credential:
    salt = secrets.token_hex(16)
    for _attempt in range(20):
        index = _allocate_index()
        payload = _payload(certificate, salt, index)
        credential = Credential(
            certificate_id=certificate.id,
            status_index=index,
            salt=salt,
            token=signing.sign(payload, kid, key),
            key_id=kid,
        )
        try:
            with db.session.begin_nested():
                db.session.add(credential)
        except IntegrityError:
            # The index was taken (or another request made this credential).
            found = existing(certificate)
            if found is not None:
                return found
            continue
        return credential
    raise RuntimeError("no free status list position after 20 tries")


def _payload(certificate: Certificate, salt: str, index: int) -> dict:
    credential = document.build(
        credential_id=verification_url(certificate),
        issuer=issuer.profile(_locale(certificate.language)),
        achievement=_achievement(certificate),
        recipient=document.Recipient(
            name=certificate.recipient_name, email=_email(certificate), salt=salt
        ),
        issued_at=certificate.issued_at,
        completed_at=certificate.completed_at,
        score=certificate.score_percent,
        evidence_url=verification_url(certificate),
        evidence_narrative=_evidence_narrative(certificate),
        status=document.Status(
            list_url=status_list_url(index // LIST_BITS), index=index % LIST_BITS
        ),
        # Random, so it names no one and links this credential to no other.
        subject_id=f"urn:uuid:{uuid.uuid4()}",
    )
    return document.claims(credential, certificate.issued_at)

"""Reading tokens, and certificates made directly, for the credential tests."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime

from academy.certificates.models import ISSUED, Certificate, Participant
from academy.certificates.services import new_public_id
from academy.extensions import db


def part(token: str, index: int) -> dict:
    segment = token.split(".")[index]
    return json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))


def payload(token: str) -> dict:
    return part(token, 1)


def face_to_face_certificate(
    course, email="kofi@example.org", score=None, settings=None
) -> Certificate:
    """A certificate issued face to face to someone with no account (the participant's email)."""
    certificate = Certificate(
        public_id=new_public_id(),
        user_id=None,
        course_id=course.id,
        recipient_name="Kofi Boateng",
        course_slug=course.slug,
        course_version=course.version,
        course_title="Travailler ensemble",
        language="fr",
        completed_at=None,
        score_percent=score,
        duration_hours=None,
        issued_at=datetime(2026, 3, 14, 9, 30, 15, 123456, tzinfo=UTC),
        issuer="Grace Admin",
        face_to_face=True,
        settings=settings or {},
        state=ISSUED,
    )
    db.session.add(certificate)
    db.session.flush()
    db.session.add(
        Participant(
            certificate_id=certificate.id, email=email, attended_on=datetime(2026, 3, 14).date()
        )
    )
    db.session.commit()
    return certificate


def did_kid_token(token: str, *, keep_sub: bool = False) -> str:
    """token signed again as credentials were before: kid a did:web method, no subject id.

    With keep_sub, the subject's id and sub stay (only the kid changes).
    """
    from academy.credentials import issuer, signing

    kid_uri, key = issuer.signing_key()
    kid = kid_uri.rsplit("/", 1)[1].removesuffix(".json")
    claims = payload(token)
    if not keep_sub:
        del claims["sub"]
        del claims["credentialSubject"]["id"]
    return signing.sign(claims, issuer.did_key_uri(kid), key)

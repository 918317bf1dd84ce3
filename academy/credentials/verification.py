"""Check a credential someone holds: signature, issuer, claims, and revocation now.

verify_token() takes the compact VC-JWT however it arrived (an uploaded
file, a badge image's baked credential) and never raises on bad input: the
result says what was wrong. Only our own keys are trusted: a credential of
another issuer is "not ours", not "valid".
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import select

from academy.certificates.models import Certificate
from academy.credentials import issuer, keys, signing
from academy.credentials.bitstring import LIST_BITS
from academy.credentials.models import Credential
from academy.extensions import db

# The largest token we look at; ours are a few kilobytes.
MAX_TOKEN_CHARS = 64 * 1024

# Verification.problem values (the page words them).
NOT_A_CREDENTIAL = "not a credential"
TOO_LARGE = "too large"
UNKNOWN_KEY = signing.UNKNOWN_KEY
BAD_SIGNATURE = signing.BAD_SIGNATURE
INCONSISTENT = "inconsistent"
# From an uploaded file (academy.credentials.uploads): an image that bakes no
# credential, one that cannot be read (detail says why), a JSON credential
# with an embedded proof, which we neither issue nor check.
NO_BAKED_CREDENTIAL = "no baked credential"
UNREADABLE_IMAGE = "unreadable image"
EMBEDDED_PROOF = "embedded proof"


@dataclass(frozen=True)
class Verification:
    """What a check found. valid: the signature holds and the claims agree with it."""

    valid: bool
    problem: str | None = None
    # The reason in the visitor's language, for UNREADABLE_IMAGE.
    detail: str | None = None
    key_id: str | None = None
    key_current: bool = False
    issuer_name: str | None = None
    issuer_id: str | None = None
    recipient_name: str | None = None
    achievement_name: str | None = None
    achievement_language: str | None = None
    valid_from: datetime | None = None
    # True or False when the status list says; None when it cannot (not ours).
    revoked: bool | None = None
    credential: dict = field(default_factory=dict)


# VC 2.0's EnvelopedVerifiableCredential carries a VC-JWT as a data: URL.
ENVELOPE_TYPE = "EnvelopedVerifiableCredential"
ENVELOPE_PREFIX = "data:application/vc+jwt,"


def token_from_file(data: bytes) -> str | None:
    """The compact JWT in an uploaded file.

    The token itself; a JSON string holding it; or a VC 2.0
    EnvelopedVerifiableCredential whose id is `data:application/vc+jwt,<token>`.
    """
    try:
        text = data.decode("utf-8").strip().lstrip("\ufeff").strip()
    except UnicodeDecodeError:
        return None
    if text.startswith(('"', "{")):
        try:
            text = _token_in_json(json.loads(text))
        except ValueError:
            return None
        if text is None:
            return None
    return text.strip() or None


def _token_in_json(value) -> str | None:
    if isinstance(value, str):
        return value
    if not isinstance(value, dict):
        return None
    types = value.get("type")
    types = [types] if isinstance(types, str) else types
    envelope = value.get("id")
    if (
        isinstance(types, list)
        and ENVELOPE_TYPE in types
        and isinstance(envelope, str)
        and envelope.startswith(ENVELOPE_PREFIX)
    ):
        return envelope.removeprefix(ENVELOPE_PREFIX)
    return None


def verify_token(token: str) -> Verification:
    """Check token (a compact VC-JWT) against our published keys and our status list."""
    if not isinstance(token, str) or not token:
        return Verification(valid=False, problem=NOT_A_CREDENTIAL)
    if len(token) > MAX_TOKEN_CHARS:
        return Verification(valid=False, problem=TOO_LARGE)
    published = keys.public_keys(issuer.folder())
    try:
        checked = signing.check(token.strip(), issuer.published_keys())
    except signing.BadToken as error:
        problem = NOT_A_CREDENTIAL if error.reason == signing.MALFORMED else error.reason
        return Verification(valid=False, problem=problem)
    claims = checked.claims
    facts = _facts(claims)
    if facts is None or not _consistent(claims):
        return Verification(valid=False, problem=INCONSISTENT, key_id=checked.kid)
    current = [uri for k in published if k.current for uri in issuer.kid_uris(k.kid)]
    return Verification(
        valid=True,
        key_id=checked.kid,
        key_current=checked.kid in current,
        revoked=_revoked(claims),
        credential=claims,
        **facts,
    )


def _facts(claims: dict) -> dict | None:
    try:
        subject = claims["credentialSubject"]
        achievement = subject["achievement"]
        names = [
            i.get("identityHash")
            for i in subject.get("identifier", [])
            if isinstance(i, dict) and i.get("identityType") == "name" and not i.get("hashed")
        ]
        return {
            "issuer_name": claims["issuer"]["name"],
            "issuer_id": claims["issuer"]["id"],
            "recipient_name": names[0] if names else None,
            "achievement_name": achievement["name"],
            "achievement_language": achievement.get("inLanguage"),
            "valid_from": datetime.fromisoformat(claims["validFrom"]).astimezone(UTC),
        }
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def _consistent(claims: dict) -> bool:
    """The registered claims say what the credential says (OB 3.0 VC-JWT), and it is ours."""
    try:
        valid_from = datetime.fromisoformat(claims["validFrom"])
        types = claims["type"]
        return (
            claims["iss"] == claims["issuer"]["id"]
            and claims["iss"] in issuer.trusted_issuer_ids()
            and claims["jti"] == claims["id"]
            and claims.get("sub") == claims["credentialSubject"].get("id")
            and claims["nbf"] == int(valid_from.timestamp())
            and "VerifiableCredential" in types
            and "OpenBadgeCredential" in types
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        return False


def _revoked(claims: dict) -> bool | None:
    """Whether the certificate's bit is set, read from the same state the list publishes."""
    status = claims.get("credentialStatus")
    if not isinstance(status, dict):
        return None
    try:
        position = int(status["statusListIndex"])
        list_url = status["statusListCredential"]
    except (KeyError, TypeError, ValueError):
        return None
    prefix, _slash, number = str(list_url).rpartition("/")
    ours = [f"{base}/credentials/status" for base in issuer.base_urls()]
    if not number.isdigit() or prefix not in ours or str(int(number)) != number:
        return None
    if not 0 <= position < LIST_BITS:
        return None
    list_number = int(number)
    certificate = db.session.scalar(
        select(Certificate)
        .join(Credential, Credential.certificate_id == Certificate.id)
        .where(Credential.status_index == list_number * LIST_BITS + position)
    )
    if certificate is None:
        return None
    return not certificate.is_valid

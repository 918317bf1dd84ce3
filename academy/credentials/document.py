"""The OpenBadgeCredential of a certificate, as plain JSON values (no Flask, no database).

Open Badges 3.0 on the W3C Verifiable Credentials Data Model 2.0: the
issuer Profile, the Achievement (the course), the AchievementSubject (the
recipient: the email only as a salted SHA-256 IdentityObject, the printed
name as a `name` IdentityObject), validFrom, the score as a Result, and the
revocation entry in the status list. The contexts are named, never fetched:
the VC-JWT proof signs these bytes, not a canonical form.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CREDENTIAL_TYPES = ["VerifiableCredential", "OpenBadgeCredential"]


@dataclass(frozen=True)
class Issuer:
    id: str  # the site's did:web
    name: str
    url: str
    image: str | None = None


@dataclass(frozen=True)
class Achievement:
    id: str
    name: str
    description: str
    criteria: str
    language: str
    version: str
    tags: list[str] = field(default_factory=list)
    # As snapshotted: OB 3.0 keys ({"targetName", "targetUrl", ...}), or in
    # certificates issued before, {"name", "url", "framework", "code"}.
    alignments: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class Recipient:
    name: str
    email: str
    salt: str


@dataclass(frozen=True)
class Status:
    list_url: str
    index: int  # the position within that list


def moment(value: datetime) -> str:
    """A DateTimeZ to the second: the JWT nbf claim must equal validFrom exactly."""
    return value.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def identity_hash(email: str, salt: str) -> str:
    """OB 3.0 IdentityHash: 'sha256$' and the hex digest of the address followed by the salt."""
    return "sha256$" + hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()


def _identifiers(recipient: Recipient) -> list[dict]:
    identities = []
    if recipient.email:
        identities.append(
            {
                "type": "IdentityObject",
                "identityHash": identity_hash(recipient.email, recipient.salt),
                "identityType": "emailAddress",
                "hashed": True,
                "salt": recipient.salt,
            }
        )
    if recipient.name:
        identities.append(
            {
                "type": "IdentityObject",
                "identityHash": recipient.name,
                "identityType": "name",
                "hashed": False,
            }
        )
    return identities


# The snapshot's keys of the first shape, by the OB 3.0 Alignment key each became.
_FORMER_ALIGNMENT_KEYS = {
    "targetName": "name",
    "targetUrl": "url",
    "targetFramework": "framework",
    "targetCode": "code",
}
ALIGNMENT_KEYS = (*_FORMER_ALIGNMENT_KEYS, "targetDescription", "targetType")


def alignment(snapshot: dict) -> dict:
    """An OB 3.0 Alignment from a snapshot of either shape; empty values left out."""
    found = {"type": ["Alignment"]}
    for key in ALIGNMENT_KEYS:
        value = snapshot.get(key)
        if value is None and key in _FORMER_ALIGNMENT_KEYS:
            value = snapshot.get(_FORMER_ALIGNMENT_KEYS[key])
        if value:
            found[key] = str(value)
    return found


def _achievement(achievement: Achievement, score: float | None) -> dict:
    document = {
        "id": achievement.id,
        "type": ["Achievement"],
        "achievementType": "Certificate",
        "name": achievement.name,
        "description": achievement.description,
        "criteria": {"narrative": achievement.criteria},
        "inLanguage": achievement.language,
        "version": achievement.version,
    }
    if achievement.tags:
        document["tag"] = list(achievement.tags)
    if achievement.alignments:
        document["alignment"] = [alignment(a) for a in achievement.alignments]
    if score is not None:
        document["resultDescription"] = [
            {
                "id": f"{achievement.id}#score",
                "type": ["ResultDescription"],
                "name": "Score",
                "resultType": "Percent",
                "valueMin": "0",
                "valueMax": "100",
            }
        ]
    return document


def _score(value: float) -> str:
    return f"{value:g}"


def build(
    *,
    credential_id: str,
    issuer: Issuer,
    achievement: Achievement,
    recipient: Recipient,
    issued_at: datetime,
    completed_at: datetime | None,
    score: float | None,
    evidence_url: str,
    evidence_narrative: str,
    status: Status,
    subject_id: str | None = None,
) -> dict:
    """The credential, ready to be the payload of a VC-JWT (see claims()).

    subject_id names the subject without naming anyone (a random urn:uuid):
    OB 3.0's VC-JWT wants `sub`, and sub is the subject's id.
    """
    profile = {"id": issuer.id, "type": ["Profile"], "name": issuer.name, "url": issuer.url}
    if issuer.image:
        profile["image"] = {"id": issuer.image, "type": "Image"}
    subject = {} if subject_id is None else {"id": subject_id}
    subject |= {
        "type": ["AchievementSubject"],
        "identifier": _identifiers(recipient),
        "achievement": _achievement(achievement, score),
    }
    if completed_at is not None:
        subject["activityEndDate"] = moment(completed_at)
    if score is not None:
        subject["result"] = [
            {
                "type": ["Result"],
                "resultDescription": f"{achievement.id}#score",
                "value": _score(score),
            }
        ]
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": credential_id,
        "type": list(CREDENTIAL_TYPES),
        "name": achievement.name,
        "issuer": profile,
        "validFrom": moment(issued_at),
        "credentialSubject": subject,
        "evidence": [
            {
                "id": evidence_url,
                "type": ["Evidence"],
                "narrative": evidence_narrative,
            }
        ],
        "credentialStatus": {
            "id": f"{status.list_url}#{status.index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(status.index),
            "statusListCredential": status.list_url,
        },
    }


def claims(credential: dict, issued_at: datetime) -> dict:
    """The JWT payload: the credential itself plus its registered claims (OB 3.0 VC-JWT).

    `sub` is the subject's id; credentials signed before subjects had one
    carry no sub.
    """
    found = {
        **credential,
        "iss": credential["issuer"]["id"],
        "jti": credential["id"],
        "nbf": int(issued_at.astimezone(UTC).replace(microsecond=0).timestamp()),
    }
    subject_id = credential["credentialSubject"].get("id")
    if subject_id is not None:
        found["sub"] = subject_id
    return found

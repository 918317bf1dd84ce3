"""The published revocation list: a signed BitstringStatusListCredential, read at request time.

Its bits are the certificates' states as they are now, so a revocation (or
a withdrawal) shows in the next response. The list is signed with the
current key; its bytes depend only on the revoked positions and that key
(validFrom is the last change, gzip carries no time, RS256 is
deterministic), so an unchanged list keeps its ETag.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select

from academy.certificates.models import REVOKED, Certificate
from academy.credentials import bitstring, document, issuer, signing
from academy.credentials.models import Credential
from academy.credentials.services import status_list_url
from academy.extensions import db

# Before any revocation, the list is valid from this fixed moment.
EPOCH = datetime(2026, 1, 1, tzinfo=UTC)
# A revocation must reach verifiers within a minute: the list's HTTP cache
# lifetime, and its `ttl` (Bitstring Status List: "SHOULD align" the two).
MAX_AGE = 60


@dataclass(frozen=True)
class Revoked:
    positions: frozenset[int]
    last_change: datetime


def revoked(list_number: int) -> Revoked:
    """The positions of revoked certificates in list list_number, and when the last one was."""
    low, high = list_number * bitstring.LIST_BITS, (list_number + 1) * bitstring.LIST_BITS
    rows = db.session.execute(
        select(Credential.status_index, Certificate.revoked_at)
        .join(Certificate, Certificate.id == Credential.certificate_id)
        .where(
            Certificate.state == REVOKED,
            Credential.status_index >= low,
            Credential.status_index < high,
        )
    ).all()
    moments = [moment for _index, moment in rows if moment is not None]
    return Revoked(
        positions=frozenset(index - low for index, _moment in rows),
        last_change=max(moments, default=EPOCH),
    )


def list_count() -> int:
    """How many lists exist: enough to hold the highest position allocated (at least one)."""
    highest = db.session.scalar(select(db.func.max(Credential.status_index)))
    return 1 if highest is None else highest // bitstring.LIST_BITS + 1


def etag(state: Revoked, kid: str) -> str:
    digest = hashlib.sha256(kid.encode())
    digest.update(",".join(str(p) for p in sorted(state.positions)).encode())
    return digest.hexdigest()[:32]


# The last signed list of each URL, by what its bytes depend on: an RSA-3072
# signature per request is wasted work while nothing changed. One per list.
_signed: dict[str, tuple[tuple, str]] = {}


def signed_list(list_number: int, state: Revoked, kid: str, key) -> str:
    """The BitstringStatusListCredential of list_number as a compact VC-JWT (cached)."""
    url = status_list_url(list_number)
    inputs = (issuer.issuer_id(), kid, state.positions, state.last_change)
    cached = _signed.get(url)
    if cached is not None and cached[0] == inputs:
        return cached[1]
    token = _sign_list(url, state, kid, key)
    _signed[url] = (inputs, token)
    return token


def _sign_list(url: str, state: Revoked, kid: str, key) -> str:
    credential = {
        "@context": [document.VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer.issuer_id(),
        "validFrom": document.moment(state.last_change),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": bitstring.encode(set(state.positions)),
            "ttl": MAX_AGE * 1000,
        },
    }
    claims = {
        **credential,
        "iss": credential["issuer"],
        "jti": url,
        "nbf": int(state.last_change.replace(microsecond=0).timestamp()),
    }
    return signing.sign(claims, kid, key)

"""Sign and check compact VC-JWTs with joserfc (RS256, the key named by the header's kid).

No Flask, no database. Checking is strict on the encoding as well as the
signature: base64url has spare bits in a segment's last character, so a
lenient decoder accepts a few altered characters as the same bytes. Every
segment must be the canonical encoding of what it decodes to, so any change
to any character of a token makes it fail.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass

from joserfc import jwt
from joserfc.errors import BadSignatureError, JoseError
from joserfc.jwk import RSAKey

from academy.credentials.keys import ALGORITHM

_SEGMENT = re.compile(r"^[A-Za-z0-9_-]+$")


class BadToken(ValueError):
    """Not a token we can check, or a signature that does not hold; .reason says which."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


# BadToken reasons (the verification page words them).
MALFORMED = "malformed"
UNKNOWN_KEY = "unknown key"
BAD_SIGNATURE = "bad signature"


@dataclass(frozen=True)
class Checked:
    header: dict
    claims: dict
    kid: str


def sign(claims: dict, kid: str, key: RSAKey) -> str:
    """The compact JWS of claims, its header naming kid (a URI resolving to the public key)."""
    return jwt.encode({"alg": ALGORITHM, "kid": kid, "typ": "JWT"}, claims, key, [ALGORITHM])


def _b64decode(segment: str) -> bytes:
    if not _SEGMENT.match(segment):
        raise BadToken(MALFORMED)
    try:
        data = base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
    except (binascii.Error, ValueError):
        raise BadToken(MALFORMED) from None
    if base64.urlsafe_b64encode(data).rstrip(b"=").decode() != segment:
        # Spare bits set: another spelling of the same bytes.
        raise BadToken(MALFORMED)
    return data


def header_of(token: str) -> dict:
    """The token's header, read without checking anything else (to find its key)."""
    parts = token.split(".")
    if len(parts) != 3:
        raise BadToken(MALFORMED)
    for part in parts:
        _b64decode(part)
    try:
        header = json.loads(_b64decode(parts[0]))
    except (ValueError, UnicodeDecodeError):
        raise BadToken(MALFORMED) from None
    if not isinstance(header, dict):
        raise BadToken(MALFORMED)
    return header


def check(token: str, keys: dict[str, RSAKey]) -> Checked:
    """The header and claims of token, if its kid names one of keys and its signature holds.

    A token that carries its own key (a `jwk` header) or names a key not in
    keys is UNKNOWN_KEY, whatever its algorithm: it is a JWT, signed by
    someone else.
    """
    header = header_of(token)
    kid, jwk = header.get("kid"), header.get("jwk")
    if not isinstance(header.get("alg"), str) or not (
        isinstance(kid, str) or isinstance(jwk, dict)
    ):
        raise BadToken(MALFORMED)
    key = keys.get(kid) if isinstance(kid, str) and jwk is None else None
    if key is None:
        raise BadToken(UNKNOWN_KEY)
    if header["alg"] != ALGORITHM:
        raise BadToken(MALFORMED)
    try:
        decoded = jwt.decode(token, key, [ALGORITHM])
    except BadSignatureError:
        raise BadToken(BAD_SIGNATURE) from None
    except (JoseError, ValueError, TypeError, UnicodeDecodeError):
        raise BadToken(MALFORMED) from None
    return Checked(header=header, claims=decoded.claims, kid=header["kid"])

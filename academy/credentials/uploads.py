"""What an uploaded file on the check page holds: a credential file or a badge image.

Open Badges 3.0 names the files a credential travels in: `.jwt` (a VC-JWT,
what we issue), `.json` (a credential with an embedded proof, which we
neither issue nor check), and badge images, PNG or SVG, with either baked in.
The bytes decide which, never the file's name or declared type: a name proves
nothing and a visitor may rename a file. Every path ends in verify_token, so
an image is checked exactly like the .jwt file it carries.
"""

from __future__ import annotations

import json

from academy.badges.carried import MAX_PNG_BYTES, BakingError
from academy.badges.extract import extract_credential
from academy.badges.png import SIGNATURE
from academy.credentials.verification import (
    EMBEDDED_PROOF,
    MAX_TOKEN_CHARS,
    NO_BAKED_CREDENTIAL,
    NOT_A_CREDENTIAL,
    TOO_LARGE,
    UNREADABLE_IMAGE,
    Verification,
    token_from_file,
    verify_token,
)

# Read no more than the largest image the badge reader accepts, plus one byte
# to tell "at the limit" from "over it" (the request limit usually comes first).
READ_LIMIT = MAX_PNG_BYTES + 1


def check_upload(data: bytes) -> Verification:
    """Check the credential an uploaded file holds; never raises on bad input."""
    if _is_image(data):
        try:
            token = extract_credential(data)
        except BakingError as error:
            return Verification(valid=False, problem=UNREADABLE_IMAGE, detail=str(error))
        if token is None:
            return Verification(valid=False, problem=NO_BAKED_CREDENTIAL)
        return _check_text(token)
    if len(data) > MAX_TOKEN_CHARS:
        return Verification(valid=False, problem=TOO_LARGE)
    if _is_json_credential(data):
        return Verification(valid=False, problem=EMBEDDED_PROOF)
    token = token_from_file(data)
    if not token:
        return Verification(valid=False, problem=NOT_A_CREDENTIAL)
    return verify_token(token)


def _check_text(text: str) -> Verification:
    """A baked credential: a compact JWT, or the JSON of one with an embedded proof."""
    if text.lstrip().startswith("{"):
        return Verification(valid=False, problem=EMBEDDED_PROOF)
    return verify_token(text)


def _is_image(data: bytes) -> bool:
    """A PNG by its signature, an SVG (XML) by its first character after any BOM."""
    return data.startswith(SIGNATURE) or data.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(
        b"<"
    )


def _is_json_credential(data: bytes) -> bool:
    """A JSON object that calls itself a verifiable credential (OB 3.0's .json file)."""
    try:
        document = json.loads(data.decode("utf-8").lstrip("\ufeff"))
    except (UnicodeDecodeError, ValueError):
        return False
    if not isinstance(document, dict):
        return False
    types = document.get("type")
    types = types if isinstance(types, list) else [types]
    return "VerifiableCredential" in types or "proof" in document

"""The credential text a badge image carries, and why an image is refused.

Open Badges 3.0 bakes either the compact JWS of a VC-JWT or the JSON of a
credential with an embedded proof; anything else in the carrier is refused, so
a verifier never receives a stray string from an image.
"""

from __future__ import annotations

import json
import re

from academy.messages import gettext as _

# A signed credential is a few kilobytes; a quarter of a megabyte leaves room for
# one that embeds its achievement image, and keeps a crafted image from making
# us hold or parse megabytes of text.
MAX_CREDENTIAL_BYTES = 256 * 1024
# Our badges weigh tens of kilobytes; an uploaded one may come from another tool.
MAX_PNG_BYTES = 8 * 1024 * 1024
MAX_SVG_CHARS = 2 * 1024 * 1024

JWT = "jwt"
JSON = "json"
COMPACT_JWS_RE = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*")


class BakingError(ValueError):
    """An image or a credential that cannot be baked or read; the message says why."""


def credential_kind(text: str) -> str:
    """JWT or JSON for a credential text fit to bake; raise BakingError otherwise."""
    if not isinstance(text, str) or not text:
        raise BakingError(_("The credential is empty."))
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError:
        raise BakingError(_("The credential is not valid text.")) from None
    if size > MAX_CREDENTIAL_BYTES:
        raise BakingError(
            _("The credential is larger than %(size)s KB.", size=MAX_CREDENTIAL_BYTES // 1024)
        )
    if COMPACT_JWS_RE.fullmatch(text):
        return JWT
    if text.startswith("{"):
        try:
            document = json.loads(text)
        except ValueError:
            document = None
        if isinstance(document, dict):
            return JSON
    raise BakingError(_("The credential is neither a signed token (JWT) nor a JSON document."))

"""Credentials to bake: a compact JWS and a JSON document, both with non-ASCII text."""

from __future__ import annotations

import base64
import json


def _part(value: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()


JWT = ".".join(
    [
        _part({"alg": "EdDSA", "kid": "key-1", "typ": "JWT"}),
        _part({"vc": {"name": "الاقتصاد الاجتماعي", "type": ["VerifiableCredential"]}}),
        "c2lnbmF0dXJlLWJ5dGVz",
    ]
)
JSON_CREDENTIAL = json.dumps(
    {
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": "L'économie sociale et solidaire : une introduction",
        "note": "a ]]> inside a string, and <tags> & ampersands",
        "ar": "الاقتصاد الاجتماعي والتضامني: مدخل",
    },
    ensure_ascii=False,
)

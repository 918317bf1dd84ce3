"""Who signs: the site's did:web, its key folder, and the public keys it publishes."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, urlsplit

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from joserfc.jwk import RSAKey

from academy.credentials import keys
from academy.credentials.document import Issuer


def did_web(base_url: str) -> str:
    """The did:web of a site: its host (a port percent-encoded) and path segments joined by ':'."""
    parts = urlsplit(base_url)
    host = parts.hostname or "localhost"
    if parts.port:
        host += f":{parts.port}"
    pieces = [quote(host, safe="")] + [quote(p, safe="") for p in parts.path.split("/") if p]
    return "did:web:" + ":".join(pieces)


def issuer_id() -> str:
    return did_web(current_app.config["BASE_URL"])


def base_urls() -> list[str]:
    """BASE_URL, then the addresses the site had before (CREDENTIAL_FORMER_BASE_URLS)."""
    return [current_app.config["BASE_URL"], *current_app.config["CREDENTIAL_FORMER_BASE_URLS"]]


def trusted_issuer_ids() -> set[str]:
    """Our did:web now and under each former address: credentials naming them are ours."""
    return {did_web(base) for base in base_urls()}


def key_uri(kid: str) -> str:
    """The kid a new token's header carries: an HTTPS URL answering the public JWK.

    OB 3.0 (§ "Dereferencing the Public Key") allows HTTP URLs and DID URLs
    as kid but requires verifiers to support only HTTP URLs.
    """
    return f"{current_app.config['BASE_URL']}/.well-known/jwks/{kid}.json"


def did_key_uri(kid: str) -> str:
    """The key's verification method in the did:web document (the kid of earlier tokens)."""
    return f"{issuer_id()}#{kid}"


def folder() -> Path:
    return Path(current_app.config["CREDENTIAL_KEYS_DIR"])


def profile(language: str) -> Issuer:
    """The academy as issuer, named in language when the interface speaks it."""
    base = current_app.config["BASE_URL"]
    with force_locale(language):
        name = _("SSE Academy")
    return Issuer(id=issuer_id(), name=name, url=base, image=f"{base}/static/favicon.svg")


def signing_key() -> tuple[str, RSAKey] | None:
    """The current key (its kid URI, the key); in development one is made on first need."""
    found = keys.signing_key(folder())
    if found is None and not current_app.config["PRODUCTION"]:
        keys.generate(folder())
        found = keys.signing_key(folder())
    if found is None:
        return None
    kid, key = found
    return key_uri(kid), key


def kid_uris(kid: str) -> list[str]:
    """Every name a token's header may give a key: its URL, and the did:web
    method of tokens signed before, under BASE_URL and every former address."""
    return [
        uri
        for base in base_urls()
        for uri in (f"{base}/.well-known/jwks/{kid}.json", f"{did_web(base)}#{kid}")
    ]


def published_keys() -> dict[str, RSAKey]:
    """Every public key ever used, by both its kid URIs: what verifies our credentials."""
    return {uri: k.key for k in keys.public_keys(folder()) for uri in kid_uris(k.kid)}


def public_jwk(kid: str) -> dict | None:
    """The public JWK a kid URL answers, or None for a key we never published."""
    for k in keys.public_keys(folder()):
        if k.kid == kid:
            return _jwk(k)
    return None


def _jwk(k: keys.PublicKey) -> dict:
    return {
        **k.key.as_dict(private=False),
        "kid": key_uri(k.kid),
        "alg": keys.ALGORITHM,
        "use": "sig",
    }


def jwks() -> dict:
    """The JSON Web Key Set of every public key, each with its kid URI."""
    return {"keys": [_jwk(k) for k in keys.public_keys(folder())]}


def did_document() -> dict:
    """The did:web document: every public key as a JsonWebKey verification method.

    The current key comes first: verifiers that read no kid take the first.
    """
    did = issuer_id()
    methods = [
        {
            "id": did_key_uri(k.kid),
            "type": "JsonWebKey2020",
            "controller": did,
            "publicKeyJwk": k.key.as_dict(private=False),
        }
        for k in keys.public_keys(folder())
    ]
    ids = [m["id"] for m in methods]
    return {
        "@context": [
            "https://www.w3.org/ns/did/v1",
            "https://w3id.org/security/suites/jws-2020/v1",
        ],
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": ids,
    }

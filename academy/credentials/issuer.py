"""Who signs: the site's did:web, its key folder, and the public keys it publishes."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, urlsplit

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from joserfc.jwk import RSAKey

from academy.config import ConfigurationError
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


def key_uri(kid: str) -> str:
    """The kid a token's header carries: a verification method of the did:web document."""
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


def published_keys() -> dict[str, RSAKey]:
    """Every public key ever used, by kid URI: what verifies our credentials."""
    return {key_uri(k.kid): k.key for k in keys.public_keys(folder())}


def check_production_key(keys_dir: str) -> None:
    """Refuse to start in production without a signing key (credentials could not be issued)."""
    if keys.signing_key(Path(keys_dir)) is None:
        raise ConfigurationError(
            "ACADEMY_ENV=production needs a key to sign credentials: run "
            "`academy keys generate` (it writes to ACADEMY_CREDENTIAL_KEYS_DIR, by default "
            f"instance/keys); no private key was found in {keys_dir}."
        )


def jwks() -> dict:
    """The JSON Web Key Set of every public key, each with its kid URI."""
    return {
        "keys": [
            {
                **k.key.as_dict(private=False),
                "kid": key_uri(k.kid),
                "alg": keys.ALGORITHM,
                "use": "sig",
            }
            for k in keys.public_keys(folder())
        ]
    }


def did_document() -> dict:
    """The did:web document: every public key as a JsonWebKey verification method.

    The current key comes first: verifiers that read no kid take the first.
    """
    did = issuer_id()
    methods = [
        {
            "id": key_uri(k.kid),
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

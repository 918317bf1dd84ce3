"""An independent verifier (openbadgeslib, on PyJWT) accepts our credentials and our status list.

A token's kid is an HTTPS URL answering the public JWK (OB 3.0's required
way to dereference a key): the test dereferences it as any verifier would,
and openbadgeslib checks the signature, the OB 3.0 VC-JWT rules and our
signed status list. Tokens signed before, whose kid names a method of our
did:web document, are checked through openbadgeslib's own did:web
resolution. Every fetch is answered by the app through the test client,
never the network.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
from jwt.algorithms import RSAAlgorithm
from openbadgeslib.ob3 import OB3VerificationError, OB3Verifier

from academy.certificates import services as certificates
from academy.credentials import services
from academy.extensions import db
from tests.credentials.conftest import install_keys
from tests.credentials.helpers import did_kid_token, part
from tests.factories import make_user


def fetcher(client):
    def fetch(url: str) -> bytes:
        parts = urlsplit(url)
        assert parts.hostname == "academy.test", url
        response = client.get(parts.path)
        assert response.status_code == 200, url
        return response.data

    return fetch


def verifier_for(token: str, fetch) -> OB3Verifier:
    """openbadgeslib with the key the token's kid dereferences to (an HTTPS URL)."""
    kid = part(token, 0)["kid"]
    assert kid.startswith("http://academy.test/.well-known/jwks/"), kid
    return OB3Verifier(RSAAlgorithm.from_jwk(json.loads(fetch(kid))))


def test_openbadgeslib_verifies_our_credential_and_status(app, client, certificate):
    token = services.token_for(certificate)
    db.session.commit()
    fetch = fetcher(client)
    verifier = verifier_for(token, fetch)
    credential = verifier.verify(token, check_status=True, download=fetch)
    assert credential.id == f"http://academy.test/verify/{certificate.public_id}"
    assert credential.issuer.id == "did:web:academy.test"
    assert credential.achievement.name == "Working together: a first look at cooperatives"


def test_openbadgeslib_verifies_with_the_published_public_key_alone(app, client, certificate):
    token = services.token_for(certificate)
    db.session.commit()
    [jwk] = client.get("/.well-known/jwks.json").json["keys"]
    public = RSAAlgorithm.from_jwk(jwk)
    credential = OB3Verifier(public).verify(token)
    assert credential.issuer.name == "SSE Academy"


def test_openbadgeslib_reports_a_revoked_credential(app, client, certificate):
    token = services.token_for(certificate)
    certificates.revoke_certificate(certificate, None, "Issued by mistake")
    db.session.commit()
    fetch = fetcher(client)
    verifier = verifier_for(token, fetch)
    with pytest.raises(OB3VerificationError, match="'revocation' is set"):
        verifier.verify(token, check_status=True, download=fetch)


def test_openbadgeslib_verifies_a_credential_from_before_a_rotation(
    app, client, sample_course, key_pairs
):
    install_keys(app, key_pairs[0])
    certificate = certificates.issue_certificate(make_user(name="Ana"), sample_course)
    token = services.token_for(certificate)
    db.session.commit()
    install_keys(app, key_pairs[1])
    fetch = fetcher(client)
    # The credential is signed with the old key, the list now with the new one:
    # each is checked with the key its own kid dereferences to.
    credential = verifier_for(token, fetch).verify(token)
    assert credential.id == f"http://academy.test/verify/{certificate.public_id}"
    status_list = fetch("http://academy.test/credentials/status/0").decode()
    assert part(status_list, 0)["kid"] != part(token, 0)["kid"]
    verifier_for(status_list, fetch).check_status(credential, verify_list=True, download=fetch)


def test_openbadgeslib_refuses_an_altered_credential(app, client, certificate):
    token = services.token_for(certificate)
    db.session.commit()
    altered = token[:-10] + ("A" if token[-10] != "A" else "B") + token[-9:]
    verifier = verifier_for(token, fetcher(client))
    with pytest.raises(OB3VerificationError, match="Invalid signature"):
        verifier.verify(altered)


def test_openbadgeslib_resolves_our_did_web_for_a_token_of_the_earlier_kind(
    app, client, certificate
):
    # Tokens signed before kids were HTTPS URLs name a did:web method.
    token = did_kid_token(services.token_for(certificate))
    db.session.commit()
    fetch = fetcher(client)
    verifier = OB3Verifier.for_issuer_did("did:web:academy.test", download=fetch)
    credential = verifier.verify(token, check_status=True, download=fetch)
    assert credential.id == f"http://academy.test/verify/{certificate.public_id}"

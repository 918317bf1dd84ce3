"""An independent verifier (openbadgeslib, on PyJWT) accepts our credentials and our status list.

It resolves our did:web, picks the key the token's kid names, checks the
OB 3.0 VC-JWT rules, and reads our signed status list: every fetch is
answered by the app through the test client, never the network.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from openbadgeslib.ob3 import OB3VerificationError, OB3Verifier

from academy.certificates import services as certificates
from academy.credentials import services
from academy.extensions import db
from tests.credentials.conftest import install_keys
from tests.factories import make_user


def fetcher(client):
    def fetch(url: str) -> bytes:
        parts = urlsplit(url)
        assert parts.hostname == "academy.test", url
        response = client.get(parts.path)
        assert response.status_code == 200, url
        return response.data

    return fetch


def test_openbadgeslib_verifies_our_credential_and_status(app, client, certificate):
    token = services.token_for(certificate)
    db.session.commit()
    fetch = fetcher(client)
    verifier = OB3Verifier.for_issuer_did("did:web:academy.test", download=fetch)
    credential = verifier.verify(token, check_status=True, download=fetch)
    assert credential.id == f"http://academy.test/verify/{certificate.public_id}"
    assert credential.issuer.id == "did:web:academy.test"
    assert credential.achievement.name == "Working together: a first look at cooperatives"


def test_openbadgeslib_verifies_with_the_published_public_key_alone(app, client, certificate):
    token = services.token_for(certificate)
    db.session.commit()
    [jwk] = client.get("/.well-known/jwks.json").json["keys"]
    from jwt.algorithms import RSAAlgorithm

    public = RSAAlgorithm.from_jwk(jwk)
    credential = OB3Verifier(public).verify(token)
    assert credential.issuer.name == "SSE Academy"


def test_openbadgeslib_reports_a_revoked_credential(app, client, certificate):
    token = services.token_for(certificate)
    certificates.revoke_certificate(certificate, None, "Issued by mistake")
    db.session.commit()
    fetch = fetcher(client)
    verifier = OB3Verifier.for_issuer_did("did:web:academy.test", download=fetch)
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
    verifier = OB3Verifier.for_issuer_did("did:web:academy.test", download=fetch)
    # The list is now signed with the new key, the credential with the old one.
    assert verifier.verify(token, check_status=True, download=fetch).id == (
        f"http://academy.test/verify/{certificate.public_id}"
    )


def test_openbadgeslib_refuses_an_altered_credential(app, client, certificate):
    token = services.token_for(certificate)
    db.session.commit()
    altered = token[:-10] + ("A" if token[-10] != "A" else "B") + token[-9:]
    verifier = OB3Verifier.for_issuer_did("did:web:academy.test", download=fetcher(client))
    with pytest.raises(OB3VerificationError, match="Invalid signature"):
        verifier.verify(altered)

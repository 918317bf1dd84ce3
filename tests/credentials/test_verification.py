"""Our own check: every altered byte fails, rotation keeps old credentials, revocation shows."""

from __future__ import annotations

import string

from academy.certificates import services as certificates
from academy.credentials import issuer, services
from academy.credentials.verification import (
    BAD_SIGNATURE,
    INCONSISTENT,
    NOT_A_CREDENTIAL,
    TOO_LARGE,
    UNKNOWN_KEY,
    verify_token,
)
from academy.extensions import db
from tests.credentials.conftest import install_keys
from tests.credentials.helpers import did_kid_token, payload

ALPHABET = string.ascii_letters + string.digits + "-_"


def test_a_credential_verifies_with_what_it_says(certificate):
    result = verify_token(services.token_for(certificate))
    assert result.valid
    assert result.problem is None
    assert result.key_current
    assert result.issuer_name == "SSE Academy"
    assert result.issuer_id == "did:web:academy.test"
    assert result.recipient_name == "Amina Diallo"
    assert result.achievement_name == "Working together: a first look at cooperatives"
    assert result.valid_from == certificate.issued_at.replace(microsecond=0)
    assert result.revoked is False


def test_every_one_byte_change_fails(certificate):
    token = services.token_for(certificate)
    assert verify_token(token).valid
    checked = set()
    for position, char in enumerate(token):
        # A bit flipped, and the next letter of base64url (a change that still
        # decodes: in a segment's last character it may touch only spare bits).
        neighbour = ALPHABET[(ALPHABET.index(char) + 1) % len(ALPHABET)] if char != "." else "A"
        for other in {chr(ord(char) ^ 1), neighbour}:
            altered = token[:position] + other + token[position + 1 :]
            result = verify_token(altered)
            assert not result.valid, (position, char, other)
            checked.add(position)
    assert checked == set(range(len(token)))


def test_spare_bits_in_a_segments_last_character_are_refused(certificate):
    # base64url's last character of a segment whose length is not a multiple
    # of 4 carries unused bits: a lenient decoder reads an altered one as the
    # same bytes, and the signature would still hold.
    import base64

    token = services.token_for(certificate)
    segments = token.split(".")
    index = next(i for i, s in enumerate(segments) if len(s) % 4 in (2, 3))
    segment = segments[index]
    last = ALPHABET.index(segment[-1])
    respelt = segment[:-1] + ALPHABET[last ^ 1]
    padded = [s + "=" * (-len(s) % 4) for s in (segment, respelt)]
    assert base64.urlsafe_b64decode(padded[0]) == base64.urlsafe_b64decode(padded[1])
    segments[index] = respelt
    result = verify_token(".".join(segments))
    assert (result.valid, result.problem) == (False, NOT_A_CREDENTIAL)


def test_a_changed_payload_re_encoded_fails_on_its_signature(certificate):
    token = services.token_for(certificate)
    header, _payload, signature = token.split(".")
    import base64
    import json

    claims = payload(token)
    claims["credentialSubject"]["identifier"][1]["identityHash"] = "Someone Else"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    result = verify_token(f"{header}.{forged}.{signature}")
    assert (result.valid, result.problem) == (False, BAD_SIGNATURE)


def test_a_credential_signed_before_a_rotation_still_verifies(app, sample_course, key_pairs):
    from tests.factories import make_user

    install_keys(app, key_pairs[0])
    before = certificates.issue_certificate(make_user(name="Ana"), sample_course)
    old_token = services.token_for(before)
    old_kid = issuer.signing_key()[0]
    install_keys(app, key_pairs[1])  # the same key, rotated once
    after = certificates.issue_certificate(make_user(name="Bo"), sample_course)
    new_token = services.token_for(after)
    db.session.commit()
    new_kid = issuer.signing_key()[0]
    assert new_kid != old_kid
    old = verify_token(old_token)
    assert (old.valid, old.key_id, old.key_current) == (True, old_kid, False)
    new = verify_token(new_token)
    assert (new.valid, new.key_id, new.key_current) == (True, new_kid, True)


def test_a_key_we_never_published_is_unknown(app, certificate, key_pairs, tmp_path):
    from academy.credentials import keys

    token = services.token_for(certificate)
    other = tmp_path / "elsewhere"
    keys.generate(other)
    install_keys(app, other)
    result = verify_token(token)
    assert (result.valid, result.problem) == (False, UNKNOWN_KEY)


def test_a_revoked_credential_verifies_and_says_revoked(app, certificate):
    token = services.token_for(certificate)
    certificates.revoke_certificate(certificate, None, "Issued by mistake")
    db.session.commit()
    result = verify_token(token)
    assert (result.valid, result.revoked) == (True, True)


def test_garbage_is_not_a_credential(app, signing_keys):
    for garbage in ["", "abc", "a.b.c", "...", "e30.e30.e30", "\x00" * 10]:
        assert verify_token(garbage).problem == NOT_A_CREDENTIAL
    assert verify_token("a" * 70_000).problem == TOO_LARGE


def test_a_token_we_signed_that_is_not_a_credential_is_inconsistent(app, signing_keys):
    from academy.credentials import signing

    kid, key = issuer.signing_key()
    token = signing.sign({"iss": "did:web:academy.test", "hello": "world"}, kid, key)
    result = verify_token(token)
    assert (result.valid, result.problem) == (False, INCONSISTENT)


def test_a_credential_of_the_earlier_kind_still_verifies(app, certificate):
    # Signed before kids were HTTPS URLs and subjects had an id: a did:web kid, no sub.
    token = did_kid_token(services.token_for(certificate))
    result = verify_token(token)
    assert (result.valid, result.key_current, result.revoked) == (True, True, False)
    assert result.key_id.startswith("did:web:academy.test#")


def test_a_sub_that_is_not_the_subjects_id_is_inconsistent(app, certificate):
    from academy.credentials import signing

    claims = payload(services.token_for(certificate))
    kid, key = issuer.signing_key()
    claims["sub"] = "urn:uuid:00000000-0000-4000-8000-000000000000"
    result = verify_token(signing.sign(claims, kid, key))
    assert (result.valid, result.problem) == (False, INCONSISTENT)
    del claims["sub"]
    result = verify_token(signing.sign(claims, kid, key))
    assert (result.valid, result.problem) == (False, INCONSISTENT)


def foreign_token(header: dict) -> str:
    """A JWT signed by someone else's key, with header."""
    from joserfc import jwt
    from joserfc.jwk import RSAKey

    key = RSAKey.generate_key(2048, private=True)
    return jwt.encode(header, {"iss": "did:web:elsewhere.example"}, key, ["RS256"])


def test_a_token_carrying_its_own_key_is_not_ours(app, signing_keys):
    from joserfc.jwk import RSAKey

    public = RSAKey.generate_key(2048, private=True).as_dict(private=False)
    token = foreign_token({"alg": "RS256", "jwk": public, "typ": "JWT"})
    assert verify_token(token).problem == UNKNOWN_KEY


def test_a_token_naming_a_key_we_never_had_is_not_ours(app, signing_keys):
    token = foreign_token({"alg": "RS256", "kid": "https://elsewhere.example/keys/1"})
    assert verify_token(token).problem == UNKNOWN_KEY


def test_after_a_move_former_addresses_stay_trusted_only_when_listed(app, certificate):
    token = services.token_for(certificate)
    old_style = did_kid_token(token, keep_sub=True)
    app.config["BASE_URL"] = "https://learn.example.org"
    for moved in (token, old_style):
        result = verify_token(moved)
        assert (result.valid, result.problem) == (False, UNKNOWN_KEY)
    app.config["CREDENTIAL_FORMER_BASE_URLS"] = ["http://academy.test"]
    for moved in (token, old_style):
        result = verify_token(moved)
        assert (result.valid, result.issuer_id, result.revoked) == (
            True,
            "did:web:academy.test",
            False,
        )
    certificates.revoke_certificate(certificate, None, "Issued by mistake")
    db.session.commit()
    assert verify_token(token).revoked is True


def test_former_addresses_are_read_from_the_environment(tmp_path, monkeypatch):
    from academy import create_app

    monkeypatch.setenv("ACADEMY_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv(
        "ACADEMY_CREDENTIAL_FORMER_BASE_URLS", " https://old.example.org/ ,http://older.example"
    )
    assert create_app().config["CREDENTIAL_FORMER_BASE_URLS"] == [
        "https://old.example.org",
        "http://older.example",
    ]

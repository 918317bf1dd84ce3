"""The public routes: the credential file, the keys, the status list and the check page."""

from __future__ import annotations

import io

from academy.certificates import services as certificates
from academy.certificates.withdrawal import withdraw_certificate
from academy.credentials import bitstring, services
from academy.credentials.models import Credential
from academy.extensions import db
from tests.credentials.conftest import install_keys
from tests.credentials.helpers import part, payload
from tests.factories import sign_in
from tests.test_pages import check_structure
from tests.visible_text import visible_text


def stored() -> Credential:
    return db.session.scalar(db.select(Credential))


def test_the_credential_downloads_as_a_jwt_file(client, certificate):
    response = client.get(f"/verify/{certificate.public_id}/credential.jwt")
    assert response.status_code == 200
    assert response.mimetype == "application/vc+jwt"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="certificate-{certificate.public_id}.jwt"'
    )
    assert response.text == stored().token
    # Never kept by a shared cache: a withdrawn credential must not linger there.
    assert response.headers["Cache-Control"] == "private, no-cache"


def test_the_credential_downloads_as_a_json_envelope_the_check_page_reads(client, certificate):
    response = client.get(f"/verify/{certificate.public_id}/credential.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="certificate-{certificate.public_id}.json"'
    )
    assert response.headers["Cache-Control"] == "private, no-cache"
    assert response.json == {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": f"data:application/vc+jwt,{stored().token}",
        "type": "EnvelopedVerifiableCredential",
    }
    checked = upload(client, response.data, "certificate.json")
    assert checked.status_code == 200
    assert "The signature holds" in visible_text(checked.text)


def test_the_json_download_answers_like_the_jwt(client, certificate):
    withdraw_certificate(certificate, None)
    db.session.commit()
    assert client.get(f"/verify/{certificate.public_id}/credential.json").status_code == 410
    assert client.get("/verify/no-such-certificate/credential.json").status_code == 404


def test_an_older_certificate_gets_its_credential_on_first_download(app, client, certificate):
    db.session.execute(db.delete(Credential))
    db.session.commit()
    response = client.get(f"/verify/{certificate.public_id}/credential.jwt")
    assert response.status_code == 200
    assert response.text == stored().token


def test_a_revoked_certificates_credential_still_downloads(client, certificate):
    token = services.token_for(certificate)
    certificates.revoke_certificate(certificate, None, "Issued by mistake")
    db.session.commit()
    response = client.get(f"/verify/{certificate.public_id}/credential.jwt")
    assert (response.status_code, response.text) == (200, token)


def test_a_withdrawn_certificates_credential_is_gone(client, certificate):
    services.token_for(certificate)
    withdraw_certificate(certificate, None)
    db.session.commit()
    response = client.get(f"/verify/{certificate.public_id}/credential.jwt")
    assert response.status_code == 410
    assert "withdrew" in visible_text(response.text)
    # What named the holder is erased; the position stays set in the list.
    row = stored()
    assert (row.token, row.salt) == ("", "")
    listed = payload(client.get("/credentials/status/0").text)
    bits = bitstring.decode(listed["credentialSubject"]["encodedList"])
    assert bitstring.is_set(bits, row.status_index)


def test_an_unknown_certificate_has_no_credential(client, signing_keys):
    assert client.get("/verify/no-such-id/credential.jwt").status_code == 404


def test_the_keys_are_published_as_jwks_and_did_web(app, client, key_pairs):
    install_keys(app, key_pairs[1])
    jwks = client.get("/.well-known/jwks.json")
    assert jwks.status_code == 200
    assert jwks.mimetype == "application/jwk-set+json"
    # Minutes, not a day: after a rotation the status list is signed with a
    # key a verifier's cached copy would not hold.
    assert jwks.headers["Cache-Control"] == "public, max-age=300, must-revalidate"
    keys = jwks.json["keys"]
    assert len(keys) == 2
    assert all("d" not in key and key["kty"] == "RSA" and key["alg"] == "RS256" for key in keys)
    did = client.get("/.well-known/did.json")
    assert did.status_code == 200
    assert did.mimetype == "application/did+json"
    assert did.headers["Cache-Control"] == "public, max-age=300, must-revalidate"
    document = did.json
    assert document["id"] == "did:web:academy.test"
    ids = [method["id"] for method in document["verificationMethod"]]
    kids = [path.name.removesuffix(".public.pem") for path in key_pairs[1].glob("*.public.pem")]
    # The current key first: verifiers that read no kid take the first.
    current = next(path for path in key_pairs[1].glob("*.private.pem"))
    current_kid = current.name.removesuffix(".private.pem")
    ordered = [current_kid] + [kid for kid in kids if kid != current_kid]
    assert ids == [f"did:web:academy.test#{kid}" for kid in ordered]
    assert document["assertionMethod"] == ids
    assert [key["kid"] for key in keys] == [
        f"http://academy.test/.well-known/jwks/{kid}.json" for kid in ordered
    ]


def test_the_key_documents_answer_304_while_unchanged(app, client, key_pairs):
    install_keys(app, key_pairs[0])
    for url in ["/.well-known/jwks.json", "/.well-known/did.json"]:
        first = client.get(url)
        etag = first.headers["ETag"]
        again = client.get(url, headers={"If-None-Match": etag})
        assert (again.status_code, again.data) == (304, b""), url
    before = client.get("/.well-known/jwks.json").headers["ETag"]
    install_keys(app, key_pairs[1])  # rotated: the set changed
    after = client.get("/.well-known/jwks.json", headers={"If-None-Match": before})
    assert after.status_code == 200
    assert len(after.json["keys"]) == 2


def test_each_kid_is_a_url_answering_its_public_key(app, client, certificate, key_pairs):
    kid = part(services.token_for(certificate), 0)["kid"]
    path = kid.removeprefix("http://academy.test")
    response = client.get(path)
    assert response.status_code == 200
    assert response.mimetype == "application/jwk+json"
    assert response.headers["Cache-Control"] == "public, max-age=300, must-revalidate"
    jwk = response.json
    assert "d" not in jwk
    assert (jwk["kty"], jwk["alg"], jwk["use"], jwk["kid"]) == ("RSA", "RS256", "sig", kid)
    assert jwk == next(key for key in client.get("/.well-known/jwks.json").json["keys"])
    # An earlier key keeps answering after a rotation; a key never published is 404.
    install_keys(app, key_pairs[1])
    assert client.get(path).status_code == 200
    assert client.get("/.well-known/jwks/20260101-AAAAAAAAAAAAAAAA.json").status_code == 404


def test_the_status_list_is_signed_and_shows_a_revocation_at_once(client, certificate):
    services.token_for(certificate)
    db.session.commit()
    index = stored().status_index
    first = client.get("/credentials/status/0")
    assert first.status_code == 200
    assert first.mimetype == "application/vc+jwt"
    assert first.headers["Cache-Control"] == "public, max-age=60, must-revalidate"
    assert part(first.text, 0)["alg"] == "RS256"
    listed = payload(first.text)
    # Bitstring Status List's ttl (milliseconds), aligned with the HTTP cache.
    assert listed["credentialSubject"]["ttl"] == 60_000
    assert listed["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert listed["issuer"] == "did:web:academy.test"
    subject = listed["credentialSubject"]
    assert subject["statusPurpose"] == "revocation"
    bits = bitstring.decode(subject["encodedList"])
    assert len(bits) * 8 == 131_072
    assert not any(bits)
    etag = first.headers["ETag"]
    unchanged = client.get("/credentials/status/0", headers={"If-None-Match": etag})
    assert unchanged.status_code == 304

    certificates.revoke_certificate(certificate, None, "Issued by mistake")
    db.session.commit()
    changed = client.get("/credentials/status/0", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag
    bits = bitstring.decode(payload(changed.text)["credentialSubject"]["encodedList"])
    assert [i for i in range(131_072) if bitstring.is_set(bits, i)] == [index]


def test_an_unchanged_status_list_is_signed_once(client, certificate, monkeypatch):
    from academy.credentials import signing, status_list

    services.token_for(certificate)
    db.session.commit()
    status_list._signed.clear()
    calls = []
    real_sign = signing.sign
    monkeypatch.setattr(signing, "sign", lambda *a: calls.append(1) or real_sign(*a))
    first = client.get("/credentials/status/0")
    second = client.get("/credentials/status/0")
    assert (first.status_code, second.status_code) == (200, 200)
    assert first.data == second.data
    assert len(calls) == 1
    certificates.revoke_certificate(certificate, None, "Issued by mistake")
    db.session.commit()
    third = client.get("/credentials/status/0")
    assert third.data != first.data
    assert len(calls) == 2


def test_a_status_list_that_does_not_exist_is_404(client, certificate):
    assert client.get("/credentials/status/1").status_code == 404


def upload(client, data: bytes, name="credential.jwt"):
    return client.post(
        "/verify/credential",
        data={"file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def test_the_check_page_has_a_plain_form(client, signing_keys):
    response = client.get("/verify/credential")
    assert response.status_code == 200
    check_structure(response.text)
    assert 'enctype="multipart/form-data"' in response.text
    assert '<label for="credential-file">Credential file</label>' in response.text


def test_the_check_page_says_who_what_and_that_it_holds(client, certificate):
    response = upload(client, services.token_for(certificate).encode())
    assert response.status_code == 200
    check_structure(response.text)
    text = visible_text(response.text)
    assert "The signature holds: this credential was issued by this academy" in text
    assert "Amina Diallo" in text
    assert "Working together: a first look at cooperatives" in text
    assert "Not revoked" in text
    assert stored().key_id in text


def test_the_check_page_speaks_the_visitors_language(client, certificate):
    token = services.token_for(certificate)
    response = client.post(
        "/verify/credential?lang=fr",
        data={"file": (io.BytesIO(token.encode()), "c.jwt")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    assert "La signature est valide" in visible_text(response.text)


def test_the_check_page_says_revoked(client, certificate):
    token = services.token_for(certificate)
    certificates.revoke_certificate(certificate, None, "Issued by mistake")
    db.session.commit()
    response = upload(client, token.encode())
    assert response.status_code == 200
    text = visible_text(response.text)
    assert "this credential was revoked: it is no longer valid" in text


def test_the_check_page_refuses_an_altered_credential(client, certificate):
    token = services.token_for(certificate)
    altered = token[:-10] + ("A" if token[-10] != "A" else "B") + token[-9:]
    response = upload(client, altered.encode())
    assert response.status_code == 422
    assert "The signature does not hold" in visible_text(response.text)


def test_the_check_page_handles_garbage_without_a_500(client, signing_keys):
    for data in [b"", b"\xff\xfe\x00garbage", b"not a token", b'{"a": 1}', b"a.b.c"]:
        response = upload(client, data)
        assert response.status_code in (400, 422), data
        if response.status_code == 422:
            assert "This file is not a credential this page can read" in visible_text(response.text)
    too_big = upload(client, b"a" * 70_000)
    assert too_big.status_code == 422
    assert "too large to be a credential" in visible_text(too_big.text)
    nothing = client.post("/verify/credential", data={}, content_type="multipart/form-data")
    assert nothing.status_code == 400
    assert "Choose the credential file" in visible_text(nothing.text)


def test_a_token_in_a_json_string_is_read(client, certificate):
    token = services.token_for(certificate)
    response = upload(client, f'"{token}"\n'.encode(), "credential.json")
    assert response.status_code == 200


def test_an_enveloped_verifiable_credential_is_read(client, certificate):
    # VC 2.0 § "Enveloped Verifiable Credentials": the VC-JWT in a data: URL.
    import json

    token = services.token_for(certificate)
    envelope = {
        "@context": "https://www.w3.org/ns/credentials/v2",
        "type": "EnvelopedVerifiableCredential",
        "id": f"data:application/vc+jwt,{token}",
    }
    response = upload(client, json.dumps(envelope, indent=2).encode(), "credential.json")
    assert response.status_code == 200
    assert "The signature holds" in visible_text(response.text)
    envelope["type"] = ["EnvelopedVerifiableCredential"]
    assert upload(client, json.dumps(envelope).encode(), "c.json").status_code == 200
    envelope["id"] = f"data:text/plain,{token}"
    refused = upload(client, json.dumps(envelope).encode(), "c.json")
    assert refused.status_code == 422
    assert "This file is not a credential this page can read" in visible_text(refused.text)


def test_my_certificates_and_the_verification_page_link_the_credential(client, certificate):
    sign_in(client, "amina@example.org")
    mine = client.get("/certificates/").text
    page = client.get(f"/verify/{certificate.public_id}").text
    for kind in ("jwt", "json"):
        link = f"/verify/{certificate.public_id}/credential.{kind}"
        assert f'href="{link}"' in mine
        assert f'href="{link}"' in page

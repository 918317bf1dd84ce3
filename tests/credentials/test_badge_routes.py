"""Badge images with the credential baked in: the downloads, their caching, and the check page."""

from __future__ import annotations

from email.utils import format_datetime
from pathlib import Path

import pytest

from academy.badges.extract import extract_credential
from academy.certificates import services as certificates
from academy.certificates.withdrawal import withdraw_certificate
from academy.credentials import badge_views, services
from academy.credentials.models import Credential
from academy.extensions import db
from tests.factories import sign_in
from tests.test_request_size import BOUNDARY
from tests.visible_text import visible_text

ROOT = Path(__file__).resolve().parents[2]
KINDS = [("png", "image/png"), ("svg", "image/svg+xml")]


def stored() -> Credential:
    return db.session.scalar(db.select(Credential))


def upload(client, data: bytes, name: str, url: str = "/verify/credential"):
    """Post data as the form's file, the body built as bytes.

    Left to the test client, a file over 500 KB goes through a temporary file
    it never closes.
    """
    head = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; '
        f'filename="{name}"\r\nContent-Type: application/octet-stream\r\n\r\n'
    ).encode()
    body = head + data + f"\r\n--{BOUNDARY}--\r\n".encode()
    return client.post(url, data=body, content_type=f"multipart/form-data; boundary={BOUNDARY}")


@pytest.mark.parametrize(("kind", "media_type"), KINDS)
def test_the_badge_downloads_with_the_stored_credential_baked_in(
    client, certificate, kind, media_type
):
    response = client.get(f"/verify/{certificate.public_id}/badge.{kind}")
    assert response.status_code == 200
    assert response.mimetype == media_type
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="badge-sample-course-{certificate.public_id}.{kind}"'
    )
    assert response.headers["Cache-Control"] == "private, no-cache"
    assert extract_credential(response.data) == stored().token


@pytest.mark.parametrize(("kind", "_media_type"), KINDS)
def test_a_repeat_request_is_a_304_and_draws_nothing(
    client, certificate, monkeypatch, kind, _media_type
):
    url = f"/verify/{certificate.public_id}/badge.{kind}"
    first = client.get(url)
    etag = first.headers["ETag"]
    assert etag == f'"{badge_views.badge_etag(stored(), kind)}"'
    assert first.last_modified is not None

    def no_drawing(*_args):
        raise AssertionError("drawn again")

    monkeypatch.setattr(badge_views, "_image", no_drawing)
    again = client.get(url, headers={"If-None-Match": etag})
    assert (again.status_code, again.data, again.headers["ETag"]) == (304, b"", etag)
    since = format_datetime(first.last_modified, usegmt=True)
    assert client.get(url, headers={"If-Modified-Since": since}).status_code == 304


def test_the_etag_follows_the_credential_and_the_kind(client, certificate):
    png = client.get(f"/verify/{certificate.public_id}/badge.png").headers["ETag"]
    svg = client.get(f"/verify/{certificate.public_id}/badge.svg").headers["ETag"]
    assert png != svg
    # Another credential (here: the stored token replaced) is another image.
    stored().token = stored().token + "x"
    db.session.commit()
    fresh = client.get(f"/verify/{certificate.public_id}/badge.png", headers={"If-None-Match": png})
    assert fresh.status_code == 200
    assert fresh.headers["ETag"] != png


@pytest.mark.parametrize("kind", ["png", "svg"])
def test_a_revoked_certificates_badge_still_downloads(client, certificate, kind):
    token = services.token_for(certificate)
    certificates.revoke_certificate(certificate, None, "Issued by mistake")
    db.session.commit()
    response = client.get(f"/verify/{certificate.public_id}/badge.{kind}")
    assert response.status_code == 200
    assert extract_credential(response.data) == token


@pytest.mark.parametrize("kind", ["png", "svg"])
def test_a_withdrawn_certificates_badge_is_gone(client, certificate, kind):
    services.token_for(certificate)
    withdraw_certificate(certificate, None)
    db.session.commit()
    response = client.get(f"/verify/{certificate.public_id}/badge.{kind}")
    assert response.status_code == 410
    assert "withdrew" in visible_text(response.text)


@pytest.mark.parametrize("kind", ["png", "svg"])
def test_an_unknown_certificate_has_no_badge(client, signing_keys, kind):
    assert client.get(f"/verify/no-such-id/badge.{kind}").status_code == 404


@pytest.mark.parametrize("kind", ["png", "svg"])
def test_no_key_no_badge(app, client, certificate, monkeypatch, kind):
    db.session.execute(db.delete(Credential))
    db.session.commit()
    monkeypatch.setattr(services.issuer, "signing_key", lambda: None)
    response = client.get(f"/verify/{certificate.public_id}/badge.{kind}")
    assert response.status_code == 503
    assert "cannot be signed yet" in visible_text(response.text)
    assert stored() is None


@pytest.mark.parametrize("kind", ["png", "svg"])
def test_a_downloaded_badge_round_trips_through_the_check_page(client, certificate, kind):
    badge = client.get(f"/verify/{certificate.public_id}/badge.{kind}").data
    response = upload(client, badge, f"badge.{kind}")
    assert response.status_code == 200
    text = visible_text(response.text)
    assert "The signature holds: this credential was issued by this academy" in text
    assert "Amina Diallo" in text
    assert "Working together: a first look at cooperatives" in text
    assert "Not revoked" in text

    certificates.revoke_certificate(certificate, None, "Issued by mistake")
    db.session.commit()
    revoked = upload(client, badge, f"badge.{kind}")
    assert revoked.status_code == 200
    assert "this credential was revoked: it is no longer valid" in visible_text(revoked.text)


def test_an_image_from_elsewhere_carries_no_credential(client, signing_keys):
    svg = (ROOT / "courses/sse-introduction/assets/definition.svg").read_bytes()
    response = upload(client, svg, "definition.svg")
    assert response.status_code == 422
    assert "This image carries no credential" in visible_text(response.text)


def test_a_png_without_a_credential_carries_none(client, certificate):
    from academy.certificates.badge_images import badge_png_for

    response = upload(client, badge_png_for(certificate.as_record()), "plain.png")
    assert response.status_code == 422
    assert "This image carries no credential" in visible_text(response.text)


def test_a_damaged_or_oversized_image_is_refused_with_a_reason(client, certificate):
    png = client.get(f"/verify/{certificate.public_id}/badge.png").data
    damaged = png[:40] + bytes([png[40] ^ 0xFF]) + png[41:]
    response = upload(client, damaged, "badge.png")
    assert response.status_code == 422
    assert "This image cannot be read, so nothing was checked" in visible_text(response.text)
    big = b"<svg xmlns='http://www.w3.org/2000/svg'>" + b" " * (2 * 1024 * 1024) + b"</svg>"
    response = upload(client, big, "big.svg")
    assert response.status_code == 422
    assert "The image is larger than 2 MB." in visible_text(response.text)
    entities = b'<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>'
    response = upload(client, entities, "entities.svg")
    assert response.status_code == 422
    assert "This image cannot be read, so nothing was checked" in visible_text(response.text)


def test_the_check_page_speaks_the_visitors_language_about_images(client, signing_keys):
    svg = (ROOT / "courses/sse-introduction/assets/definition.svg").read_bytes()
    response = upload(client, svg, "definition.svg", "/verify/credential?lang=fr")
    assert response.status_code == 422
    assert "Cette image ne porte aucune attestation numérique" in visible_text(response.text)


def test_a_json_credential_with_an_embedded_proof_is_named_as_such(client, signing_keys):
    document = b'{"type": ["VerifiableCredential", "OpenBadgeCredential"], "proof": {}}'
    response = upload(client, document, "credential.json")
    assert response.status_code == 422
    assert "This is a credential with an embedded proof (JSON)" in visible_text(response.text)


def test_my_certificates_and_the_verification_page_link_the_badges(client, certificate):
    sign_in(client, "amina@example.org")
    mine = client.get("/certificates/").text
    verify = client.get(f"/verify/{certificate.public_id}").text
    for kind in ("png", "svg"):
        link = f"/verify/{certificate.public_id}/badge.{kind}"
        assert f'href="{link}" download' in mine
        assert f'href="{link}" download' in verify
    # The course names each link for a screen reader's list of links.
    assert (
        'Download the badge (PNG image, credential included)<span class="visually-hidden"> '
        "(Working together: a first look at cooperatives)</span>"
    ) in mine

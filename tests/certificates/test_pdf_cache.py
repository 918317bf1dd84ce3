"""A repeated PDF download comes from memory; a revoked or withdrawn certificate never does."""

from __future__ import annotations

import hashlib
import shutil

import pytest
from sqlalchemy import event, select

from academy.certificates import downloads, pdf_cache
from academy.certificates.models import Certificate
from academy.certificates.pdf import certificate_etag, etag_for
from academy.certificates.services import revoke_certificate
from academy.certificates.withdrawal import withdraw_certificate
from academy.extensions import db
from tests.certificates.helpers import learner_who_completed, signed_in_admin
from tests.certificates.test_pdf import LOGO, VERIFY_URL, make_record
from tests.certificates.test_pdf_downloads import count_renders
from tests.factories import sign_in

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")


@pytest.fixture(autouse=True)
def _empty_cache():
    pdf_cache.clear()
    yield
    pdf_cache.clear()


def _statements(app):
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    return statements, lambda: event.remove(db.engine, "before_cursor_execute", record)


def _downloaded(client, course):
    learner_who_completed(client, course)
    certificate = db.session.scalar(select(Certificate))
    url = f"/certificates/{certificate.public_id}.pdf"
    first = client.get(url)
    assert first.status_code == 200
    return certificate, url, first


def test_a_repeated_download_reads_no_pdf_row(app, client, sample_course, monkeypatch):
    certificate, url, first = _downloaded(client, sample_course)
    renders = count_renders(monkeypatch)
    statements, stop = _statements(app)
    try:
        again = client.get(url)
    finally:
        stop()
    assert again.status_code == 200
    assert again.data == first.data
    assert again.headers["ETag"] == first.headers["ETag"]
    assert renders == []
    assert not [s for s in statements if "certificate_pdfs" in s]


def test_a_certificate_withdrawn_after_its_download_is_gone(app, client, sample_course):
    certificate, url, first = _downloaded(client, sample_course)
    withdraw_certificate(certificate, None)
    db.session.commit()
    assert client.get(url).status_code == 410
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 410
    admin = app.test_client()
    signed_in_admin(admin)
    assert admin.get(url).status_code == 410


def test_a_certificate_revoked_after_its_download_never_gets_the_cached_bytes(
    app, client, sample_course
):
    certificate, url, first = _downloaded(client, sample_course)
    revoke_certificate(certificate, None, "Issued by mistake")
    db.session.commit()
    # The old copy is not confirmed, and the new bytes say the certificate is revoked.
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 200
    assert again.headers["ETag"] != first.headers["ETag"]
    assert again.data != first.data
    assert pdf_cache.get(first.headers["ETag"].strip('"')) == first.data
    assert pdf_cache.get(again.headers["ETag"].strip('"')) == again.data


def test_the_memory_cache_can_be_turned_off(make_app, app, client, sample_course, monkeypatch):
    learner = learner_who_completed(client, sample_course)
    certificate = db.session.scalar(select(Certificate))
    url = f"/certificates/{certificate.public_id}.pdf"
    off = make_app(CERTIFICATE_PDF_CACHE_BYTES=0).test_client()
    sign_in(off, learner.email)
    first = off.get(url)
    assert first.status_code == 200
    assert off.get(url).data == first.data
    assert pdf_cache._size == 0


def test_the_etag_is_the_same_with_the_logos_digest_or_its_bytes(app):
    record = make_record()
    by_bytes = certificate_etag(record, None, verify_url=VERIFY_URL, logo=LOGO)
    key = hashlib.sha256(LOGO[0]).hexdigest() + LOGO[1]
    assert etag_for(record, None, verify_url=VERIFY_URL, logo_key=key) == by_bytes
    assert downloads.LogoRef(1, "a", "image/png").sha256 == "a"

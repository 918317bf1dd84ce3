"""The certificate PDF: its text in every script, its page, its bytes and its fetcher."""

from __future__ import annotations

import contextlib
import logging
import re
import shutil
import subprocess
import zlib

import pytest

from academy.certificates.fetcher import LOGO_URL, CertificateURLFetcher, RefusedFetch
from academy.certificates.pdf import certificate_etag, render_certificate_pdf

VERIFY_URL = "https://academy.test/certificates/C-7Q2X"
LOGO = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
    b'<rect width="40" height="20" fill="#2f6f5e"/></svg>',
    "image/svg+xml",
)
pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")


def make_record(**overrides) -> dict:
    record = {
        "public_id": "C-7Q2X",
        "recipient_name": "Marie Dupont",
        "course_title": "Running a cooperative",
        "course_slug": "running-a-cooperative",
        "course_version": "2",
        "language": "en",
        "completed_at": "2026-03-01T10:00:00+00:00",
        "issued_at": "2026-03-02T09:30:00+00:00",
        "issuer": "SSE Academy",
        "score_percent": 87.5,
        "duration_hours": 12.0,
        "face_to_face": False,
        "signatories": [{"name": "Ana Pérez", "title": "Director of studies"}],
        "state": "issued",
    }
    record.update(overrides)
    return record


def pdf_text(pdf: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,  # noqa: S607
    ).stdout.decode()


def pdf_info(pdf: bytes) -> str:
    return subprocess.run(
        ["pdfinfo", "-"],
        input=pdf,
        capture_output=True,
        check=True,  # noqa: S607
    ).stdout.decode()


def pdf_fonts(pdf: bytes) -> str:
    return subprocess.run(
        ["pdffonts", "-"],
        input=pdf,
        capture_output=True,
        check=True,  # noqa: S607
    ).stdout.decode()


def pdf_objects(pdf: bytes) -> bytes:
    """The PDF with its compressed streams (object streams too) inflated."""
    streams = re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.DOTALL)
    inflated = []
    for stream in streams:
        with contextlib.suppress(zlib.error):
            inflated.append(zlib.decompressobj().decompress(stream))
    return pdf + b"\n".join(inflated)


def render(record: dict | None = None, **kwargs) -> bytes:
    return render_certificate_pdf(record or make_record(), verify_url=VERIFY_URL, **kwargs)


@pytest.mark.parametrize(
    ("name", "language", "font"),
    [
        ("Marie Dupont", "en", "Noto-Sans"),
        ("فاطمة الزهراء", "ar", "Noto-Sans-Arabic"),
        ("李小龍", "zh-Hant", "Noto-Sans-CJK"),
        ("山田花子", "ja", "Noto-Sans-CJK"),
    ],
)
def test_names_in_each_script_are_printed_in_noto(app, name, language, font):
    pdf = render(make_record(recipient_name=name, language=language))
    assert name in pdf_text(pdf)
    assert font in pdf_fonts(pdf)


def test_the_page_is_a4_landscape_with_the_course_and_verification(app, caplog):
    with caplog.at_level(logging.WARNING):
        pdf = render(logo=LOGO)
    text = pdf_text(pdf)
    media_box = re.search(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf_objects(pdf))
    assert media_box
    assert float(media_box[1]) == pytest.approx(841.89, abs=0.1)
    assert float(media_box[2]) == pytest.approx(595.28, abs=0.1)
    assert "Pages:           1" in pdf_info(pdf)
    for expected in (
        "Certificate of completion",
        "Running a cooperative",
        "12 hours",
        "Ana Pérez",
        "Director of studies",
        "Verify this certificate at",
        VERIFY_URL,
    ):
        assert expected in text
    assert pdf != render()  # the logo is drawn, loaded through the fetcher
    assert "Refused to fetch" not in caplog.text


def test_an_arabic_certificate_is_right_to_left(app):
    pdf = render(make_record(language="ar", recipient_name="فاطمة الزهراء"))
    assert b"/Lang (ar)" in pdf_objects(pdf)
    assert "فاطمة الزهراء" in pdf_text(pdf)


def test_metadata_comes_from_the_record(app):
    info = pdf_info(render())
    assert "Title:           Running a cooperative — Marie Dupont" in info
    assert "Author:          SSE Academy" in info
    assert "CreationDate:    Mon Mar  2 09:30:00 2026 UTC" in info
    assert "ModDate:         Mon Mar  2 09:30:00 2026 UTC" in info
    assert b"/Identifier (C-7Q2X)" in pdf_objects(render())


def test_the_same_inputs_give_the_same_bytes_and_etag(app):
    assert render(logo=LOGO) == render(logo=LOGO)
    assert certificate_etag(make_record(), None) == certificate_etag(make_record(), None)


def test_a_different_record_or_template_changes_the_etag(app):
    etag = certificate_etag(make_record(), None)
    assert certificate_etag(make_record(recipient_name="Marie Dupond"), None) != etag
    assert certificate_etag(make_record(state="revoked"), None) != etag
    assert certificate_etag(make_record(language="fr"), None) != etag
    assert certificate_etag(make_record(), None, verify_url=VERIFY_URL) != etag
    assert certificate_etag(make_record(), None, logo=LOGO) != etag
    assert certificate_etag(make_record(), "<p>{{ certificate.recipient_name }}</p>") != etag


def test_a_revoked_certificate_says_so(app):
    assert "REVOKED" not in pdf_text(render())
    assert "REVOKED" in pdf_text(render(make_record(state="revoked")))


def test_a_latin_certificate_is_small(app):
    assert len(render(logo=LOGO)) < 100_000


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "http://127.0.0.1/", "https://example.org/x.png", "ftp://x/y"]
)
def test_the_fetcher_refuses_files_and_the_network(url, caplog):
    fetcher = CertificateURLFetcher({LOGO_URL: LOGO})
    with caplog.at_level(logging.WARNING), pytest.raises(RefusedFetch):
        fetcher.fetch(url)
    assert fetcher.refused == [url]
    assert "Refused to fetch" in caplog.text


def test_the_fetcher_serves_only_registered_resources():
    fetcher = CertificateURLFetcher({LOGO_URL: LOGO})
    response = fetcher.fetch(LOGO_URL)
    assert response.read() == LOGO[0]
    assert response.content_type == "image/svg+xml"
    with pytest.raises(RefusedFetch):
        CertificateURLFetcher().fetch(LOGO_URL)


def test_a_course_template_is_sandboxed_and_fetches_nothing(app, caplog):
    template = """<html lang="{{ lang }}"><head>
      <link rel="stylesheet" href="file:///etc/passwd">
      <style>@import url("http://127.0.0.1/x.css");</style></head><body>
      <img src="file:///etc/passwd"><img src="http://127.0.0.1/track.png">
      <p>{{ _("Certificate of completion") }}: {{ certificate.recipient_name }}</p>
      <p>{{ certificate.__class__ }}</p></body></html>"""
    with caplog.at_level(logging.WARNING, logger="academy.certificates.fetcher"):
        pdf = render(make_record(recipient_name="<b>Marie</b>"), template_html=template)
    text = pdf_text(pdf)
    assert "Certificate of completion: <b>Marie</b>" in text  # autoescaped, so printed as text
    assert "root:" not in text
    refused = {r.args[0] for r in caplog.records if r.name == "academy.certificates.fetcher"}
    assert {"file:///etc/passwd", "http://127.0.0.1/track.png"} <= refused


def test_a_course_template_cannot_reach_python_internals(app):
    from academy.certificates.pdf import CertificateRenderError

    with pytest.raises(CertificateRenderError) as caught:
        render(template_html="<p>\n{{ ''.__class__.__mro__[1].__subclasses__() }}")
    assert caught.value.reason == "access to attribute '__class__' of 'str' object is unsafe."
    assert caught.value.line == 2


def test_the_text_follows_the_certificate_language_not_the_interface(app):
    with app.test_request_context("/?lang=fr"):
        english = pdf_text(render())
        arabic = pdf_text(render(make_record(language="ar")))
    assert "Certificate of completion" in english
    assert "Certificate of completion" not in arabic
    assert "شهادة إتمام" in arabic


@pytest.mark.parametrize("language", ["en", "fr", "es", "ar"])
def test_a_certificate_speaks_each_interface_language(app, language):
    from tests.i18n import translated

    text = pdf_text(render(make_record(language=language, recipient_name="Ana Pérez")))
    assert translated("Certificate of completion", language) in text
    assert "Ana Pérez" in text

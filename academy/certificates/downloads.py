"""A certificate's PDF as served: what it is rendered from, its ETag, and its cached bytes.

The same record, template and renderer give the same bytes (academy.certificates.pdf),
so the bytes are rendered once and kept in the database by ETag, where every app
server finds them. Looking them up and storing them flush; the view commits.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError

from academy.certificates import services
from academy.certificates.models import Certificate, CertificatePDF
from academy.certificates.pdf import certificate_etag, render_certificate_pdf
from academy.courses.models import Asset
from academy.database import utcnow
from academy.extensions import db
from academy.metrics import timed_render

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PDFInputs:
    """Everything a certificate's PDF bytes depend on."""

    record: dict
    verify_url: str
    logo: tuple[bytes, str] | None
    template_html: str | None
    etag: str


def pdf_inputs(certificate: Certificate) -> PDFInputs:
    record = certificate.as_record()
    verify_url = services.verification_url(certificate)
    logo = _logo(certificate)
    template_html = (certificate.settings or {}).get("template_html")
    etag = certificate_etag(record, template_html, verify_url=verify_url, logo=logo)
    return PDFInputs(record, verify_url, logo, template_html, etag)


def _logo(certificate: Certificate) -> tuple[bytes, str] | None:
    """The logo the certificate printed, if its file is still the one recorded."""
    logo = (certificate.settings or {}).get("logo") or {}
    if not logo.get("sha256"):
        return None
    asset = db.session.scalar(
        select(Asset).where(Asset.course_id == certificate.course_id, Asset.path == logo["path"])
    )
    if asset is None or asset.sha256 != logo["sha256"]:
        return None
    return asset.data, asset.media_type


def pdf_bytes(certificate: Certificate, inputs: PDFInputs) -> tuple[bytes, bool]:
    """The PDF, from the cache when its ETag matches; True when it was just rendered.

    Raises CertificateRenderError when a course template cannot be printed.
    """
    cached = db.session.scalar(
        select(CertificatePDF).where(CertificatePDF.certificate_id == certificate.id)
    )
    if cached is not None and cached.etag == inputs.etag:
        return cached.pdf, False
    with timed_render("pdf"):
        body = render_certificate_pdf(
            inputs.record,
            verify_url=inputs.verify_url,
            logo=inputs.logo,
            template_html=inputs.template_html,
        )
    try:
        with db.session.begin_nested():
            if cached is not None:
                cached.etag, cached.pdf, cached.rendered_at = inputs.etag, body, utcnow()
            else:
                db.session.add(
                    CertificatePDF(certificate_id=certificate.id, etag=inputs.etag, pdf=body)
                )
    except (IntegrityError, OperationalError):
        # Another server stored it in between, or the database is busy (SQLite
        # cannot always turn this read into a write): serve the bytes anyway.
        logger.info("The PDF of certificate %s was not cached this time", certificate.id)
    return body, True

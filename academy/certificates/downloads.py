"""A certificate's PDF as served: what it is rendered from, its ETag, and its cached bytes.

The same record, template and renderer give the same bytes (academy.certificates.pdf),
so the bytes are rendered once and kept in the database by ETag, where every app
server finds them, and in each process's memory (academy.certificates.pdf_cache).
Looking them up and storing them flush; the view commits.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError

from academy.certificates import pdf, pdf_cache, services
from academy.certificates.models import Certificate, CertificatePDF
from academy.certificates.pdf import etag_for, render_certificate_pdf, renderer_stamp
from academy.courses.models import Asset
from academy.database import utcnow
from academy.extensions import db
from academy.metrics import timed_render
from academy.recent_rows import Recent

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PDFInputs:
    """Everything a certificate's PDF bytes depend on; the logo as its asset and digest."""

    record: dict
    verify_url: str
    logo: LogoRef | None
    template_html: str | None
    etag: str


@dataclass(frozen=True)
class LogoRef:
    """The logo file a certificate prints, without its bytes (loaded only to render)."""

    asset_id: int
    sha256: str
    media_type: str


@dataclass(frozen=True)
class Download:
    """What a download needs of a certificate: who may have it, and its PDF's inputs."""

    certificate_id: int
    user_id: int | None
    withdrawn: bool
    inputs: PDFInputs | None  # None once withdrawn: nothing is printed any more
    renderer: str  # the RENDERER_VERSION the inputs were made with


# Downloads by public id (academy.recent_rows): a revocation or withdrawal made in this
# process forgets its certificate at once; one made on another server reaches its
# downloads within PAGE_CACHE_CHECK_SECONDS, as the logo and renderer files do.
_recent = Recent("certificates", (Certificate,), lambda certificate: certificate.public_id)


def recent_download(public_id: str) -> Download | None:
    """The certificate's download as this process read it a moment ago; None if none."""
    known = _recent.get(public_id)
    if known is not None and known.renderer == pdf.RENDERER_VERSION:
        return known
    generation = _recent.generation()
    certificate = services.by_public_id(public_id)
    if certificate is None:
        return None
    withdrawn = certificate.is_withdrawn
    inputs = None if withdrawn else pdf_inputs(certificate)
    download = Download(
        certificate.id, certificate.user_id, withdrawn, inputs, pdf.RENDERER_VERSION
    )
    _recent.keep(public_id, download, generation)
    return download


def pdf_inputs(certificate: Certificate) -> PDFInputs:
    record = certificate.as_record()
    verify_url = services.verification_url(certificate)
    logo = _logo(certificate)
    template_html = (certificate.settings or {}).get("template_html")
    logo_key = logo.sha256 + logo.media_type if logo else None
    # The record is immutable but for the columns MUTABLE names and the erased name:
    # with those, the address, the logo and the renderer's stamp (its version, the
    # stylesheet and catalogue files) they decide the ETag this process computed.
    known = (
        certificate.id, record["recipient_name"], *(record[name] for name in _MUTABLE),
        verify_url, logo_key, _renderer_stamp(record["language"]),
    )  # fmt: skip
    etag = _etags.get(known)
    if etag is None:
        etag = etag_for(record, template_html, verify_url=verify_url, logo_key=logo_key)
        if len(_etags) >= _ETAGS_LIMIT:
            _etags.clear()
        _etags[known] = etag
    return PDFInputs(record, verify_url, logo, template_html, etag)


def _renderer_stamp(language: str) -> tuple:
    """renderer_stamp, its files looked at again after PAGE_CACHE_CHECK_SECONDS (two stats)."""
    now = time.monotonic()
    known = _stamps.get(language)
    if known is None or now - known[1] >= current_app.config["PAGE_CACHE_CHECK_SECONDS"]:
        known = _stamps[language] = (renderer_stamp(language), now)
    return (pdf.RENDERER_VERSION, *known[0][1:])


_stamps: dict[str, tuple[tuple, float]] = {}


# The parts of a record that change after issue (academy.certificates.models.MUTABLE).
_MUTABLE = ("state", "revoked_at")
_etags: dict[tuple, str] = {}
_ETAGS_LIMIT = 10_000


def _logo(certificate: Certificate) -> LogoRef | None:
    """The logo the certificate printed, if its file is still the one recorded.

    Only an import changes a course's assets, so the answer is kept for
    PAGE_CACHE_CHECK_SECONDS, like a course's version (academy.courses.freshness):
    a repeated download reads no asset row.
    """
    logo = (certificate.settings or {}).get("logo") or {}
    if not logo.get("sha256"):
        return None
    key = (certificate.course_id, logo["path"], logo["sha256"])
    now = time.monotonic()
    known = _logos.get(key)
    if known is not None and now - known[1] < current_app.config["PAGE_CACHE_CHECK_SECONDS"]:
        return known[0]
    found = db.session.execute(
        select(Asset.id, Asset.sha256, Asset.media_type).where(
            Asset.course_id == certificate.course_id, Asset.path == logo["path"]
        )
    ).first()
    ref = None
    if found is not None and found.sha256 == logo["sha256"]:
        ref = LogoRef(found.id, found.sha256, found.media_type)
    if len(_logos) >= _ETAGS_LIMIT:
        _logos.clear()
    _logos[key] = (ref, now)
    return ref


_logos: dict[tuple, tuple[LogoRef | None, float]] = {}


def pdf_bytes(certificate_id: int, inputs: PDFInputs) -> tuple[bytes, bool]:
    """The PDF, from a cache when its ETag matches; True when it was just rendered.

    This process's memory first, then the database's row, which any server
    may have written. Raises CertificateRenderError when a course template
    cannot be printed.
    """
    body = pdf_cache.get(inputs.etag)
    if body is not None:
        return body, False
    cached = db.session.scalar(
        select(CertificatePDF).where(CertificatePDF.certificate_id == certificate_id)
    )
    if cached is not None and cached.etag == inputs.etag:
        pdf_cache.put(inputs.etag, cached.pdf)
        return cached.pdf, False
    logo = None
    if inputs.logo is not None:
        logo = (db.session.get(Asset, inputs.logo.asset_id).data, inputs.logo.media_type)
    with timed_render("pdf"):
        body = render_certificate_pdf(
            inputs.record,
            verify_url=inputs.verify_url,
            logo=logo,
            template_html=inputs.template_html,
        )
    try:
        with db.session.begin_nested():
            if cached is not None:
                cached.etag, cached.pdf, cached.rendered_at = inputs.etag, body, utcnow()
            else:
                db.session.add(
                    CertificatePDF(certificate_id=certificate_id, etag=inputs.etag, pdf=body)
                )
    except (IntegrityError, OperationalError):
        # Another server stored it in between, or the database is busy (SQLite
        # cannot always turn this read into a write): serve the bytes anyway.
        logger.info("The PDF of certificate %s was not cached this time", certificate_id)
    pdf_cache.put(inputs.etag, body)
    return body, True

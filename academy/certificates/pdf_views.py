"""The certificate PDF download: for its recipient and admins, rate-limited, never a 500.

The one GET that writes, and only to a cache: the bytes rendered for a
certificate are kept (academy.certificates.downloads) and committed here; a
busy database only costs a render next time. Downloads are limited per user
and per address, with a 429 page that says what was limited; a course
template that cannot print is a 503 page that links the verification page.
"""

from __future__ import annotations

import logging

from flask import Response, abort, current_app, make_response, render_template, request
from flask_babel import gettext as _
from flask_limiter import RateLimitExceeded
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required
from sqlalchemy.exc import IntegrityError, OperationalError

from academy.certificates import bp, downloads, services
from academy.certificates.models import Certificate
from academy.certificates.pdf import CertificateRenderError
from academy.errors import render_error
from academy.extensions import db, limiter

logger = logging.getLogger(__name__)


def _downloader() -> str:
    """Rate-limit key: the signed-in user, else the address."""
    if current_user.is_authenticated:
        return f"user:{current_user.id}"
    return f"address:{get_remote_address()}"


@bp.errorhandler(RateLimitExceeded)
def _rate_limited(error: RateLimitExceeded):
    # The app's handler renders the generic 429 page; a limit's own page
    # (on_breach) says what was limited. It is the blueprint's handler, so
    # /verify's limit, which has no page of its own, gets the generic one.
    return error.response if error.response is not None else render_error(429)


def _too_many_downloads(_limit):
    message = _(
        "You downloaded certificates many times in a short while. "
        "Please wait a minute, then try again."
    )
    return make_response(render_error(429, message))


@bp.route("/certificates/<public_id>.pdf")
@limiter.limit(
    lambda: current_app.config["CERTIFICATE_PDF_LIMIT_PER_USER"],
    key_func=_downloader,
    on_breach=_too_many_downloads,
)
@limiter.limit(
    lambda: current_app.config["CERTIFICATE_PDF_LIMIT_PER_ADDRESS"],
    key_func=get_remote_address,
    on_breach=_too_many_downloads,
)
@login_required
def pdf(public_id: str):
    """The certificate as a PDF, for its recipient and for admins.

    The PDF is a function of the record, the template and the renderer and
    font versions, so any server renders the same bytes, and the ETag says so.
    """
    download = downloads.recent_download(public_id)
    if download is None or (download.user_id != current_user.id and not current_user.is_admin):
        abort(404)
    if download.withdrawn:
        certificate = services.by_public_id(public_id)
        return render_template("certificates/verify.html", certificate=certificate), 410
    inputs = download.inputs
    if request.if_none_match.contains(inputs.etag):
        response = Response(status=304)
    else:
        try:
            body, rendered = downloads.pdf_bytes(download.certificate_id, inputs)
        except CertificateRenderError as error:
            return _unprintable(db.session.get(Certificate, download.certificate_id), error)
        if rendered:
            _keep(download.certificate_id)
        response = Response(body, mimetype="application/pdf")
        record = inputs.record
        filename = f"certificate-{record['course_slug']}-{record['public_id'][:8]}.pdf"
        response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.set_etag(inputs.etag)
    response.headers["Cache-Control"] = "private, no-cache"
    return response


def _keep(certificate_id: int) -> None:
    """Commit the rendered bytes; a busy database only costs a render next time."""
    try:
        db.session.commit()
    except (OperationalError, IntegrityError):
        db.session.rollback()
        logger.info("The PDF of certificate %s was not cached this time", certificate_id)


def _unprintable(certificate: Certificate, error: CertificateRenderError):
    logger.error(
        "The PDF of certificate %s (course %s) cannot be printed: line %s: %s",
        certificate.id,
        certificate.course_slug,
        error.line or "?",
        error.reason,
    )
    page = render_template(
        "certificates/unprintable.html",
        certificate=certificate,
        verify_url=services.verification_url(certificate),
    )
    return page, 503

"""A certificate's badge image, PNG or SVG, with its signed credential baked in.

Public like credential.jwt, with the same answers: a revoked certificate's
badge still downloads (its credential's status says revoked), a withdrawn one
is 410, an unknown one 404, and 503 while no key can sign. The image is drawn
from the certificate's immutable record and carries the stored credential,
which never changes, so the response is fully determined by that credential:
its ETag and Last-Modified come from it, and a repeat request is answered 304
before anything is drawn. Nothing extra is stored (see docs/decisions.md).
"""

from __future__ import annotations

import hashlib

from flask import Response, request
from werkzeug.http import is_resource_modified

from academy.badges.png import bake_png
from academy.badges.svg import bake_svg
from academy.certificates.badge_images import badge_png_for, badge_svg_for
from academy.certificates.models import Certificate
from academy.credentials import bp
from academy.credentials.models import Credential
from academy.credentials.views import Served, served_credential
from academy.extensions import limiter

# Bump when the drawing changes, so caches holding the old picture revalidate.
DRAWING_VERSION = "1"

PNG = "png"
SVG = "svg"
MEDIA_TYPES = {PNG: "image/png", SVG: "image/svg+xml"}


def badge_etag(credential: Credential, kind: str) -> str:
    """Derived from the signed token: the same credential always bakes the same image."""
    digest = hashlib.sha256(credential.token.encode()).hexdigest()[:32]
    return f"{kind}-{DRAWING_VERSION}-{digest}"


def _image(certificate: Certificate, token: str, kind: str) -> bytes:
    record = certificate.as_record()
    if kind == PNG:
        return bake_png(badge_png_for(record), token)
    return bake_svg(badge_svg_for(record), token).encode("utf-8")


def _headers(response: Response, certificate: Certificate, credential: Credential, kind: str):
    response.set_etag(badge_etag(credential, kind))
    response.last_modified = credential.created_at
    # The badge carries a person's name: no shared cache may keep it past a
    # withdrawal (410). The browser revalidates, and the ETag makes that a 304.
    response.headers["Cache-Control"] = "private, no-cache"
    response.headers["Access-Control-Allow-Origin"] = "*"
    # course_slug is [a-z0-9-] and public_id URL-safe: no quoting needed.
    name = f"badge-{certificate.course_slug}-{certificate.public_id}.{kind}"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _badge(public_id: str, kind: str):
    served = served_credential(public_id)
    if not isinstance(served, Served):
        return served
    certificate, credential = served
    etag = badge_etag(credential, kind)
    if not is_resource_modified(request.environ, etag=etag, last_modified=credential.created_at):
        # Nothing drawn: the credential, so the image, is the one the client holds.
        return _headers(Response(status=304), certificate, credential, kind)
    data = _image(certificate, credential.token, kind)
    return _headers(Response(data, mimetype=MEDIA_TYPES[kind]), certificate, credential, kind)


@bp.route("/verify/<public_id>/badge.png")
@limiter.limit("60/minute")
def badge_png(public_id: str):
    return _badge(public_id, PNG)


@bp.route("/verify/<public_id>/badge.svg")
@limiter.limit("60/minute")
def badge_svg(public_id: str):
    return _badge(public_id, SVG)

"""Public routes: a certificate's credential, the keys, the status list, and the check page.

All public, like the verification page: the credential carries only what
the certificate's verification page shows, and the recipient's address only
hashed. The credential download and the check may write: a certificate
issued before credentials existed gets its credential on first request.
"""

from __future__ import annotations

import json
from typing import NamedTuple

from flask import Response, abort, current_app, render_template, request
from flask_babel import gettext as _

from academy.certificates.models import Certificate
from academy.certificates.services import by_public_id
from academy.credentials import bp, issuer, services, status_list, uploads, verification
from academy.credentials.forms import CredentialFileForm
from academy.credentials.models import Credential
from academy.errors import render_error
from academy.extensions import db, limiter

# The media type of a VC-JWT (W3C VC-JOSE-COSE); OB 3.0 names the file *.jwt.
VC_JWT = "application/vc+jwt"
# Keys change at a rotation, and the status list is signed with the new key
# at once: a verifier holding a cached key document must fetch it again
# within minutes. An unchanged document costs a 304.
KEYS_MAX_AGE = 300
STATUS_MAX_AGE = status_list.MAX_AGE


def _json(document: dict, media_type: str = "application/json") -> Response:
    response = Response(json.dumps(document, indent=2, ensure_ascii=False), mimetype=media_type)
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


class Served(NamedTuple):
    certificate: Certificate
    credential: Credential


def served_credential(public_id: str):
    """Served(certificate, credential), signed now if need be and committed; or the
    error page a download of it answers: 404, 410 withdrawn, 503 without a key."""
    certificate = by_public_id(public_id)
    if certificate is None:
        return render_error(404)
    if certificate.is_withdrawn:
        # Gone on purpose, like its verification page: nothing it said is served.
        return render_error(410, _("Its holder withdrew this certificate, and its credential."))
    credential = services.credential_for(certificate)
    if credential is None:
        return render_error(503, _("The credential cannot be signed yet. Please try again later."))
    db.session.commit()
    return Served(certificate, credential)


@bp.route("/verify/<public_id>/credential.jwt")
@limiter.limit("60/minute")
def download(public_id: str):
    served = served_credential(public_id)
    if not isinstance(served, Served):
        return served
    certificate, credential = served
    response = Response(credential.token, mimetype=VC_JWT)
    response.headers["Content-Disposition"] = (
        f'attachment; filename="certificate-{certificate.public_id}.jwt"'
    )
    # Never kept by shared caches: withdrawal erases the credential (410), and
    # a copy must not outlive it in a proxy. Whether it is revoked is the
    # status list's to say.
    response.headers["Cache-Control"] = "private, no-cache"
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.route("/verify/<public_id>/credential.json")
@limiter.limit("60/minute")
def download_json(public_id: str):
    """The same signed credential as a JSON file: VC 2.0's EnvelopedVerifiableCredential,
    which carries the VC-JWT as a data: URL, for tools that take JSON only."""
    served = served_credential(public_id)
    if not isinstance(served, Served):
        return served
    certificate, credential = served
    envelope = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": f"data:{VC_JWT},{credential.token}",
        "type": "EnvelopedVerifiableCredential",
    }
    response = _json(envelope)
    response.headers["Content-Disposition"] = (
        f'attachment; filename="certificate-{certificate.public_id}.json"'
    )
    response.headers["Cache-Control"] = "private, no-cache"
    return response


def _key_document(document: dict, media_type: str) -> Response:
    response = _json(document, media_type)
    response.headers["Cache-Control"] = f"public, max-age={KEYS_MAX_AGE}, must-revalidate"
    response.add_etag()
    return response.make_conditional(request)


@bp.route("/.well-known/jwks.json")
def jwks():
    return _key_document(issuer.jwks(), "application/jwk-set+json")


@bp.route("/.well-known/did.json")
def did():
    return _key_document(issuer.did_document(), "application/did+json")


@bp.route("/.well-known/jwks/<kid>.json")
def public_key(kid: str):
    # A token's kid: an HTTPS URL answering the public JWK (OB 3.0 requires
    # verifiers to dereference HTTP URLs; DID URLs are optional to them).
    found = issuer.public_jwk(kid)
    if found is None:
        return render_error(404)
    return _key_document(found, "application/jwk+json")


@bp.route("/credentials/status/<int:number>")
def status(number: int):
    if number >= status_list.list_count():
        abort(404)
    state = status_list.revoked(number)
    key = issuer.signing_key()
    if key is None:
        return render_error(503, _("The status list cannot be signed yet."))
    kid, private = key
    response = Response(mimetype=VC_JWT)
    response.set_etag(status_list.etag(state, kid))
    response.last_modified = state.last_change
    response.headers["Cache-Control"] = f"public, max-age={STATUS_MAX_AGE}, must-revalidate"
    response.headers["Access-Control-Allow-Origin"] = "*"
    if request.if_none_match.contains(response.get_etag()[0]):
        response.status_code = 304
        return response
    response.set_data(status_list.signed_list(number, state, kid, private))
    return response


@bp.route("/verify/credential", methods=["GET", "POST"])
@limiter.limit("30/minute", methods=["POST"])
def check():
    form = CredentialFileForm()
    if not form.is_submitted():
        return render_template("credentials/check.html", form=form, result=None)
    if not form.validate():
        return render_template("credentials/check.html", form=form, result=None), 400
    result = uploads.check_upload(form.file.data.read(uploads.READ_LIMIT))
    status = 200 if result.valid else 422
    return render_template(
        "credentials/check.html",
        form=CredentialFileForm(formdata=None),
        result=result,
        max_kb=verification.MAX_TOKEN_CHARS // 1024,
        base_url=current_app.config["BASE_URL"],
    ), status

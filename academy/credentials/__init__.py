"""Credentials: every certificate also an Open Badges 3.0 credential, signed and checkable.

A certificate's OpenBadgeCredential is built from its immutable record,
signed once as a VC-JWT (RS256) with the academy's key and stored. The
public keys (JWKS, did:web) and a signed Bitstring Status List of
revocations are published; `academy keys generate|rotate` manage the keys,
which live in files, never in the database.
"""

from flask import Blueprint

bp = Blueprint("credentials", __name__, template_folder="templates")


@bp.record_once
def _listen(_state) -> None:
    # Certificates come before credentials: they say a certificate was issued,
    # and its credential is signed then (academy.credentials.services).
    from academy.certificates.signals import certificate_issued, certificate_withdrawn
    from academy.credentials.services import create_on_issue, erase_on_withdrawal

    certificate_issued.connect(create_on_issue)
    certificate_withdrawn.connect(erase_on_withdrawal)


# Attach the routes to bp.
from academy.credentials import badge_views, views  # noqa: E402, F401

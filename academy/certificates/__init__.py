"""Certificates: immutable records of a learner's course, their verification and admin.

A certificate snapshots everything it prints (name, course title and
version, language, dates, score, issuer, signatories, logo, template) at
issue, so later changes to a profile or a course never alter it; only its
revocation fields change. Every issue, revocation and reissue is written to
the audit log.
"""

from flask import Blueprint

bp = Blueprint("certificates", __name__, template_folder="templates")

# Connects the certificate template check to `courses check` (package_checked).
from academy.certificates import checks  # noqa: E402, F401

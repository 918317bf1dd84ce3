"""Certificates: immutable records of a learner's course, their verification and admin.

A certificate snapshots everything it prints (name, course title and
version, language, dates, score, issuer, signatories, logo, template) at
issue, so later changes to a profile or a course never alter it; only its
revocation fields change. Every issue, revocation and reissue is written to
the audit log.
"""

from flask import Blueprint

bp = Blueprint("certificates", __name__, template_folder="templates")


@bp.record_once
def _listen(state) -> None:
    # Learning comes before certificates: it says a course was completed, and
    # certificates issue one (academy.certificates.on_completion).
    from academy.certificates.on_completion import issue_on_completion
    from academy.learning.signals import course_completed

    course_completed.connect(issue_on_completion)


@bp.record_once
def _listen_to_auth(_state) -> None:
    # Auth comes before certificates: a confirmed address receives the
    # face-to-face certificates issued to it (academy.certificates.face_to_face).
    from academy.auth.signals import account_confirmed
    from academy.certificates.face_to_face import attach

    account_confirmed.connect(attach)


@bp.record_once
def _tell_course_pages(state) -> None:
    # Courses come before certificates: the course page asks through this
    # whether the reader's certificate waits for their name.
    from academy.certificates.waiting import course_waits_for_name
    from academy.courses.readers import register_certificate_waits

    register_certificate_waits(state.app, course_waits_for_name)


# Attach the routes to bp.
from academy.certificates import pdf_views, views  # noqa: E402, F401

"""A course completed: issue its certificate, and mail it once that is committed.

Learning sends course_completed when a learner first meets a course's rule,
whether their last step was a lesson marked complete or a quiz passed; this is
the one place that turns it into a certificate. Connected when the app is
created (academy.certificates.__init__).
"""

from __future__ import annotations

from academy.auth.models import User
from academy.certificates.mails import send_certificate_issued
from academy.certificates.services import after_completion
from academy.courses.models import Course
from academy.database import after_commit
from academy.extensions import db


def issue_on_completion(_sender, *, user_id: int, course: Course) -> None:
    user = db.session.get(User, user_id)
    certificate = after_completion(user, course)
    if certificate is not None:
        # Nobody is told of a certificate that was not saved.
        after_commit(db.session, lambda: send_certificate_issued(user, certificate))

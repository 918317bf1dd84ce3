"""Certificates for a cohort: who is ready, who may issue them, and issuing them at once.

Ready: an active learner of the cohort who completed the course and holds
no valid certificate for it (never issued, or revoked). When the course's
certificates are issued by admins (`issue: admin`), only admins issue them
here; otherwise the cohort's trainers and the course's owners may too.
"""

from __future__ import annotations

from sqlalchemy import select

from academy.auth.models import User
from academy.certificates.models import ISSUED, Certificate
from academy.certificates.services import ADMIN, issue_certificate, issue_mode, needs_name
from academy.courses.models import Course
from academy.extensions import db
from academy.learning.models import Cohort, CourseCompletion, Enrolment
from academy.trainers.access import runs_cohort


def admins_only(course: Course) -> bool:
    return issue_mode(course) == ADMIN


def may_issue(user, cohort: Cohort, course: Course) -> bool:
    if admins_only(course):
        return user.is_authenticated and user.is_admin
    return runs_cohort(user, cohort, course)


def ready_learners(cohort: Cohort, course: Course) -> list[User]:
    """The cohort's learners who completed the course and hold no valid certificate, by name."""
    holds = (
        select(Certificate.id)
        .where(
            Certificate.user_id == User.id,
            Certificate.course_id == course.id,
            Certificate.state == ISSUED,
        )
        .exists()
    )
    return list(
        db.session.scalars(
            select(User)
            .join(Enrolment, Enrolment.user_id == User.id)
            .join(
                CourseCompletion,
                (CourseCompletion.user_id == User.id) & (CourseCompletion.course_id == course.id),
            )
            .where(
                Enrolment.cohort_id == cohort.id,
                Enrolment.unenrolled_at.is_(None),
                User.deleted_at.is_(None),
                ~holds,
            )
            .order_by(User.name, User.id)
        )
    )


def issue_for_cohort(cohort: Cohort, course: Course, actor: User) -> list[tuple[User, Certificate]]:
    """Issue the certificate of every ready learner; the caller commits once, then mails.

    A learner whose account has no name to print is left ready: an admin
    issues theirs from the certificates page, which asks for the name.
    """
    return [
        (learner, issue_certificate(learner, course, issued_by=actor))
        for learner in ready_learners(cohort, course)
        if not needs_name(learner)
    ]

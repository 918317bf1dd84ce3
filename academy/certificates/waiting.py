"""Certificates waiting for a name: automatic ones skipped because the account has none.

A learner who completes a course whose certificates are issued automatically
gets none while their account has no name to print (empty, or their email
address: services.needs_name). Waiting: such a completion with no
certificate of the course at all; a revoked one was someone's decision and
is not undone here. The learner is told on "My certificates" and on the
course page, trainers and admins see it, and saving a name in the account
settings issues what waited (issue_waiting). Functions flush; the caller commits.
"""

from __future__ import annotations

from sqlalchemy import func, or_, select

from academy.auth.models import User
from academy.certificates.models import Certificate
from academy.certificates.services import (
    AUTOMATIC,
    Ready,
    issue_certificate,
    issue_mode,
    needs_name,
    ready_to_issue,
)
from academy.courses.models import Course
from academy.extensions import db
from academy.learning.models import CourseCompletion


def _no_certificate():
    """No certificate at all (issued or revoked) of the completion's user and course."""
    return ~(
        select(Certificate.id)
        .where(
            Certificate.user_id == CourseCompletion.user_id,
            Certificate.course_id == CourseCompletion.course_id,
        )
        .exists()
    )


def _automatic_courses() -> dict[int, Course]:
    courses = db.session.scalars(select(Course))
    return {course.id: course for course in courses if issue_mode(course) == AUTOMATIC}


def completed_without_certificate(user: User) -> list[tuple[CourseCompletion, Course]]:
    """user's completions of automatic courses that have no certificate, oldest first."""
    automatic = _automatic_courses()
    if not automatic:
        return []
    completions = db.session.scalars(
        select(CourseCompletion)
        .where(
            CourseCompletion.user_id == user.id,
            CourseCompletion.course_id.in_(automatic),
            _no_certificate(),
        )
        .order_by(CourseCompletion.completed_at, CourseCompletion.id)
    )
    return [(completion, automatic[completion.course_id]) for completion in completions]


def waiting_for_name(user) -> list[tuple[CourseCompletion, Course]]:
    """The certificates user would hold if their account had a name ([] when it has one)."""
    if not user.is_authenticated or not needs_name(user):
        return []
    return completed_without_certificate(user)


def course_waits_for_name(user, course: Course) -> bool:
    """Whether user's certificate of course waits for their name (a query only if it may)."""
    if not user.is_authenticated or issue_mode(course) != AUTOMATIC or not needs_name(user):
        return False
    return any(c.id == course.id for _completion, c in completed_without_certificate(user))


def issue_waiting(user: User) -> list[Certificate]:
    """Issue what waited for user's name, now that they have one; [] while they have none."""
    if needs_name(user):
        return []
    return [
        issue_certificate(user, course)
        for _completion, course in completed_without_certificate(user)
    ]


def all_waiting_for_name() -> list[Ready]:
    """Every completion waiting for its account's name, oldest first (for the admins)."""
    automatic = _automatic_courses()
    if not automatic:
        return []
    name = func.trim(func.coalesce(User.name, ""))
    rows = db.session.execute(
        select(CourseCompletion, User)
        .join(User, User.id == CourseCompletion.user_id)
        .where(
            CourseCompletion.course_id.in_(automatic),
            User.deleted_at.is_(None),
            # A first sift in SQL; needs_name decides (it folds case as Python does).
            or_(name == "", func.lower(name) == func.lower(func.coalesce(User.email, ""))),
            _no_certificate(),
        )
        .order_by(CourseCompletion.completed_at, CourseCompletion.id)
    ).all()
    return [
        Ready(completion, user, automatic[completion.course_id])
        for completion, user in rows
        if needs_name(user)
    ]


def for_admins() -> list[Ready]:
    """What admins may issue: admin-issued courses' completions, and those waiting for a name.

    Oldest completion first. An admin issuing one of the latter gives the
    name (saved to the account, as for any account without one).
    """
    rows = ready_to_issue() + all_waiting_for_name()
    return sorted(rows, key=lambda row: (row.completion.completed_at, row.completion.id))

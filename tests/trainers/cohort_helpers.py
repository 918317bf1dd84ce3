"""Cohorts for tests, made the way the trainers' pages make them."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from academy.auth.passwords import hash_password
from academy.courses.models import Course, CourseOwner
from academy.database import utcnow
from academy.extensions import db
from academy.learning.models import Cohort, Enrolment, Invitation

KEY = "river-2027"


def make_cohort(course: Course, *, key: str | None = KEY, commit: bool = True, **fields) -> Cohort:
    """An open cohort of course joined with key (invitation only when key is None)."""
    values = {
        "name": "SSE Academy 2027, French, online",
        "content_language": "fr",
        "enrolment_opens_at": utcnow() - timedelta(days=1),
        "enrolment_closes_at": utcnow() + timedelta(days=30),
        "joining": "key" if key else "invitation",
        "key_hash": hash_password(key) if key else None,
    }
    cohort = Cohort(course_id=course.id, **(values | fields))
    db.session.add(cohort)
    db.session.flush()
    if commit:
        db.session.commit()
    return cohort


def make_owner(user, course: Course) -> None:
    db.session.add(CourseOwner(course_id=course.id, user_id=user.id))
    db.session.commit()


def members_of(cohort_id: int) -> list[tuple[int, str, bool]]:
    """(user id, content language, active) of each enrolment in the cohort."""
    db.session.rollback()
    rows = db.session.scalars(
        select(Enrolment).where(Enrolment.cohort_id == cohort_id).order_by(Enrolment.user_id)
    )
    return [(row.user_id, row.content_language, row.is_active) for row in rows]


def invitations_of(cohort_id: int) -> list[Invitation]:
    db.session.rollback()
    statement = select(Invitation).where(Invitation.cohort_id == cohort_id).order_by(Invitation.id)
    return list(db.session.scalars(statement))

"""Cohorts seen from enrolments: who belongs, when one is open, placing learners in one.

The trainers' pages create and run cohorts (academy.trainers); here is what
a learner does with one (join it with its key) and what every path into a
cohort shares: a seat is an active enrolment or an invitation still waiting.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import func, insert, or_, select
from sqlalchemy.exc import IntegrityError

from academy.auth.passwords import verify_password
from academy.courses.content_languages import offered_language
from academy.courses.models import Course
from academy.database import utcnow
from academy.extensions import db
from academy.learning.models import Cohort, Enrolment, Invitation
from academy.learning.services import find_enrolment


class Joining(enum.Enum):
    """What came of a key typed on the course page."""

    JOINED = "joined"
    ALREADY = "already"  # already in that cohort
    OTHER_COHORT = "other-cohort"  # an active member of another cohort of the course
    WRONG_KEY = "wrong-key"
    CLOSED = "closed"  # the key is right, but enrolment is not open now
    FULL = "full"


# -- reading ---------------------------------------------------------------------


def is_open(cohort: Cohort, now: datetime | None = None) -> bool:
    """Whether learners may join now: inside the enrolment window (either end may be open)."""
    now = now or utcnow()
    opens, closes = cohort.enrolment_opens_at, cohort.enrolment_closes_at
    return (opens is None or opens <= now) and (closes is None or now < closes)


def _open_now(now: datetime):
    return (
        or_(Cohort.enrolment_opens_at.is_(None), Cohort.enrolment_opens_at <= now),
        or_(Cohort.enrolment_closes_at.is_(None), Cohort.enrolment_closes_at > now),
    )


def _key_cohorts(course_id: int):
    return select(Cohort).where(
        Cohort.course_id == course_id, Cohort.joining == "key", Cohort.key_hash.is_not(None)
    )


def open_to_key(course: Course) -> bool:
    """Whether a cohort of course takes learners with a key right now (the course page asks)."""
    statement = _key_cohorts(course.id).where(*_open_now(utcnow())).limit(1)
    return db.session.scalar(statement) is not None


def seats_taken(cohort: Cohort) -> int:
    """Active members and invitations still waiting: both hold a place."""
    members = select(func.count(Enrolment.id)).where(
        Enrolment.cohort_id == cohort.id, Enrolment.unenrolled_at.is_(None)
    )
    waiting = select(func.count(Invitation.id)).where(
        Invitation.cohort_id == cohort.id, Invitation.accepted_at.is_(None)
    )
    return (db.session.scalar(members) or 0) + (db.session.scalar(waiting) or 0)


def places_left(cohort: Cohort) -> int | None:
    """How many more may join; None when the cohort has no capacity."""
    if cohort.capacity is None:
        return None
    return max(cohort.capacity - seats_taken(cohort), 0)


# -- joining with a key ----------------------------------------------------------


def _matching(course: Course, key: str) -> Cohort | None:
    """The cohort whose key this is: the open ones are tried first (argon2, one by one)."""
    now = utcnow()
    cohorts = sorted(
        db.session.scalars(_key_cohorts(course.id).order_by(Cohort.id)),
        key=lambda cohort: not is_open(cohort, now),
    )
    return next((c for c in cohorts if verify_password(c.key_hash, key)), None)


def join_with_key(user, course: Course, key: str) -> tuple[Joining, Cohort | None]:
    """Place user in the cohort of course whose enrolment key is key, if it takes them.

    Anything but JOINED changes nothing.
    """
    cohort = _matching(course, key.strip())
    if cohort is None:
        return Joining.WRONG_KEY, None
    if not is_open(cohort):
        return Joining.CLOSED, cohort
    enrolment = find_enrolment(user, course)
    if enrolment is not None and enrolment.is_active and enrolment.cohort_id is not None:
        if enrolment.cohort_id == cohort.id:
            return Joining.ALREADY, cohort
        return Joining.OTHER_COHORT, cohort
    # Read the seats under a row lock (PostgreSQL), so two last joiners cannot both fit.
    db.session.scalar(select(Cohort.id).where(Cohort.id == cohort.id).with_for_update())
    left = places_left(cohort)
    if left is not None and left < 1:
        return Joining.FULL, cohort
    place(user.id, course, cohort, enrolment)
    return Joining.JOINED, cohort


# -- placing ---------------------------------------------------------------------


def cohort_language(course: Course, cohort: Cohort) -> str:
    """The cohort's content language, or the course default if a new version dropped it."""
    return offered_language(course, cohort.content_language) or course.default_language


def place(user_id: int, course: Course, cohort: Cohort, enrolment: Enrolment | None) -> Enrolment:
    """Make user an active member of cohort, reading in its language.

    A new enrolment, an active one attached to the cohort, or a past one made
    active again with its history and completed lessons.
    """
    language = cohort_language(course, cohort)
    if enrolment is not None:
        enrolment.unenrolled_at = None
        enrolment.cohort_id = cohort.id
        enrolment.content_language = language
        db.session.flush()
        return enrolment
    enrolment = Enrolment(
        user_id=user_id, course_id=course.id, content_language=language, cohort_id=cohort.id
    )
    try:
        with db.session.begin_nested():
            db.session.add(enrolment)
    except IntegrityError:  # a second request enrolled them a moment ago
        return place(user_id, course, cohort, _enrolment_of(user_id, course))
    return enrolment


def _enrolment_of(user_id: int, course: Course) -> Enrolment | None:
    return db.session.scalar(
        select(Enrolment).where(Enrolment.user_id == user_id, Enrolment.course_id == course.id)
    )


def enrolments_by_user(course: Course, user_ids: Iterable[int]) -> dict[int, Enrolment]:
    """The enrolments (active or not) of these users in course, in queries of 500."""
    ids, found = sorted(set(user_ids)), {}
    for start in range(0, len(ids), 500):
        statement = select(Enrolment).where(
            Enrolment.course_id == course.id, Enrolment.user_id.in_(ids[start : start + 500])
        )
        found.update({row.user_id: row for row in db.session.scalars(statement)})
    return found


def place_many(course: Course, cohort: Cohort, user_ids: Iterable[int]) -> None:
    """place() for many users at once: one update per existing row, one insert for the rest."""
    language = cohort_language(course, cohort)
    existing = enrolments_by_user(course, user_ids)
    for enrolment in existing.values():
        enrolment.unenrolled_at = None
        enrolment.cohort_id = cohort.id
        enrolment.content_language = language
    now = utcnow()
    new = [
        {
            "user_id": user_id,
            "course_id": course.id,
            "content_language": language,
            "cohort_id": cohort.id,
            "enrolled_at": now,
        }
        for user_id in dict.fromkeys(user_ids)
        if user_id not in existing
    ]
    if new:
        db.session.execute(insert(Enrolment), new)
    db.session.flush()


# -- invitations -----------------------------------------------------------------


def accept_invitations(_sender, user, **_extra) -> None:
    """Place a newly confirmed account in every cohort that invited its address.

    Connected to academy.auth.signals.account_confirmed. The place was held
    when the trainer invited them, so neither capacity nor window applies.
    """
    waiting = db.session.execute(
        select(Invitation, Cohort, Course)
        .join(Cohort, Cohort.id == Invitation.cohort_id)
        .join(Course, Course.id == Cohort.course_id)
        .where(Invitation.email == (user.email or "").casefold(), Invitation.accepted_at.is_(None))
        .order_by(Invitation.id)
    ).all()
    for invitation, cohort, course in waiting:
        enrolment = _enrolment_of(user.id, course)
        if enrolment is None or not enrolment.is_active or enrolment.cohort_id is None:
            place(user.id, course, cohort, enrolment)
        invitation.accepted_at = utcnow()
    db.session.flush()

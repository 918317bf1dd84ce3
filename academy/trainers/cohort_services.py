"""Creating and changing cohorts, and who may run them. Operations flush; views commit."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

import pytz
from sqlalchemy import func, select

from academy.auth.models import User
from academy.auth.passwords import hash_password
from academy.certificates.services import record
from academy.courses.models import Course
from academy.extensions import db
from academy.learning.models import Cohort, CohortTrainer, Enrolment
from academy.learning.staff import owns

_SEPARATORS = re.compile(r"[\s,;]+")


@dataclass(frozen=True)
class Settings:
    """What the cohort form says, the window already in UTC."""

    name: str
    content_language: str
    enrolment_opens_at: datetime | None
    enrolment_closes_at: datetime | None
    starts_on: object
    ends_on: object
    capacity: int | None
    joining: str
    key: str  # empty: keep the key already set
    on_certificates: bool


def to_utc(local: datetime | None, zone: str) -> datetime | None:
    """A wall-clock time the trainer typed, in their zone, as UTC."""
    if local is None:
        return None
    return pytz.timezone(zone).localize(local).astimezone(pytz.utc)


def to_local(moment: datetime | None, zone: str) -> datetime | None:
    """A stored UTC time as the wall-clock time the trainer reads, for the form."""
    if moment is None:
        return None
    return moment.astimezone(pytz.timezone(zone)).replace(tzinfo=None)


# -- who ---------------------------------------------------------------------------


def runs(user, cohort: Cohort, course: Course) -> bool:
    """Owners, admins and the cohort's own trainers run it (enrol, follow)."""
    if owns(user, course):
        return True
    if not user.is_authenticated or not user.is_trainer:
        return False
    return db.session.get(CohortTrainer, (cohort.id, user.id)) is not None


def trainer_accounts(text: str) -> tuple[list[User], list[str]]:
    """The trainer accounts the addresses in text name, and the addresses that name none."""
    emails = list(dict.fromkeys(e.casefold() for e in _SEPARATORS.split(text or "") if e))
    if not emails:
        return [], []
    found = {
        user.email: user
        for user in db.session.scalars(
            select(User).where(User.email.in_(emails), User.deleted_at.is_(None))
        )
        if user.is_trainer
    }
    return [found[e] for e in emails if e in found], [e for e in emails if e not in found]


def trainers_of(cohort: Cohort) -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .join(CohortTrainer, CohortTrainer.user_id == User.id)
            .where(CohortTrainer.cohort_id == cohort.id)
            .order_by(User.email)
        )
    )


# -- reading -----------------------------------------------------------------------


def cohorts_of(course: Course) -> list[tuple[Cohort, int]]:
    """The course's cohorts, newest first, each with its number of active members."""
    members = (
        select(Enrolment.cohort_id, func.count(Enrolment.id).label("members"))
        .where(Enrolment.unenrolled_at.is_(None), Enrolment.cohort_id.is_not(None))
        .group_by(Enrolment.cohort_id)
        .subquery()
    )
    rows = db.session.execute(
        select(Cohort, func.coalesce(members.c.members, 0))
        .outerjoin(members, members.c.cohort_id == Cohort.id)
        .where(Cohort.course_id == course.id)
        .order_by(Cohort.created_at.desc(), Cohort.id.desc())
    ).all()
    return [(cohort, count) for cohort, count in rows]


# -- changing ----------------------------------------------------------------------


def create_cohort(course: Course, settings: Settings, trainers: list[User], actor) -> Cohort:
    cohort = Cohort(course_id=course.id, created_by=actor.id)
    db.session.add(cohort)
    _apply(cohort, settings, trainers)
    record("create_cohort", actor, course_slug=course.slug, details=f"cohort {cohort.id}")
    return cohort


def update_cohort(cohort: Cohort, course: Course, settings: Settings, trainers, actor) -> None:
    _apply(cohort, settings, trainers)
    record("update_cohort", actor, course_slug=course.slug, details=f"cohort {cohort.id}")


def _apply(cohort: Cohort, settings: Settings, trainers: list[User]) -> None:
    for name in (
        "name",
        "content_language",
        "enrolment_opens_at",
        "enrolment_closes_at",
        "starts_on",
        "ends_on",
        "capacity",
        "joining",
        "on_certificates",
    ):
        setattr(cohort, name, getattr(settings, name))
    if settings.key:
        cohort.key_hash = hash_password(settings.key)
    db.session.flush()
    wanted = {user.id for user in trainers}
    current = set(
        db.session.scalars(
            select(CohortTrainer.user_id).where(CohortTrainer.cohort_id == cohort.id)
        )
    )
    for user_id in current - wanted:
        db.session.delete(db.session.get(CohortTrainer, (cohort.id, user_id)))
    for user_id in sorted(wanted - current):
        db.session.add(CohortTrainer(cohort_id=cohort.id, user_id=user_id))
    db.session.flush()

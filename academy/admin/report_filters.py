"""The reports' filters: who may see which courses and cohorts, and reading the query string.

Admins report on everything. A trainer reports on the courses they own and
the cohorts they run (or that belong to a course they own): those, and only
those, are the filter's choices; asking for another is a 403. Bad values
(a date that is not one, an end before the start) are messages, not errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask import abort
from flask_babel import gettext as _
from sqlalchemy import or_, select

from academy.admin import report_queries as q
from academy.admin.report_groups import BREAKDOWNS, CROSSES
from academy.courses.models import Course
from academy.extensions import db
from academy.learning.models import Cohort, CohortTrainer
from academy.trainers.access import courses_of


@dataclass
class Scope:
    courses: list[Course]
    cohorts: list[Cohort]
    everything: bool  # an admin: no limit on the queries

    @property
    def languages(self) -> list[str]:
        return sorted({code for course in self.courses for code in course.languages or []})


def scope_of(user) -> Scope:
    """What the user may report on; 403 for someone with nothing to report on."""
    if not user.is_authenticated or not user.is_trainer:
        abort(403)
    if user.is_admin:
        courses = list(db.session.scalars(select(Course).order_by(Course.slug)))
        cohorts = list(db.session.scalars(select(Cohort).order_by(Cohort.name, Cohort.id)))
        return Scope(courses, cohorts, everything=True)
    courses = courses_of(user)
    owned = [course.id for course in courses]
    run = select(CohortTrainer.cohort_id).where(CohortTrainer.user_id == user.id)
    cohorts = list(
        db.session.scalars(
            select(Cohort)
            .where(or_(Cohort.course_id.in_(owned), Cohort.id.in_(run)))
            .order_by(Cohort.name, Cohort.id)
        )
    )
    if not courses and not cohorts:
        abort(403)
    return Scope(courses, cohorts, everything=False)


@dataclass
class Chosen:
    filters: q.Filters
    by: str | None
    values: dict = field(default_factory=dict)  # what the form shows back
    errors: list[str] = field(default_factory=list)


def _day(text: str, errors: list[str], message: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        errors.append(message)
        return None


def _cohort_id(text: str, scope: Scope, errors: list[str]) -> int | None:
    if not text:
        return None
    if not text.isdigit():
        errors.append(_("Choose a cohort from the list."))
        return None
    if int(text) not in {cohort.id for cohort in scope.cohorts}:
        if scope.everything:
            errors.append(_("Choose a cohort from the list."))
            return None
        abort(403)
    return int(text)


def _course_slug(text: str, scope: Scope, errors: list[str]) -> str | None:
    if not text:
        return None
    if text not in {course.slug for course in scope.courses}:
        if scope.everything:
            errors.append(_("Choose a course from the list."))
            return None
        abort(403)
    return text


def read(args, scope: Scope) -> Chosen:
    """The filters the query string asks for, checked against the scope."""
    errors: list[str] = []
    values = {
        key: (args.get(key) or "").strip()
        for key in ("course", "cohort", "language", "start", "end", "by")
    }
    course = _course_slug(values["course"], scope, errors)
    cohort = _cohort_id(values["cohort"], scope, errors)
    language = values["language"] or None
    if language is not None and language not in scope.languages:
        errors.append(_("Choose a language from the list."))
        language = None
    start = _day(values["start"], errors, _("Enter the start date as a date, like 2026-01-31."))
    end = _day(values["end"], errors, _("Enter the end date as a date, like 2026-12-31."))
    if start and end and end < start:
        errors.append(_("The end date must be on or after the start date."))
    by = values["by"] or None
    if by is not None and by not in BREAKDOWNS and by not in CROSSES:
        errors.append(_("Choose a breakdown from the list."))
        by = None
    limits = {}
    if not scope.everything:
        limits = {
            "course_ids": tuple(course.id for course in scope.courses),
            "cohort_ids": tuple(cohort.id for cohort in scope.cohorts),
        }
    filters = q.Filters(course, cohort, language, start, end, **limits)
    return Chosen(filters, by, values, errors)

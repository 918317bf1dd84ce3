"""Every course and every cohort, for admins: one query each, whatever their number.

Owners and cohort trainers are assigned on the trainers' pages these lists
link to; here they are only read. Counts and owners come from correlated
subqueries and string aggregation (group_concat / string_agg), never a
query per row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import render_template
from sqlalchemy import func, select

from academy.admin import bp
from academy.auth.models import User
from academy.courses.models import Course, CourseOwner
from academy.extensions import db
from academy.learning.models import Cohort, CohortTrainer, Enrolment
from academy.security import role_required

_SEPARATOR = "\n"  # never inside an email address


def _emails(joined: str | None) -> list[str]:
    return sorted(joined.split(_SEPARATOR)) if joined else []


@dataclass(frozen=True)
class CourseRow:
    course: Course
    owners: list[str]
    enrolments: int
    cohorts: int


def course_rows() -> list[CourseRow]:
    owners = (
        select(func.aggregate_strings(User.email, _SEPARATOR))
        .join(CourseOwner, CourseOwner.user_id == User.id)
        .where(CourseOwner.course_id == Course.id, User.email.is_not(None))
        .scalar_subquery()
    )
    enrolments = (
        select(func.count(Enrolment.id))
        .where(Enrolment.course_id == Course.id, Enrolment.unenrolled_at.is_(None))
        .scalar_subquery()
    )
    cohorts = select(func.count(Cohort.id)).where(Cohort.course_id == Course.id).scalar_subquery()
    rows = db.session.execute(select(Course, owners, enrolments, cohorts).order_by(Course.slug))
    return [CourseRow(course, _emails(names), e, c) for course, names, e, c in rows]


@dataclass(frozen=True)
class CohortRow:
    cohort: Cohort
    course_slug: str
    course_title: dict
    members: int
    trainers: list[str]

    @property
    def starts_on(self) -> date | None:
        return self.cohort.starts_on


def cohort_rows() -> list[CohortRow]:
    members = (
        select(func.count(Enrolment.id))
        .where(Enrolment.cohort_id == Cohort.id, Enrolment.unenrolled_at.is_(None))
        .scalar_subquery()
    )
    trainers = (
        select(func.aggregate_strings(User.email, _SEPARATOR))
        .join(CohortTrainer, CohortTrainer.user_id == User.id)
        .where(CohortTrainer.cohort_id == Cohort.id, User.email.is_not(None))
        .scalar_subquery()
    )
    rows = db.session.execute(
        select(Cohort, Course.slug, Course.title, members, trainers)
        .join(Course, Course.id == Cohort.course_id)
        .order_by(Course.slug, Cohort.starts_on.desc(), Cohort.id.desc())
    )
    return [
        CohortRow(cohort, slug, title, count, _emails(names))
        for cohort, slug, title, count, names in rows
    ]


@bp.route("/courses/")
@role_required("admin")
def courses():
    return render_template("admin/courses.html", rows=course_rows())


@bp.route("/cohorts/")
@role_required("admin")
def cohorts():
    return render_template("admin/cohorts.html", rows=cohort_rows())

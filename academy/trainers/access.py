"""What a trainer may see and do in the workspace; admins may do everything.

A course's owners publish it and run its cohorts (academy.learning.staff.owns).
A draft of a course id nobody has published yet belongs to whoever uploaded it.
"""

from __future__ import annotations

from flask import abort
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import defer

from academy.courses.models import Course, CourseOwner, CourseVersion
from academy.extensions import db
from academy.learning.models import Cohort, CohortTrainer
from academy.learning.staff import owns


def course_or_404(slug: str) -> Course:
    course = db.session.scalar(select(Course).where(Course.slug == slug))
    if course is None:
        abort(404)
    return course


def owned_course_or_403(slug: str) -> Course:
    course = course_or_404(slug)
    if not owns(current_user, course):
        abort(403)
    return course


def admin_only() -> None:
    if not current_user.is_admin:
        abort(403)


def version_or_404(version_id: int) -> CourseVersion:
    version = db.session.get(CourseVersion, version_id)
    if version is None:
        abort(404)
    return version


def may_handle(user, version: CourseVersion) -> bool:
    """The course's owners and the version's uploader see it (publishing checks ownership)."""
    if user.is_admin or version.uploaded_by == user.id:
        return True
    course = db.session.scalar(select(Course).where(Course.slug == version.course_slug))
    return course is not None and owns(user, course)


def handled_version_or_403(version_id: int) -> CourseVersion:
    version = version_or_404(version_id)
    if not may_handle(current_user, version):
        abort(403)
    return version


def courses_of(user) -> list[Course]:
    """The courses a trainer owns; every course for an admin."""
    statement = select(Course).order_by(Course.slug)
    if not user.is_admin:
        statement = statement.join(CourseOwner, CourseOwner.course_id == Course.id).where(
            CourseOwner.user_id == user.id
        )
    return list(db.session.scalars(statement))


def new_course_drafts(user) -> list[CourseVersion]:
    """Drafts of course ids not published yet: the user's own, or everyone's for an admin."""
    published = select(Course.slug)
    statement = (
        select(CourseVersion)
        .where(CourseVersion.course_slug.not_in(published))
        .order_by(CourseVersion.uploaded_at.desc(), CourseVersion.id.desc())
        .options(defer(CourseVersion.package))
    )
    if not user.is_admin:
        statement = statement.where(CourseVersion.uploaded_by == user.id)
    return list(db.session.scalars(statement))


def runs_cohort(user, cohort: Cohort, course: Course) -> bool:
    """Admins, the course's owners and the cohort's own trainers run a cohort."""
    if owns(user, course):
        return True
    if not user.is_authenticated or not user.is_trainer:
        return False
    return db.session.get(CohortTrainer, (cohort.id, user.id)) is not None


def cohort_or_403(cohort_id: int) -> tuple[Cohort, Course]:
    """The cohort and its course, for those who run it; 404 if there is no such cohort."""
    cohort = db.session.get(Cohort, cohort_id)
    if cohort is None:
        abort(404)
    course = db.session.get(Course, cohort.course_id)
    if not runs_cohort(current_user, cohort, course):
        abort(403)
    return cohort, course

"""Who follows a course's learners: admins, owners, the trainers it names, cohort trainers.

Kept with enrolments because cohorts are here; the quiz results pages and the
trainers' workspace both ask it.
"""

from __future__ import annotations

from sqlalchemy import exists, select

from academy.courses.models import Course, CourseOwner
from academy.extensions import db
from academy.learning.models import Cohort, CohortTrainer


def owns(user, course: Course) -> bool:
    """Admins, and the trainers an admin made owners, may publish the course and run cohorts."""
    if not user.is_authenticated:
        return False
    if user.is_admin:
        return True
    if not user.is_trainer:
        return False
    return bool(
        db.session.scalar(
            select(
                exists().where(CourseOwner.course_id == course.id, CourseOwner.user_id == user.id)
            )
        )
    )


def is_trainer_of(user, course: Course) -> bool:
    """Owners, the trainers course.yaml names, and the trainers of its cohorts follow a course.

    Being named is not enough: the account must hold the trainer role, which
    only an admin grants, so a learner registered at a listed address is not one.
    """
    if owns(user, course):
        return True
    if not user.is_authenticated or not user.is_trainer:
        return False
    email = (user.email or "").casefold()
    if email and email in {str(e).casefold() for e in course.trainers or []}:
        return True
    runs_a_cohort = (
        exists()
        .where(CohortTrainer.user_id == user.id)
        .where(CohortTrainer.cohort_id == Cohort.id, Cohort.course_id == course.id)
    )
    return bool(db.session.scalar(select(runs_a_cohort)))

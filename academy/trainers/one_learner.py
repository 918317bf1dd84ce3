"""One learner of a cohort: their way through the course's modules and every quiz attempt."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from academy.auth.models import User
from academy.courses.models import Course, Lesson
from academy.courses.outline import ModuleEntry, outline_of, quiz_pks
from academy.extensions import db
from academy.learning.models import Cohort, CourseCompletion, Enrolment, LessonCompletion
from academy.quizzes.models import Attempt


@dataclass(frozen=True)
class LearnerRecord:
    user: User
    enrolment: Enrolment
    modules: list[ModuleEntry]
    # lesson row id -> when it was completed
    completed: dict[int, datetime]
    # quiz row id -> its attempts, first first
    attempts: dict[int, list[Attempt]]
    completed_at: datetime | None


def learner_in_cohort(cohort: Cohort, user_id: int) -> tuple[User, Enrolment] | None:
    """The learner and their enrolment if they belong to the cohort now, else None."""
    row = db.session.execute(
        select(User, Enrolment)
        .join(Enrolment, Enrolment.user_id == User.id)
        .where(
            User.id == user_id,
            User.deleted_at.is_(None),
            Enrolment.cohort_id == cohort.id,
            Enrolment.unenrolled_at.is_(None),
        )
    ).first()
    return (row[0], row[1]) if row else None


def learner_record(course: Course, user: User, enrolment: Enrolment, language: str):
    """Everything the learner's page shows, in four queries."""
    completed = dict(
        db.session.execute(
            select(LessonCompletion.lesson_id, LessonCompletion.completed_at)
            .join(Lesson, Lesson.id == LessonCompletion.lesson_id)
            .where(LessonCompletion.user_id == user.id, Lesson.course_id == course.id)
        ).all()
    )
    attempts: dict[int, list[Attempt]] = {}
    for attempt in db.session.scalars(
        select(Attempt)
        .where(Attempt.user_id == user.id, Attempt.quiz_id.in_(quiz_pks(course)))
        .order_by(Attempt.quiz_id, Attempt.number)
    ):
        attempts.setdefault(attempt.quiz_id, []).append(attempt)
    completed_at = db.session.scalar(
        select(CourseCompletion.completed_at).where(
            CourseCompletion.user_id == user.id, CourseCompletion.course_id == course.id
        )
    )
    return LearnerRecord(
        user=user,
        enrolment=enrolment,
        modules=outline_of(course, language),
        completed=completed,
        attempts=attempts,
        completed_at=completed_at,
    )

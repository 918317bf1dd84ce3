"""Whether a learner completed a course, recorded once when they first do.

The rule comes from course.yaml: `lessons` and `quizzes`, each `all` or a
list of ids. A quiz counts once any attempt at it passed, which the quizzes
feature, coming after learning, tells through academy.courses.readers.
"""

from __future__ import annotations

from flask import current_app
from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from academy.courses.models import Course
from academy.courses.outline import required_pks
from academy.courses.readers import done_items
from academy.extensions import db
from academy.learning.models import CourseCompletion, LessonCompletion
from academy.learning.signals import course_completed


def required_items(course: Course, kind: str, key: str) -> set[int]:
    """Row ids of the lessons or quizzes the rule asks for, from the outline."""
    return required_pks(course, kind)


def completion_met(user_id: int, course: Course) -> bool:
    lessons = required_items(course, "lesson", "lessons")
    quizzes = required_items(course, "quiz", "quizzes")
    if lessons:
        done = set(
            db.session.scalars(
                select(LessonCompletion.lesson_id).where(
                    LessonCompletion.user_id == user_id, LessonCompletion.lesson_id.in_(lessons)
                )
            )
        )
        if done != lessons:
            return False
    if quizzes and done_items(user_id, "quiz", quizzes) != quizzes:
        return False
    return bool(lessons or quizzes)


def record_completion(user_id: int, course: Course) -> bool:
    """Record the completion if the rule is met now; True only the first time.

    The first time, course_completed tells later features (certificates issue one).
    """
    if not completion_met(user_id, course):
        return False
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    statement = (
        dialect.insert(CourseCompletion)
        .values(user_id=user_id, course_id=course.id)
        .on_conflict_do_nothing(index_elements=["user_id", "course_id"])
        .returning(CourseCompletion.id)
    )
    first = db.session.execute(statement).scalar() is not None
    if first:
        course_completed.send(current_app._get_current_object(), user_id=user_id, course=course)
    return first


def completion_of(user_id: int, course: Course) -> CourseCompletion | None:
    return db.session.scalar(
        select(CourseCompletion).where(
            CourseCompletion.user_id == user_id, CourseCompletion.course_id == course.id
        )
    )

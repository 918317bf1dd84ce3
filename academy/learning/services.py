"""Enrolment and progress: the operations flush, the view commits once.

Progress and "continue where you left off" are derived from the completed
lessons, the passed quizzes and the course outline; nothing about them is stored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import bindparam, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from academy.courses.content_languages import offered_language
from academy.courses.models import Course, Lesson
from academy.courses.outline import required_pks
from academy.database import utcnow
from academy.extensions import db
from academy.learning.models import Enrolment, LessonCompletion


@dataclass(frozen=True)
class Progress:
    """Progress through what completion requires: lessons completed, quizzes passed."""

    lessons_done: int
    lessons_total: int
    quizzes_done: int = 0
    quizzes_total: int = 0

    @property
    def done(self) -> int:
        return self.lessons_done + self.quizzes_done

    @property
    def total(self) -> int:
        return self.lessons_total + self.quizzes_total

    @property
    def ratio(self) -> float:
        return self.done / self.total if self.total else 0.0

    @property
    def is_complete(self) -> bool:
        return self.total > 0 and self.done >= self.total


# -- reading ---------------------------------------------------------------------


def lesson_ids(course: Course) -> list[tuple[str, int]]:
    """(lesson id, row id) of every current lesson, in course order."""
    return [
        (item["id"], item["pk"])
        for module in course.outline or []
        for item in module.get("items", [])
        if item.get("type") == "lesson"
    ]


def find_enrolment(user, course: Course) -> Enrolment | None:
    """The user's enrolment row in course, active or not."""
    return db.session.scalar(
        select(Enrolment).where(Enrolment.user_id == user.id, Enrolment.course_id == course.id)
    )


def completed_lesson_ids(user, course: Course | None = None) -> set[int]:
    """Row ids of the lessons the user completed (in course, or anywhere)."""
    query = select(LessonCompletion.lesson_id).where(LessonCompletion.user_id == user.id)
    if course is not None:
        query = query.join(Lesson, Lesson.id == LessonCompletion.lesson_id).where(
            Lesson.course_id == course.id
        )
    return set(db.session.scalars(query))


def _enrolment_and_completions_statement():
    # Built once; course and lesson pages run it on every view by a learner.
    course_lessons = (
        select(Lesson.id).where(Lesson.course_id == bindparam("course_id")).scalar_subquery()
    )
    return (
        select(Enrolment, LessonCompletion.lesson_id)
        .outerjoin(
            LessonCompletion,
            (LessonCompletion.user_id == Enrolment.user_id)
            & LessonCompletion.lesson_id.in_(course_lessons),
        )
        .where(
            Enrolment.user_id == bindparam("user_id"),
            Enrolment.course_id == bindparam("course_id"),
        )
    )


_ENROLMENT_AND_COMPLETIONS = _enrolment_and_completions_statement()


def enrolment_and_completions(user, course: Course) -> tuple[Enrolment | None, set[int]]:
    """The user's enrolment in course and the lessons of it they completed, in one query."""
    parameters = {"user_id": user.id, "course_id": course.id}
    rows = db.session.execute(_ENROLMENT_AND_COMPLETIONS, parameters).all()
    if not rows:
        return None, set()
    return rows[0][0], {lesson_id for _, lesson_id in rows if lesson_id is not None}


def progress_of(course: Course, completed: Iterable[int], passed: Iterable[int] = ()) -> Progress:
    """Progress counted the way the completion rule counts: its lessons and its quizzes."""
    lessons, quizzes = required_pks(course, "lesson"), required_pks(course, "quiz")
    return Progress(
        len(lessons & set(completed)), len(lessons), len(quizzes & set(passed)), len(quizzes)
    )


def enrolments_of(user) -> list[tuple[Enrolment, Course]]:
    """The user's enrolments with their courses, newest first, in one query."""
    rows = db.session.execute(
        select(Enrolment, Course)
        .join(Course, Course.id == Enrolment.course_id)
        .where(Enrolment.user_id == user.id)
        .order_by(Enrolment.enrolled_at.desc(), Enrolment.id.desc())
    ).all()
    return [(enrolment, course) for enrolment, course in rows]


# -- changing --------------------------------------------------------------------


def starting_language(course: Course, interface_language: str) -> str:
    """The interface language if the course offers it, else the course default."""
    return offered_language(course, interface_language) or course.default_language


def enrol(user, course: Course, interface_language: str) -> tuple[Enrolment, bool]:
    """Enrol user (again) in course; returns the enrolment and whether it changed.

    Someone who left keeps their row: it becomes active again, with its
    history and their completed lessons.
    """
    enrolment = find_enrolment(user, course)
    if enrolment is not None:
        if enrolment.is_active:
            return enrolment, False
        enrolment.unenrolled_at = None
        if offered_language(course, enrolment.content_language) is None:
            enrolment.content_language = starting_language(course, interface_language)
        db.session.flush()
        return enrolment, True
    enrolment = Enrolment(
        user_id=user.id,
        course_id=course.id,
        content_language=starting_language(course, interface_language),
    )
    try:
        with db.session.begin_nested():
            db.session.add(enrolment)
    except IntegrityError:  # a second request enrolled them a moment ago
        return find_enrolment(user, course), False
    return enrolment, True


def unenrol(enrolment: Enrolment) -> bool:
    """Leave the course; completed lessons are kept for a later return."""
    if not enrolment.is_active:
        return False
    enrolment.unenrolled_at = utcnow()
    db.session.flush()
    return True


def complete_lesson(user, lesson_pk: int) -> bool:
    """Record that user completed the lesson; True if it was not already recorded.

    Relies on the unique (user, lesson) constraint, so two requests at once
    still leave one row.
    """
    values = {"user_id": user.id, "lesson_id": lesson_pk, "completed_at": utcnow()}
    dialect = db.session.get_bind().dialect.name
    if dialect in ("sqlite", "postgresql"):
        module = sqlite if dialect == "sqlite" else postgresql
        statement = (
            module.insert(LessonCompletion)
            .values(**values)
            .on_conflict_do_nothing(index_elements=["user_id", "lesson_id"])
            .returning(LessonCompletion.id)
        )
        return db.session.execute(statement).scalar() is not None
    try:
        with db.session.begin_nested():
            db.session.execute(insert(LessonCompletion).values(**values))
    except IntegrityError:
        return False
    return True


def set_content_language(enrolment: Enrolment, course: Course, language: str) -> bool:
    """Read course in language from now on; False (nothing changed) if it is not offered."""
    if language not in course.languages:
        return False
    enrolment.content_language = language
    db.session.flush()
    return True

"""Following a cohort: each learner's progress, activity, quiz scores and certificate.

Everything is aggregated in SQL, a fixed number of queries whatever the
number of learners or attempts: the learners with their completion and
certificate status, their lesson completions, their quiz attempts.
Sorting is done here, on the rows, by the column the trainer chose.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import case, func, select

from academy.auth.models import User
from academy.certificates.models import ISSUED, Certificate
from academy.certificates.services import name_missing
from academy.courses.models import Course, Lesson
from academy.courses.outline import QuizEntry, outline_of, quiz_pks, required_pks
from academy.extensions import db
from academy.learning.models import Cohort, CourseCompletion, Enrolment, LessonCompletion
from academy.learning.services import Progress
from academy.quizzes.models import SUBMITTED, Attempt

NO_CERTIFICATE, REVOKED_ONLY, HOLDS_ONE = "none", "revoked", "issued"
_CERTIFICATE_RANK = {NO_CERTIFICATE: 0, REVOKED_ONLY: 1, HOLDS_ONE: 2}
COLUMNS = ("name", "email", "language", "progress", "activity", "completed", "certificate")
QUIZ_COLUMN = "quiz-"


@dataclass(frozen=True)
class QuizScore:
    """A learner's best submitted score at one quiz and how many attempts they submitted."""

    best: float | None
    attempts: int
    passed: bool


@dataclass
class LearnerRow:
    user_id: int
    name: str
    email: str
    language: str
    enrolled_at: datetime
    completed_at: datetime | None
    certificate: str
    progress: Progress = field(default_factory=lambda: Progress(0, 0))
    last_activity: datetime | None = None
    quizzes: dict[int, QuizScore] = field(default_factory=dict)

    @property
    def percent(self) -> int:
        return round(self.progress.ratio * 100)

    @property
    def ready_for_certificate(self) -> bool:
        """Completed the course and holds no valid certificate for it."""
        return self.completed_at is not None and self.certificate != HOLDS_ONE

    @property
    def waits_for_name(self) -> bool:
        """Ready, but the account has no name to print: no certificate can be issued yet."""
        return self.ready_for_certificate and name_missing(self.name, self.email)


def members(cohort: Cohort):
    """The ids of the cohort's active learners, as a subquery."""
    return select(Enrolment.user_id).where(
        Enrolment.cohort_id == cohort.id, Enrolment.unenrolled_at.is_(None)
    )


def cohort_quizzes(course: Course, language: str) -> list[QuizEntry]:
    """Every quiz of the course in course order, titled in language."""
    return [quiz for module in outline_of(course, language) for quiz in module.quizzes]


def learner_rows(cohort: Cohort, course: Course) -> list[LearnerRow]:
    """Every active learner of the cohort with their figures, by name."""
    rows = {row.user_id: row for row in _learners(cohort, course)}
    lessons, quizzes = required_pks(course, "lesson"), required_pks(course, "quiz")
    lessons_done = dict.fromkeys(rows, 0)
    for user_id, done, latest in _lesson_figures(cohort, course, lessons):
        lessons_done[user_id] = int(done or 0)
        rows[user_id].last_activity = _latest(rows[user_id].last_activity, latest)
    passed = {user_id: 0 for user_id in rows}
    for user_id, quiz_id, best, count, was_passed, latest in _attempt_figures(cohort, course):
        row = rows[user_id]
        row.quizzes[quiz_id] = QuizScore(best, int(count), bool(was_passed))
        row.last_activity = _latest(row.last_activity, latest)
        passed[user_id] += int(bool(was_passed) and quiz_id in quizzes)
    for user_id, row in rows.items():
        row.progress = Progress(lessons_done[user_id], len(lessons), passed[user_id], len(quizzes))
    return list(rows.values())


def _latest(*moments: datetime | None) -> datetime | None:
    known = [moment for moment in moments if moment is not None]
    return max(known) if known else None


def _learners(cohort: Cohort, course: Course) -> list[LearnerRow]:
    holds = (
        select(
            Certificate.user_id,
            func.max(case((Certificate.state == ISSUED, 1), else_=0)).label("valid"),
        )
        .where(Certificate.course_id == course.id, Certificate.user_id.in_(members(cohort)))
        .group_by(Certificate.user_id)
        .subquery()
    )
    result = db.session.execute(
        select(
            User.id,
            User.name,
            User.email,
            Enrolment.content_language,
            Enrolment.enrolled_at,
            CourseCompletion.completed_at,
            holds.c.valid,
        )
        .join(Enrolment, Enrolment.user_id == User.id)
        .outerjoin(
            CourseCompletion,
            (CourseCompletion.user_id == User.id) & (CourseCompletion.course_id == course.id),
        )
        .outerjoin(holds, holds.c.user_id == User.id)
        .where(
            Enrolment.cohort_id == cohort.id,
            Enrolment.unenrolled_at.is_(None),
            User.deleted_at.is_(None),
        )
        .order_by(User.name, User.id)
    ).all()
    certificate = {None: NO_CERTIFICATE, 0: REVOKED_ONLY, 1: HOLDS_ONE}
    return [
        LearnerRow(
            user_id=user_id,
            name=name or "",
            email=email or "",
            language=language,
            enrolled_at=enrolled_at,
            completed_at=completed_at,
            certificate=certificate[valid],
            last_activity=enrolled_at,
        )
        for user_id, name, email, language, enrolled_at, completed_at, valid in result
    ]


def _lesson_figures(cohort: Cohort, course: Course, required: set[int]):
    """(user id, required lessons completed, latest completion of any lesson of the course)."""
    return db.session.execute(
        select(
            LessonCompletion.user_id,
            func.sum(case((LessonCompletion.lesson_id.in_(required), 1), else_=0)),
            func.max(LessonCompletion.completed_at),
        )
        .join(Lesson, Lesson.id == LessonCompletion.lesson_id)
        .join(Enrolment, Enrolment.user_id == LessonCompletion.user_id)
        .join(User, User.id == LessonCompletion.user_id)
        .where(
            Lesson.course_id == course.id,
            Enrolment.cohort_id == cohort.id,
            Enrolment.unenrolled_at.is_(None),
            User.deleted_at.is_(None),
        )
        .group_by(LessonCompletion.user_id)
    ).all()


def _attempt_figures(cohort: Cohort, course: Course):
    """(user id, quiz id, best score, attempts, passed once, latest submission), submitted only."""
    return db.session.execute(
        select(
            Attempt.user_id,
            Attempt.quiz_id,
            func.max(Attempt.score_percent),
            func.count(Attempt.id),
            func.max(case((Attempt.passed, 1), else_=0)),
            func.max(Attempt.submitted_at),
        )
        .join(Enrolment, Enrolment.user_id == Attempt.user_id)
        .join(User, User.id == Attempt.user_id)
        .where(
            Attempt.quiz_id.in_(quiz_pks(course)),
            Attempt.state == SUBMITTED,
            Enrolment.cohort_id == cohort.id,
            Enrolment.unenrolled_at.is_(None),
            User.deleted_at.is_(None),
        )
        .group_by(Attempt.user_id, Attempt.quiz_id)
    ).all()


# -- sorting ---------------------------------------------------------------------


def sort_key_names(quizzes: list[QuizEntry]) -> tuple[str, ...]:
    """Every column the table can be sorted by."""
    return COLUMNS + tuple(QUIZ_COLUMN + quiz.slug for quiz in quizzes)


def sorted_rows(
    rows: list[LearnerRow], quizzes: list[QuizEntry], sort: str, descending: bool
) -> list[LearnerRow]:
    """rows by the column sort (by name when unknown); learners without a value go last."""
    value = _value_of(sort, quizzes)
    by_name = sorted(rows, key=lambda row: (row.name.casefold(), row.email, row.user_id))
    known = [row for row in by_name if value(row) is not None]
    unknown = [row for row in by_name if value(row) is None]
    return sorted(known, key=value, reverse=descending) + unknown


def _value_of(sort: str, quizzes: list[QuizEntry]):
    if sort.startswith(QUIZ_COLUMN):
        pk = next((quiz.pk for quiz in quizzes if QUIZ_COLUMN + quiz.slug == sort), None)

        def quiz_value(row: LearnerRow):
            score = row.quizzes.get(pk)
            if score is None:
                return None
            return (score.best if score.best is not None else -1.0, score.attempts)

        return quiz_value
    values = {
        "email": lambda row: row.email.casefold(),
        "language": lambda row: row.language,
        "progress": lambda row: (row.progress.ratio, row.progress.done),
        "activity": lambda row: row.last_activity,
        "completed": lambda row: row.completed_at,
        "certificate": lambda row: _CERTIFICATE_RANK[row.certificate],
    }
    return values.get(sort, lambda row: row.name.casefold())

"""What the quiz pages need from the database: quizzes, permissions, attempts.

The operations flush, never commit; the view commits once.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import abort
from sqlalchemy import select

from academy.auth.models import User
from academy.courses.models import Course, Quiz
from academy.extensions import db
from academy.learning import staff
from academy.learning.models import Enrolment
from academy.packagefiles.quiz_types import QuizDefinition
from academy.quizzes.models import Attempt, TimeAllowance
from academy.quizzes.results import details_shown


def quiz_or_404(course: Course, slug: str) -> Quiz:
    """A current quiz of course (not one that left the package)."""
    quiz = db.session.scalar(
        select(Quiz).where(
            Quiz.course_id == course.id, Quiz.slug == slug, Quiz.position.is_not(None)
        )
    )
    if quiz is None:
        abort(404)
    return quiz


def attempt_or_404(user_id: int, quiz: Quiz, number: int) -> Attempt:
    """One of the user's own attempts; anyone else's is not found."""
    if not 0 < number < 1_000_000:
        abort(404)
    attempt = db.session.scalar(
        select(Attempt).where(
            Attempt.user_id == user_id, Attempt.quiz_id == quiz.id, Attempt.number == number
        )
    )
    if attempt is None:
        abort(404)
    return attempt


def passed_quiz_ids(user_id: int, quiz_ids: Iterable[int]) -> set[int]:
    """Which of the quizzes the user passed at least once, in one query."""
    wanted = list(quiz_ids)
    if not wanted:
        return set()
    return set(
        db.session.scalars(
            select(Attempt.quiz_id)
            .where(Attempt.user_id == user_id, Attempt.quiz_id.in_(wanted), Attempt.passed)
            .distinct()
        )
    )


def has_passed(user_id: int, quiz: Quiz) -> bool:
    return bool(passed_quiz_ids(user_id, [quiz.id]))


def shows_details(user_id: int, quiz: Quiz, definition: QuizDefinition) -> bool:
    """Whether the results page shows this learner each question's result (details_shown)."""
    passed = definition.feedback == "once_passed" and has_passed(user_id, quiz)
    return details_shown(definition.feedback, passed)


def time_allowance(user_id: int, quiz: Quiz) -> TimeAllowance | None:
    return db.session.scalar(
        select(TimeAllowance).where(
            TimeAllowance.user_id == user_id, TimeAllowance.quiz_id == quiz.id
        )
    )


def is_trainer_of(user, course: Course) -> bool:
    """Admins, owners and the course's trainers follow its quizzes (academy.learning.staff)."""
    return staff.is_trainer_of(user, course)


def learners_attempts(quiz: Quiz) -> list[tuple[Attempt, User]]:
    """Every attempt at quiz with its learner, by learner name then attempt number."""
    rows = db.session.execute(
        select(Attempt, User)
        .join(User, User.id == Attempt.user_id)
        .where(Attempt.quiz_id == quiz.id)
        .order_by(User.name, User.id, Attempt.number)
    ).all()
    return [(attempt, user) for attempt, user in rows]


def enrolled_learner(course: Course, email: str) -> User | None:
    """The learner with this email if they are enrolled in course now, else None.

    Time allowances are for the course's own learners: an address of anyone
    else reads the same as an unknown one, so the page tells nothing about it.
    """
    email = email.strip().casefold()
    if not email:
        return None
    return db.session.scalar(
        select(User)
        .join(Enrolment, Enrolment.user_id == User.id)
        .where(
            User.email == email,
            Enrolment.course_id == course.id,
            Enrolment.unenrolled_at.is_(None),
        )
    )

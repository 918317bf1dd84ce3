"""What the quiz pages need from the database: quizzes, permissions, layouts, attempts.

The operations flush, never commit; the view commits once.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Iterable

from flask import abort
from sqlalchemy import select

from academy.auth.models import User
from academy.courses.models import Course, Quiz
from academy.extensions import db
from academy.packagefiles.quiz_types import (
    MatchingQuestion,
    MultipleQuestion,
    OrderingQuestion,
    QuizDefinition,
    SingleQuestion,
)
from academy.quizzes.models import Attempt, TimeAllowance


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


def time_allowance(user_id: int, quiz: Quiz) -> TimeAllowance | None:
    return db.session.scalar(
        select(TimeAllowance).where(
            TimeAllowance.user_id == user_id, TimeAllowance.quiz_id == quiz.id
        )
    )


def is_trainer_of(user, course: Course) -> bool:
    """Admins, and the trainers course.yaml names, may follow a course's quizzes."""
    if not user.is_authenticated:
        return False
    if user.is_admin:
        return True
    email = (user.email or "").casefold()
    return bool(email) and email in {str(e).casefold() for e in course.trainers or []}


def learners_attempts(quiz: Quiz) -> list[tuple[Attempt, User]]:
    """Every attempt at quiz with its learner, by learner name then attempt number."""
    rows = db.session.execute(
        select(Attempt, User)
        .join(User, User.id == Attempt.user_id)
        .where(Attempt.quiz_id == quiz.id)
        .order_by(User.name, User.id, Attempt.number)
    ).all()
    return [(attempt, user) for attempt, user in rows]


def user_by_email(email: str) -> User | None:
    email = email.strip().casefold()
    if not email:
        return None
    return db.session.scalar(select(User).where(User.email == email))


def make_layout(definition: QuizDefinition) -> dict:
    """The order an attempt shows, drawn with a secrets-seeded generator.

    Items to order and matches to choose from are always shuffled: in the quiz
    file they are written in the correct order, which the page must not tell.
    """
    rng = random.Random(secrets.randbits(64))  # noqa: S311  (an order, not a secret)
    layout: dict = {"options": {}}
    if definition.shuffle_questions:
        ids = [question.id for question in definition.questions]
        rng.shuffle(ids)
        layout["questions"] = ids
    for question in definition.questions:
        if isinstance(question, SingleQuestion | MultipleQuestion):
            if definition.shuffle_choices:
                ids = [choice.id for choice in question.choices]
                rng.shuffle(ids)
                layout["options"][question.id] = ids
        elif isinstance(question, OrderingQuestion):
            layout["options"][question.id] = _mixed([i.id for i in question.items], rng)
        elif isinstance(question, MatchingQuestion):
            matches = [p.id for p in question.pairs] + [d.id for d in question.distractors]
            layout["options"][question.id] = _mixed(matches, rng)
    return layout


def _mixed(ids: list[str], rng: random.Random) -> list[str]:
    """ids shuffled, and not left in their written order when there is another."""
    shuffled = list(ids)
    rng.shuffle(shuffled)
    if shuffled == ids and len(ids) > 1:
        shuffled = ids[1:] + ids[:1]
    return shuffled

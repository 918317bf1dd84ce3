"""Starting and submitting attempts: limits on the server, grading exactly once.

The operations flush; the request or command commits.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from academy.courses.models import Quiz
from academy.database import after_commit, utcnow
from academy.extensions import db
from academy.metrics import count_quiz_submission
from academy.quizzes.models import OPEN, SUBMITTED, Attempt, TimeAllowance
from academy.quizzes.outcomes import record_outcomes

# Time for a submit button pressed at the deadline to reach the server.
GRACE = timedelta(seconds=60)


class AttemptRefused(Exception):
    """No new attempt: the learner has used every attempt the quiz allows."""


def open_attempt(user_id: int, quiz: Quiz) -> Attempt | None:
    return db.session.scalar(
        select(Attempt).where(
            Attempt.user_id == user_id, Attempt.quiz_id == quiz.id, Attempt.state == OPEN
        )
    )


def attempts_of(user_id: int, quiz: Quiz) -> list[Attempt]:
    """The learner's attempts at quiz, oldest first."""
    return list(
        db.session.scalars(
            select(Attempt)
            .where(Attempt.user_id == user_id, Attempt.quiz_id == quiz.id)
            .order_by(Attempt.number)
        )
    )


def attempts_left(user_id: int, quiz: Quiz) -> int | None:
    """How many more attempts the learner may submit; None when unlimited.

    An open attempt is not spent until it is submitted (or its time runs
    out): the learner may leave it and come back to the answers they saved.
    """
    limit = quiz.definition.get("max_attempts")
    if not isinstance(limit, int):
        return None
    used = db.session.scalar(
        select(func.count()).where(
            Attempt.user_id == user_id, Attempt.quiz_id == quiz.id, Attempt.state == SUBMITTED
        )
    )
    return max(limit - used, 0)


def deadline_for(user_id: int, quiz: Quiz, start: datetime) -> datetime | None:
    minutes = quiz.definition.get("time_limit_minutes")
    if not minutes:
        return None
    allowance = db.session.scalar(
        select(TimeAllowance).where(
            TimeAllowance.user_id == user_id, TimeAllowance.quiz_id == quiz.id
        )
    )
    if allowance is not None and allowance.unlimited:
        return None
    extra = allowance.extra_minutes if allowance is not None else 0
    return start + timedelta(minutes=minutes + extra)


def start_attempt(user_id: int, quiz: Quiz, language: str, layout: dict | None = None) -> Attempt:
    """The learner's open attempt, or a new one if the quiz allows another."""
    current = open_attempt(user_id, quiz)
    if current is not None and not is_expired(current):
        return current
    if current is not None:
        close_expired(current)
    left = attempts_left(user_id, quiz)
    if left == 0:
        raise AttemptRefused()
    number = (
        db.session.scalar(
            select(func.max(Attempt.number)).where(
                Attempt.user_id == user_id, Attempt.quiz_id == quiz.id
            )
        )
        or 0
    ) + 1
    now = utcnow()
    attempt = Attempt(
        user_id=user_id, quiz_id=quiz.id, number=number, language=language, state=OPEN,
        started_at=now, deadline_at=deadline_for(user_id, quiz, now), layout=layout or {},
    )  # fmt: skip
    try:
        with db.session.begin_nested():
            db.session.add(attempt)
    except IntegrityError:
        # Another request started the same attempt a moment ago: use that one.
        return open_attempt(user_id, quiz)
    return attempt


def is_expired(attempt: Attempt) -> bool:
    return attempt.deadline_at is not None and utcnow() > attempt.deadline_at + GRACE


def close_expired(attempt: Attempt) -> None:
    """Close an attempt whose time ran out before it was submitted: nothing answered."""
    db.session.execute(
        update(Attempt)
        .where(Attempt.id == attempt.id, Attempt.state == OPEN)
        .values(
            state=SUBMITTED,
            submitted_at=utcnow(),
            responses={},
            results={},
            score_percent=0.0,
            passed=False,
            late=True,
        )  # fmt: skip
        .execution_options(synchronize_session=False)
    )
    db.session.expire(attempt)


def save_responses(attempt: Attempt, responses: dict) -> bool:
    """Keep the answers of an open attempt without grading it; False when it is closed.

    Conditional like submit_attempt, so a save racing a submission never
    overwrites the graded responses.
    """
    if is_expired(attempt):
        return False
    changed = db.session.execute(
        update(Attempt)
        .where(Attempt.id == attempt.id, Attempt.state == OPEN)
        .values(responses=responses)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.expire(attempt)
    return changed == 1


def submit_attempt(
    attempt: Attempt, responses: dict, grade: Callable[[dict, bool], dict[str, Any]]
) -> bool:
    """Grade and close an open attempt; False when it was already submitted.

    grade(responses, late) returns {"score_percent", "passed", "results"}. A
    submission after the deadline (and a short grace) is graded as if nothing
    were answered. The state change is one conditional UPDATE, so of any
    number of concurrent submits exactly one grades the attempt, and only
    that one writes its question outcomes (the reports' rows).
    """
    now = utcnow()
    late = is_expired(attempt)
    kept = {} if late else responses
    graded = grade(kept, late)
    changed = db.session.execute(
        update(Attempt)
        .where(Attempt.id == attempt.id, Attempt.state == OPEN)
        .values(
            state=SUBMITTED,
            submitted_at=now,
            responses=kept,
            results=graded["results"],
            score_percent=graded["score_percent"],
            passed=graded["passed"],
            late=late,
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    if changed == 1:
        record_outcomes(attempt.id, attempt.quiz_id, now, attempt.language, graded["results"])
        passed = graded["passed"]
        after_commit(db.session, lambda: count_quiz_submission(passed))
    db.session.expire(attempt)
    return changed == 1


def grant_time(
    user_id: int, quiz: Quiz, granted_by: int, extra_minutes: int = 0, unlimited: bool = False
) -> TimeAllowance:
    """Give a learner more time on a quiz, or lift its limit, for their next attempts."""
    allowance = db.session.scalar(
        select(TimeAllowance).where(
            TimeAllowance.user_id == user_id, TimeAllowance.quiz_id == quiz.id
        )
    ) or TimeAllowance(user_id=user_id, quiz_id=quiz.id)
    allowance.extra_minutes = max(extra_minutes, 0)
    allowance.unlimited = unlimited
    allowance.granted_by_id = granted_by
    allowance.granted_at = utcnow()
    db.session.add(allowance)
    open_one = open_attempt(user_id, quiz)
    if open_one is not None:
        # An attempt under way gets the new allowance too.
        open_one.deadline_at = deadline_for(user_id, quiz, open_one.started_at)
    db.session.flush()
    return allowance

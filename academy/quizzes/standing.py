"""Where a learner stands on each quiz of a course, for the course outline.

Not started, in progress (an attempt open), failed (with the attempts left) or
passed: one grouped query for every quiz of the course, whatever the number of
quizzes or attempts. Registered with academy.courses.readers, since the course
pages come before quizzes.
"""

from __future__ import annotations

from sqlalchemy import Integer, case, func, or_, select

from academy.courses.models import Quiz
from academy.courses.readers import FAILED, IN_PROGRESS, PASSED, ItemState
from academy.database import utcnow
from academy.extensions import db
from academy.quizzes.models import OPEN, SUBMITTED, Attempt


def quiz_states(user_id: int, quiz_ids: set[int]) -> dict[int, ItemState]:
    """Row id -> state of each quiz the learner started; the others are not started."""
    under_way = (Attempt.state == OPEN) & or_(
        Attempt.deadline_at.is_(None), Attempt.deadline_at > utcnow()
    )
    rows = db.session.execute(
        select(
            Attempt.quiz_id,
            func.max(Quiz.definition["max_attempts"].as_integer()),  # one value per quiz
            # Spent attempts only, as attempts.attempts_left counts them: an open
            # attempt is not spent until it is submitted.
            func.sum(case((Attempt.state == SUBMITTED, 1), else_=0)),
            func.max(case((Attempt.passed.is_(True), 1), else_=0).cast(Integer)),
            func.max(case((under_way, 1), else_=0).cast(Integer)),
        )
        .join(Quiz, Quiz.id == Attempt.quiz_id)
        .where(Attempt.user_id == user_id, Attempt.quiz_id.in_(quiz_ids))
        .group_by(Attempt.quiz_id)
    ).all()
    states = {}
    for quiz_id, limit, used, passed, open_now in rows:
        left = max(limit - used, 0) if isinstance(limit, int) else None
        status = PASSED if passed else IN_PROGRESS if open_now else FAILED
        states[quiz_id] = ItemState(status, left)
    return states

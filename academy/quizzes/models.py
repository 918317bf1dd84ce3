"""Learners' attempts at quizzes, and the extra time some are given.

The quizzes themselves are course content (academy.courses.models.Quiz).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from academy.database import UTCDateTime, utcnow
from academy.extensions import db

OPEN = "open"
SUBMITTED = "submitted"


class Attempt(db.Model):
    """One attempt of a learner at a quiz, graded exactly once when submitted.

    Submitting is a conditional update from open to submitted, so double
    clicks, resubmitted forms and concurrent requests grade it only once.
    """

    __tablename__ = "attempts"
    __table_args__ = (
        UniqueConstraint("user_id", "quiz_id", "number"),
        CheckConstraint(f"state IN ('{OPEN}', '{SUBMITTED}')", name="state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quizzes.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)  # 1 for the first attempt
    language: Mapped[str] = mapped_column(String(20))  # the content language it was taken in
    state: Mapped[str] = mapped_column(String(16), default=OPEN)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    deadline_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The question order (and choice order) this attempt was shown, when shuffled.
    layout: Mapped[dict] = mapped_column(JSON, default=dict)
    responses: Mapped[dict] = mapped_column(JSON, default=dict)
    results: Mapped[dict] = mapped_column(JSON, default=dict)
    score_percent: Mapped[float | None] = mapped_column(Float)
    passed: Mapped[bool | None] = mapped_column(Boolean)
    late: Mapped[bool] = mapped_column(Boolean, default=False)

    def __repr__(self) -> str:
        return f"<Attempt {self.id} quiz={self.quiz_id} #{self.number} {self.state}>"


class TimeAllowance(db.Model):
    """More time, or no limit, for one learner on one quiz (WCAG 2.2.1 Timing Adjustable)."""

    __tablename__ = "time_allowances"
    __table_args__ = (UniqueConstraint("user_id", "quiz_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quizzes.id", ondelete="CASCADE"))
    extra_minutes: Mapped[int] = mapped_column(Integer, default=0)
    unlimited: Mapped[bool] = mapped_column(Boolean, default=False)
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    def __repr__(self) -> str:
        return f"<TimeAllowance user={self.user_id} quiz={self.quiz_id}>"


class QuestionOutcome(db.Model):
    """One graded question of a submitted attempt, kept for the reports.

    Written with the grading, in the same transaction, exactly once per
    attempt (academy.quizzes.outcomes); the same facts as attempt.results,
    flattened so that the share correct per question is a grouped count over
    an index instead of unpacking every attempt's JSON. No person here: it
    hangs off the attempt (kept for the reports like the attempt itself).
    submitted_on and language repeat the attempt's so the report filters
    without a join. One index, (quiz, question, language, day, ...), covers
    what the report reads in the order it groups by (by language too): a
    course seeks its quizzes, a date range is skipped to within each
    question and language (SQLite's skip-scan once ANALYZEd).
    """

    __tablename__ = "question_outcomes"
    __table_args__ = (
        Index(
            "ix_question_outcomes_report",
            "quiz_id",
            "question_id",
            "language",
            "submitted_on",
            "correct",
            "attempt_id",
        ),
    )

    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), primary_key=True
    )
    question_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quizzes.id", ondelete="CASCADE"))
    submitted_on: Mapped[date] = mapped_column(Date)  # the attempt's submitted_at, in UTC
    language: Mapped[str] = mapped_column(String(20))
    correct: Mapped[bool] = mapped_column(Boolean)  # the question's score was 1 (results.py)

    def __repr__(self) -> str:
        return f"<QuestionOutcome attempt={self.attempt_id} {self.question_id} {self.correct}>"

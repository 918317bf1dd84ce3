"""Report facts: one row per enrolment with what the reports ask of it, kept by the database.

Counting active learners joined every enrolment to the learner's lesson
completions and attempts, and every breakdown joined the event rows to
users; at 300,000 enrolments that cost seconds. report_enrolments carries,
per enrolment, its own columns (course, cohort, language, date), the
person's reporting attributes (sex, country, constituent group, as the
profile says now: an erased account's are None, counted in "not given"),
the first and last moment of activity in the course (a lesson completed, an
attempt started), and when the course was completed. The reports read this
narrow table alone.

The rows are kept by triggers (academy.admin.report_triggers), in the
transaction of whatever wrote the source row, whichever code path did it:
ORM or Core statements, cascades from a course re-import, an account erased
or a profile edited. Nothing below admin knows this table exists.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import Date, Float, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from academy.database import UTCDateTime
from academy.extensions import db


class ReportEnrolment(db.Model):
    """An enrolment as the reports count it (kept by triggers; never written by the app)."""

    __tablename__ = "report_enrolments"
    __table_args__ = (
        # A course (or all) and the activity window: active learners probe only
        # the enrolments whose window straddles the range.
        Index(
            "ix_report_enrolments_course",
            "course_id",
            "first_active_at",
            "last_active_at",
            "cohort_id",
            "content_language",
            "user_id",
        ),
        Index(
            "ix_report_enrolments_active",
            "last_active_at",
            "first_active_at",
            "course_id",
            "cohort_id",
            "content_language",
            "user_id",
        ),
        Index("ix_report_enrolments_cohort", "cohort_id", "first_active_at", "last_active_at"),
        Index("ix_report_enrolments_completed", "completed_at", "course_id", "cohort_id"),
        Index("ix_report_enrolments_enrolled", "enrolled_at", "course_id", "cohort_id"),
        Index("ix_report_enrolments_user", "user_id"),
    )

    enrolment_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    user_id: Mapped[int] = mapped_column(Integer)
    course_id: Mapped[int] = mapped_column(Integer)
    cohort_id: Mapped[int | None] = mapped_column(Integer)
    content_language: Mapped[str] = mapped_column(String(20))
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sex: Mapped[str | None] = mapped_column(String(16))
    country: Mapped[str | None] = mapped_column(String(2))
    constituent_group: Mapped[str | None] = mapped_column(String(32))
    first_active_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_active_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


# The value of a cell whose person did not give it (or whose account is erased).
NOT_GIVEN = ""
# Every language at once: the cell counts each learner once across languages.
EVERY_LANGUAGE = "*"
KINDS = ("sex", "country", "constituent_group")


class ReportQuizCell(db.Model):
    """Submitted attempts of a quiz, all time, per language and one attribute of the person.

    Each attempt is counted in six cells: its language and EVERY_LANGUAGE,
    times the three KINDS (sex, country, constituent group) with the
    person's value (NOT_GIVEN when None). learners counts distinct people:
    in a language cell those who submitted in that language, in an
    EVERY_LANGUAGE cell each person once. Summed over a kind's values, a
    cell set gives the totals. Kept by triggers (report_cell_triggers).
    """

    __tablename__ = "report_quiz_cells"

    quiz_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    language: Mapped[str] = mapped_column(String(20), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    value: Mapped[str] = mapped_column(String(32), primary_key=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    scored: Mapped[int] = mapped_column(Integer, default=0)  # attempts with a score
    score_sum: Mapped[float] = mapped_column(Float, default=0.0)
    passes: Mapped[int] = mapped_column(Integer, default=0)
    learners: Mapped[int] = mapped_column(Integer, default=0)


class ReportQuestionCell(db.Model):
    """Graded answers to a question, all time, in the same cells as ReportQuizCell."""

    __tablename__ = "report_question_cells"

    quiz_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    question_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    language: Mapped[str] = mapped_column(String(20), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    value: Mapped[str] = mapped_column(String(32), primary_key=True)
    answers: Mapped[int] = mapped_column(Integer, default=0)
    correct: Mapped[int] = mapped_column(Integer, default=0)


# How long a person's submissions at a quiz spread: a date range's boundary
# can only cut through a taker of class c whose first submission is less
# than SPAN_LIMITS[c] before it (the last class: any).
SPAN_LIMITS = (timedelta(days=1), timedelta(days=31), None)


_TAKER_FIGURES = (
    "quiz_id", "language", "user_id", "course_id", "sex", "country", "constituent_group",
    "attempts", "scored", "score_sum", "passes",
)  # fmt: skip


class ReportQuizTaker(db.Model):
    """One person's submitted attempts at one quiz in one language, summed (kept by triggers).

    For date ranges: a taker whose first and last submission are inside the
    range counts whole; one the range's boundary cuts through is counted
    from its attempts. span_class (0: within a day, 1: within 31 days, 2:
    longer) lets the query find the cut ones near each boundary.
    """

    __tablename__ = "report_quiz_takers"
    __table_args__ = (
        # Covering: a range's whole takers are summed from the index alone.
        Index("ix_report_quiz_takers_first", "first_at", "last_at", *_TAKER_FIGURES),
        Index("ix_report_quiz_takers_course", "course_id", "first_at", "last_at"),
        Index("ix_report_quiz_takers_span", "span_class", "first_at", "last_at"),
        Index("ix_report_quiz_takers_months", "months", "first_at", "last_at"),
        # A cohort's takers, and a trainer's (their courses' or cohorts'), covered.
        Index("ix_report_quiz_takers_cohort", "cohort", "first_at", "last_at", *_TAKER_FIGURES),
        Index(
            "ix_report_quiz_takers_scope",
            "course_id",
            "cohort",
            "first_at",
            "last_at",
            *(name for name in _TAKER_FIGURES if name != "course_id"),
        ),
    )

    user_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    quiz_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    language: Mapped[str] = mapped_column(String(20), primary_key=True)
    course_id: Mapped[int] = mapped_column(Integer)
    sex: Mapped[str | None] = mapped_column(String(16))
    country: Mapped[str | None] = mapped_column(String(2))
    constituent_group: Mapped[str | None] = mapped_column(String(32))
    first_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_at: Mapped[datetime] = mapped_column(UTCDateTime())
    span_class: Mapped[int] = mapped_column(Integer)
    # 1 when all the person's submissions at the quiz (any language) are in one
    # calendar month, else 2: report_quiz_months counts the first kind.
    months: Mapped[int] = mapped_column(Integer)
    attempts: Mapped[int] = mapped_column(Integer)
    scored: Mapped[int] = mapped_column(Integer)
    score_sum: Mapped[float] = mapped_column(Float)
    passes: Mapped[int] = mapped_column(Integer)
    # The person's enrolment in the quiz's course: its cohort, SELF_PACED, or NOT_ENROLLED.
    cohort: Mapped[int] = mapped_column(Integer, default=-1)


# The cohort key of a person's answers at a quiz: the cohort of their enrolment in
# the quiz's course (a cohort id), no cohort (SELF_PACED), or no enrolment at all.
SELF_PACED = 0
NOT_ENROLLED = -1


class ReportQuestionGroup(db.Model):
    """Graded answers per question, calendar month (UTC), language, attribute and cohort key.

    Each answer is in three rows, one per KIND (sex, country, constituent
    group, with the person's value, NOT_GIVEN when None), so a breakdown sums
    one kind and its values sum to the totals. Answers add up across months,
    languages and cohort keys (no distinct count here), so a date range of
    whole months, a cohort or a trainer's scope is a sum of rows. Kept by
    triggers (report_group_triggers).
    """

    __tablename__ = "report_question_groups"
    __table_args__ = (
        Index("ix_report_question_groups_cohort", "cohort", "kind", "month"),
        # A trainer's courses: their quizzes' rows, read from the index alone.
        Index(
            "ix_report_question_groups_quiz",
            "quiz_id",
            "kind",
            "month",
            "cohort",
            "question_id",
            "value",
            "language",
            "answers",
            "correct",
        ),  # fmt: skip
        # On SQLite the rows are stored in key order, so a kind over some months
        # is one contiguous read (PostgreSQL reads the heap by a bitmap).
        {"sqlite_with_rowid": False},
    )

    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    month: Mapped[date] = mapped_column(Date, primary_key=True)  # its first day
    quiz_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    question_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(String(32), primary_key=True)
    language: Mapped[str] = mapped_column(String(20), primary_key=True)
    cohort: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    answers: Mapped[int] = mapped_column(Integer, default=0)
    correct: Mapped[int] = mapped_column(Integer, default=0)


class ReportQuestionMonth(db.Model):
    """Graded answers to a question per calendar month (UTC), language and sex (kept by triggers).

    For question results over a date range: whole months come from here,
    the days of a month the range cuts from question_outcomes. By sex only
    (NOT_GIVEN when None), which also sums to the totals; other breakdowns
    over a range read the outcomes.
    """

    __tablename__ = "report_question_months"

    quiz_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    question_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    language: Mapped[str] = mapped_column(String(20), primary_key=True)
    month: Mapped[date] = mapped_column(Date, primary_key=True)  # its first day
    sex: Mapped[str] = mapped_column(String(16), primary_key=True)
    answers: Mapped[int] = mapped_column(Integer, default=0)
    correct: Mapped[int] = mapped_column(Integer, default=0)


class ReportQuizMonth(db.Model):
    """Submitted attempts of a quiz per calendar month (UTC), language and sex (kept by triggers).

    language is a language or EVERY_LANGUAGE; sex NOT_GIVEN when None.
    single_learners counts the people all of whose submissions at the quiz
    (in any language) fall in this month, in each language they used and in
    EVERY_LANGUAGE once; the others (report_quiz_takers.months = 2) are
    counted one by one. A range of whole months sums these cells.
    """

    __tablename__ = "report_quiz_months"

    quiz_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    language: Mapped[str] = mapped_column(String(20), primary_key=True)
    month: Mapped[date] = mapped_column(Date, primary_key=True)  # its first day
    sex: Mapped[str] = mapped_column(String(16), primary_key=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    scored: Mapped[int] = mapped_column(Integer, default=0)
    score_sum: Mapped[float] = mapped_column(Float, default=0.0)
    passes: Mapped[int] = mapped_column(Integer, default=0)
    single_learners: Mapped[int] = mapped_column(Integer, default=0)

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

from datetime import datetime

from sqlalchemy import Index, Integer, String
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

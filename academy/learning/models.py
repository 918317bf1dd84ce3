"""Enrolments and progress, kept apart from the content they point to."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from academy.database import UTCDateTime, utcnow
from academy.extensions import db


class Enrolment(db.Model):
    """A learner in a course; one row a pair, kept when they unenrol."""

    __tablename__ = "enrolments"
    __table_args__ = (UniqueConstraint("user_id", "course_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"), index=True)
    # The language the learner reads the course in (a course language).
    content_language: Mapped[str] = mapped_column(String(20))
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # The run of the course the learner belongs to, if any.
    cohort_id: Mapped[int | None] = mapped_column(
        ForeignKey("cohorts.id", ondelete="SET NULL"), index=True
    )
    unenrolled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    @property
    def is_active(self) -> bool:
        return self.unenrolled_at is None

    def __repr__(self) -> str:
        return f"<Enrolment user={self.user_id} course={self.course_id}>"


class LessonCompletion(db.Model):
    """A learner marked a lesson complete; the lesson id survives re-imports."""

    __tablename__ = "lesson_completions"
    __table_args__ = (UniqueConstraint("user_id", "lesson_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    lesson_id: Mapped[int] = mapped_column(ForeignKey("lessons.id", ondelete="CASCADE"))
    completed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    def __repr__(self) -> str:
        return f"<LessonCompletion user={self.user_id} lesson={self.lesson_id}>"


class CourseCompletion(db.Model):
    """A learner met a course's completion rule; recorded once, for certificates."""

    __tablename__ = "course_completions"
    __table_args__ = (UniqueConstraint("user_id", "course_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"))
    completed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    def __repr__(self) -> str:
        return f"<CourseCompletion user={self.user_id} course={self.course_id}>"


JOINING = ("key", "invitation")


class Cohort(db.Model):
    """A run of a course: "SSE Academy 2027, French, online".

    It lives here, beside enrolments, because an enrolment may belong to one;
    academy.trainers holds the pages and services that run it.
    """

    __tablename__ = "cohorts"
    __table_args__ = (CheckConstraint("joining IN ('key', 'invitation')", name="joining"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    content_language: Mapped[str] = mapped_column(String(20))
    # Learners may join from opens_at until closes_at (UTC; either may be open-ended).
    enrolment_opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    enrolment_closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    capacity: Mapped[int | None] = mapped_column(Integer)
    # "key": learners join with the enrolment key; "invitation": only those invited.
    joining: Mapped[str] = mapped_column(String(16), default="key")
    # An argon2 hash (academy.auth.passwords), never the key itself.
    key_hash: Mapped[str | None] = mapped_column(String(255))
    # Print the cohort's name and dates on its certificates.
    on_certificates: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    def __repr__(self) -> str:
        return f"<Cohort {self.id} course={self.course_id}>"


class CohortTrainer(db.Model):
    """A trainer who runs a cohort and follows its learners."""

    __tablename__ = "cohort_trainers"

    cohort_id: Mapped[int] = mapped_column(
        ForeignKey("cohorts.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True, index=True)

    def __repr__(self) -> str:
        return f"<CohortTrainer cohort={self.cohort_id} user={self.user_id}>"


class Invitation(db.Model):
    """Someone a trainer enrolled from a file who had no account yet.

    When that address registers and confirms it, the enrolment is made with
    what the trainer gave (academy.trainers); until then it waits here.
    """

    __tablename__ = "cohort_invitations"
    __table_args__ = (UniqueConstraint("cohort_id", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"))
    # Case-folded, as on accounts.
    email: Mapped[str] = mapped_column(String(254), index=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    locale: Mapped[str | None] = mapped_column(String(8))
    country: Mapped[str | None] = mapped_column(String(2))
    sex: Mapped[str | None] = mapped_column(String(16))
    constituent_group: Mapped[str | None] = mapped_column(String(32))
    invited_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    invited_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    def __repr__(self) -> str:
        return f"<Invitation {self.id} cohort={self.cohort_id}>"


class Announcement(db.Model):
    """A message a trainer sent a cohort: mailed, and shown on the course page.

    subject and body map a language to text; learners get their interface
    language when the trainer wrote it, otherwise the first one written.
    """

    __tablename__ = "announcements"

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    subject: Mapped[dict] = mapped_column(JSON)
    body: Mapped[dict] = mapped_column(JSON)
    sent_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # How many learners it was mailed to, for the trainer's page.
    recipients: Mapped[int] = mapped_column(Integer, default=0)

    def __repr__(self) -> str:
        return f"<Announcement {self.id} cohort={self.cohort_id}>"

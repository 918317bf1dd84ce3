"""Imported courses: what the pages serve, rendered and sanitised at import.

A course package is parsed, checked and rendered once by `academy courses
import`; these tables hold the result, so any number of app servers can
serve it without the package files.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from academy.database import SharedJSON, UTCDateTime, utcnow
from academy.extensions import db


class Course(db.Model):
    __tablename__ = "courses"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The stable id from course.yaml, used in URLs and certificates.
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    version: Mapped[str] = mapped_column(String(50))
    default_language: Mapped[str] = mapped_column(String(20))
    languages: Mapped[list] = mapped_column(JSON)
    title: Mapped[dict] = mapped_column(JSON)
    summary: Mapped[dict] = mapped_column(JSON, default=dict)
    audience: Mapped[dict] = mapped_column(JSON, default=dict)
    duration_hours: Mapped[float | None]
    level: Mapped[str | None] = mapped_column(String(20))
    tags: Mapped[list] = mapped_column(JSON, default=list)
    licence: Mapped[str | None] = mapped_column(String(100))
    trainers: Mapped[list] = mapped_column(JSON, default=list)
    completion: Mapped[dict] = mapped_column(JSON, default=dict)
    certificate: Mapped[dict] = mapped_column(JSON, default=dict)
    # The package's own certificate template (certificate.template), as text.
    certificate_template: Mapped[str | None] = mapped_column(Text)
    # Modules and lessons with their titles in every language, built at import,
    # so course and lesson pages need no query per lesson.
    outline: Mapped[list] = mapped_column(SharedJSON(), default=list)
    content_hash: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # The uploaded version now published (None: imported from the command line
    # before versions were kept).
    published_version_id: Mapped[int | None] = mapped_column(ForeignKey("course_versions.id"))
    # Set while a trainer has withdrawn the course: learners cannot reach it,
    # but enrolments, progress and certificates stay.
    unpublished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Learners may enrol on their own; when False they join through a cohort.
    open_enrolment: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())

    lessons: Mapped[list[Lesson]] = relationship(back_populates="course", lazy="raise")

    def __repr__(self) -> str:
        return f"<Course {self.slug} {self.version}>"


class CourseItem:
    """What a module holds (lessons, quizzes): matched by id across imports.

    position is the order in the course; NULL once the item left the
    package, its row (and learners' progress on it) kept.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"), index=True)
    slug: Mapped[str] = mapped_column(String(100))
    module_slug: Mapped[str] = mapped_column(String(100))
    position: Mapped[int | None] = mapped_column(Integer)


class Lesson(CourseItem, db.Model):
    __tablename__ = "lessons"
    __table_args__ = (UniqueConstraint("course_id", "slug"),)

    course: Mapped[Course] = relationship(back_populates="lessons", lazy="raise")

    def __repr__(self) -> str:
        return f"<Lesson {self.slug}>"


class LessonContent(db.Model):
    """One lesson in one language: its title and sanitised HTML."""

    __tablename__ = "lesson_contents"
    __table_args__ = (UniqueConstraint("lesson_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lesson_id: Mapped[int] = mapped_column(ForeignKey("lessons.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    html: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))

    def __repr__(self) -> str:
        return f"<LessonContent {self.lesson_id} {self.language}>"


class Quiz(CourseItem, db.Model):
    """A quiz of a course: its validated definition, with texts rendered at import."""

    __tablename__ = "quizzes"
    __table_args__ = (UniqueConstraint("course_id", "slug"),)

    definition: Mapped[dict] = mapped_column(JSON)
    content_hash: Mapped[str] = mapped_column(String(64))

    def __repr__(self) -> str:
        return f"<Quiz {self.slug}>"


class Asset(db.Model):
    """A file from a package's assets/ folder, served under its content hash."""

    __tablename__ = "assets"
    __table_args__ = (UniqueConstraint("course_id", "path"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"))
    path: Mapped[str] = mapped_column(String(300))
    media_type: Mapped[str] = mapped_column(String(100))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)

    def __repr__(self) -> str:
        return f"<Asset {self.path}>"


class CourseOwner(db.Model):
    """A trainer who may publish a course and run its cohorts; admins assign them."""

    __tablename__ = "course_owners"

    course_id: Mapped[int] = mapped_column(
        ForeignKey("courses.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True, index=True)
    assigned_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    def __repr__(self) -> str:
        return f"<CourseOwner course={self.course_id} user={self.user_id}>"


class CourseVersion(db.Model):
    """An uploaded package: a draft until published, then kept so it can be restored.

    The package's files are kept as a zip of what was checked, so previewing,
    publishing and restoring all start from exactly the same bytes. Keyed by the
    course id in course.yaml: the first version of a new course has no course row.
    """

    __tablename__ = "course_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    course_slug: Mapped[str] = mapped_column(String(100), index=True)
    version: Mapped[str] = mapped_column(String(50))
    title: Mapped[dict] = mapped_column(JSON, default=dict)
    languages: Mapped[list] = mapped_column(JSON, default=list)
    content_hash: Mapped[str] = mapped_column(String(64))
    package: Mapped[bytes] = mapped_column(LargeBinary)
    package_size: Mapped[int] = mapped_column(Integer)
    warnings: Mapped[int] = mapped_column(Integer, default=0)
    uploaded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # The first time it was published (restoring publishes it again; the
    # audit log keeps every time).
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    published_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    def __repr__(self) -> str:
        return f"<CourseVersion {self.course_slug} {self.id}>"

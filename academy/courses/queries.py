"""Reading imported courses for the public pages: the catalogue, a course, a lesson page, an asset.

These are the database reads behind the public pages, each shaped to keep
the number of queries per page fixed whatever the size of the course: the
catalogue loads only the columns it shows, and a lesson page is one
statement built once at import time, with the course row kept per process
for its current version (see docs/decisions.md). Languages and the outline
live in `content_languages` and `outline`.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from flask import abort
from sqlalchemy import bindparam, select
from sqlalchemy.orm import load_only

from academy.courses.models import Asset, Course, Lesson, LessonContent
from academy.extensions import db

# Asset URLs carry the first 16 hex digits of the file's SHA-256.
ASSET_DIGEST = re.compile(r"[0-9a-f]{16}")


def catalogue_courses() -> list[Course]:
    """Every imported course, with only what the catalogue shows."""
    columns = (
        Course.slug,
        Course.default_language,
        Course.languages,
        Course.title,
        Course.summary,
        Course.duration_hours,
        Course.level,
        Course.tags,
    )
    statement = select(Course).where(Course.unpublished_at.is_(None)).options(load_only(*columns))
    return list(db.session.scalars(statement))


def course_or_404(slug: str) -> Course:
    """A published course; one its trainers unpublished is not found, as if it had gone."""
    course = db.session.scalar(select(Course).where(Course.slug == slug))
    if course is None or course.unpublished_at is not None:
        abort(404)
    return course


@dataclass(frozen=True)
class ContentText:
    """A lesson in one language, as the lesson page shows it."""

    language: str
    title: str
    duration_minutes: int | None
    html: str


def lesson_page_or_404(course_slug: str, lesson_slug: str) -> tuple[Course, dict[str, ContentText]]:
    """The course and every language of one of its current lessons, in one query.

    The course row itself comes from a per-process copy of its current
    version, checked against the version columns this query returns, so a
    lesson page reads one row per language and nothing per lesson. A lesson
    that is unknown or no longer in the package has no texts.
    """
    parameters = {"course_slug": course_slug, "lesson_slug": lesson_slug}
    rows = db.session.execute(_LESSON_PAGE, parameters).all()
    if not rows:
        abort(404)
    course = _current_course(course_slug, rows[0].id, rows[0].content_hash, rows[0].imported_at)
    contents = {
        row.language: ContentText(row.language, row.title, row.duration_minutes, row.html)
        for row in rows
        if row.language is not None
    }
    return course, contents


def _lesson_page_statement():
    # Built once: on a page this cheap, building the expression would cost
    # as much as running it. Plain table columns keep it off the ORM path.
    courses, lessons, contents = Course.__table__.c, Lesson.__table__.c, LessonContent.__table__.c
    return (
        select(
            courses.id,
            courses.content_hash,
            courses.imported_at,
            contents.language,
            contents.title,
            contents.duration_minutes,
            contents.html,
        )
        .select_from(Course.__table__)
        .outerjoin(
            Lesson.__table__,
            (lessons.course_id == courses.id)
            & (lessons.slug == bindparam("lesson_slug"))
            & lessons.position.is_not(None),
        )
        .outerjoin(LessonContent.__table__, contents.lesson_id == lessons.id)
        .where(courses.slug == bindparam("course_slug"), courses.unpublished_at.is_(None))
    )


_LESSON_PAGE = _lesson_page_statement()
_COURSES: dict[str, object] = {}
_COURSES_LOCK = threading.Lock()


def _current_course(slug: str, course_id: int, content_hash: str, imported_at):
    """The course row for this version: a read-only Row, loaded once per process."""
    with _COURSES_LOCK:
        cached = _COURSES.get(slug)
    version = (course_id, content_hash, imported_at)
    if cached is not None and (cached.id, cached.content_hash, cached.imported_at) == version:
        return cached
    row = db.session.execute(select(Course.__table__).where(Course.id == course_id)).one()
    with _COURSES_LOCK:
        _COURSES[slug] = row
    return row


def known_course(slug: str, version: tuple) -> object | None:
    """This process's copy of the course row when it is of version (id, hash, import), else None."""
    with _COURSES_LOCK:
        cached = _COURSES.get(slug)
    if cached is not None and (cached.id, cached.content_hash, cached.imported_at) == version:
        return cached
    return None


def asset_or_404(course_slug: str, digest: str, path: str) -> Asset:
    """The current asset at path, if digest is the start of its content hash.

    Its bytes are loaded only when read, so a 304 answer never fetches them.
    """
    if not ASSET_DIGEST.fullmatch(digest):
        abort(404)
    asset = db.session.scalar(
        select(Asset)
        .join(Course, Course.id == Asset.course_id)
        .where(Course.slug == course_slug, Course.unpublished_at.is_(None), Asset.path == path)
        .options(load_only(Asset.media_type, Asset.sha256, Asset.size))
    )
    if asset is None or asset.sha256[: len(digest)] != digest:
        abort(404)
    return asset

"""Reading imported courses for the public pages: rows, outline, content languages.

The outline stored on each course (built at import) gives every module and
lesson with its titles in every language, so pages walk it instead of
querying lessons one by one.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError
from flask import abort
from sqlalchemy import bindparam, select
from sqlalchemy.orm import load_only

from academy.courses.models import Asset, Course, Lesson, LessonContent
from academy.extensions import db

# Asset URLs carry the first 16 hex digits of the file's SHA-256.
ASSET_DIGEST = re.compile(r"[0-9a-f]{16}")


@dataclass(frozen=True)
class Text:
    """A piece of course content and the language it is written in."""

    text: str
    lang: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class LessonEntry:
    slug: str
    pk: int
    number: int  # 1-based position in the whole course
    module_id: str
    title: Text
    minutes: int | None
    languages: tuple[str, ...]  # the languages the lesson is written in

    @property
    def kind(self) -> str:
        return "lesson"


@dataclass(frozen=True)
class QuizEntry:
    slug: str
    pk: int
    module_id: str
    title: Text

    @property
    def kind(self) -> str:
        return "quiz"


@dataclass(frozen=True)
class ModuleEntry:
    id: str
    title: Text
    summary: Text | None
    lessons: tuple[LessonEntry, ...]
    # Lessons and quizzes together, in course order.
    items: tuple[LessonEntry | QuizEntry, ...] = ()

    @property
    def quizzes(self) -> tuple[QuizEntry, ...]:
        return tuple(item for item in self.items if isinstance(item, QuizEntry))

    @property
    def minutes(self) -> int:
        return sum(lesson.minutes or 0 for lesson in self.lessons)


# -- languages -------------------------------------------------------------------


def base_language(code: str) -> str:
    return code.replace("_", "-").split("-")[0].lower()


def offered_language(course: Course, code: str | None) -> str | None:
    """The course language matching code (exactly, else by its base language), or None."""
    if not code:
        return None
    for language in course.languages:
        if language.lower() == code.lower():
            return language
    for language in course.languages:
        if base_language(language) == base_language(code):
            return language
    return None


def _locale(code: str) -> Locale | None:
    try:
        return Locale.parse(code.replace("_", "-"), sep="-")
    except (ValueError, UnknownLocaleError):
        return None


def language_name(code: str, interface_language: str) -> str:
    """code named in the interface language ("anglais"), or code itself if unknown."""
    locale = _locale(code)
    name = locale.get_display_name(interface_language) if locale else None
    return name or code


def language_choices(course: Course, interface_language: str) -> list[tuple[str, str]]:
    """The course's languages as (code, name in the interface language)."""
    return [(code, language_name(code, interface_language)) for code in course.languages]


def direction_of(code: str) -> str:
    locale = _locale(code)
    return locale.text_direction if locale else "ltr"


def pick(mapping: dict | None, language: str, default: str) -> Text | None:
    """The text in language, else in default (the course's complete language), else any."""
    if not mapping:
        return None
    for code in (language, default):
        if mapping.get(code):
            return Text(mapping[code], code)
    code, text = next(iter(mapping.items()))
    return Text(text, code)


# -- the outline -----------------------------------------------------------------


def outline_of(course: Course, language: str) -> list[ModuleEntry]:
    """Modules and lessons in course order, titled in language where it exists.

    Built once per process for each imported version of a course and language:
    lesson pages of a large course would otherwise spend most of their time here.
    """
    key = (course.id, course.content_hash, course.imported_at, language)
    with _OUTLINES_LOCK:
        entries = _OUTLINES.get(key)
    if entries is None:
        entries = _build_outline(course, language)
        with _OUTLINES_LOCK:
            _OUTLINES[key] = entries
            if len(_OUTLINES) > _OUTLINES_LIMIT:
                _OUTLINES.popitem(last=False)
    return list(entries)


_OUTLINES: OrderedDict[tuple, tuple[ModuleEntry, ...]] = OrderedDict()
_OUTLINES_LOCK = threading.Lock()
_OUTLINES_LIMIT = 256


def _build_outline(course: Course, language: str) -> tuple[ModuleEntry, ...]:
    modules, number = [], 0
    default = course.default_language
    for module in course.outline or []:
        lessons, items = [], []
        for item in module.get("items", []):
            if item.get("type") == "quiz":
                title = pick(item.get("title"), language, default) or Text(item["id"], default)
                items.append(QuizEntry(item["id"], item["pk"], module["id"], title))
                continue
            if item.get("type") != "lesson":
                continue
            number += 1
            minutes = item.get("minutes") or {}
            lessons.append(
                LessonEntry(
                    slug=item["id"],
                    pk=item["pk"],
                    number=number,
                    module_id=module["id"],
                    title=pick(item.get("title"), language, default) or Text(item["id"], default),
                    minutes=minutes.get(language) or minutes.get(default),
                    languages=tuple(code for code in course.languages if code in item["title"]),
                )
            )
            items.append(lessons[-1])
        modules.append(
            ModuleEntry(
                id=module["id"],
                title=pick(module.get("title"), language, default) or Text(module["id"], default),
                summary=pick(module.get("summary"), language, default),
                lessons=tuple(lessons),
                items=tuple(items),
            )
        )
    return tuple(modules)


def lessons_in_order(modules: list[ModuleEntry]) -> list[LessonEntry]:
    return [lesson for module in modules for lesson in module.lessons]


# -- rows ------------------------------------------------------------------------


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
    return list(db.session.scalars(select(Course).options(load_only(*columns))))


def course_or_404(slug: str) -> Course:
    course = db.session.scalar(select(Course).where(Course.slug == slug))
    if course is None:
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
        .where(courses.slug == bindparam("course_slug"))
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


def asset_or_404(course_slug: str, digest: str, path: str) -> Asset:
    """The current asset at path, if digest is the start of its content hash.

    Its bytes are loaded only when read, so a 304 answer never fetches them.
    """
    if not ASSET_DIGEST.fullmatch(digest):
        abort(404)
    asset = db.session.scalar(
        select(Asset)
        .join(Course, Course.id == Asset.course_id)
        .where(Course.slug == course_slug, Asset.path == path)
        .options(load_only(Asset.media_type, Asset.sha256, Asset.size))
    )
    if asset is None or asset.sha256[: len(digest)] != digest:
        abort(404)
    return asset

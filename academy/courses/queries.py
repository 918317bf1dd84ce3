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
from sqlalchemy import select
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


@dataclass(frozen=True)
class ModuleEntry:
    id: str
    title: Text
    summary: Text | None
    lessons: tuple[LessonEntry, ...]

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
        lessons = []
        for item in module.get("items", []):
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
        modules.append(
            ModuleEntry(
                id=module["id"],
                title=pick(module.get("title"), language, default) or Text(module["id"], default),
                summary=pick(module.get("summary"), language, default),
                lessons=tuple(lessons),
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


def lesson_contents(lesson_pk: int, languages: set[str]) -> dict[str, LessonContent]:
    """The lesson's texts in the given languages, in one query; {} if it is retired."""
    rows = db.session.scalars(
        select(LessonContent)
        .join(Lesson, Lesson.id == LessonContent.lesson_id)
        .where(
            LessonContent.lesson_id == lesson_pk,
            Lesson.position.is_not(None),
            LessonContent.language.in_(sorted(languages)),
        )
    )
    return {row.language: row for row in rows}


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

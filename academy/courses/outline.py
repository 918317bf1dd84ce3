"""The outline of a course: its modules, lessons and quizzes in order, titled in one language.

The outline stored on each course (built at import) gives every module and
lesson with its titles in every language, so pages walk it instead of
querying lessons one by one. Building the entries for a language is kept
per process for each imported version of a course, since lesson pages of a
large course would otherwise spend most of their time here.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from academy.courses.content_languages import Text, pick
from academy.courses.models import Course


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

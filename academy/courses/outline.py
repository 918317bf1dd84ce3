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


def find_lesson(course: Course, language: str, slug: str) -> tuple[ModuleEntry, LessonEntry] | None:
    """The module and entry of the lesson slug in the outline for language, without a scan."""
    key = (course.id, course.content_hash, course.imported_at, language)
    with _OUTLINES_LOCK:
        index = _INDEXES.get(key)
    if index is None:
        index = {
            entry.slug: (module, entry)
            for module in outline_of(course, language)
            for entry in module.lessons
        }
        with _OUTLINES_LOCK:
            _INDEXES[key] = index
            if len(_INDEXES) > _OUTLINES_LIMIT:
                _INDEXES.popitem(last=False)
    return index.get(slug)


_INDEXES: OrderedDict[tuple, dict[str, tuple[ModuleEntry, LessonEntry]]] = OrderedDict()
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


Entry = LessonEntry | QuizEntry


def path_of(modules: list[ModuleEntry]) -> list[Entry]:
    """Every lesson and quiz in course order: the path "Previous" and "Next" follow."""
    return [item for module in modules for item in module.items]


def neighbours(modules: list[ModuleEntry], entry: Entry) -> tuple[Entry | None, Entry | None]:
    """The items before and after entry on the course path (None at either end)."""
    return neighbours_of(modules, entry.kind, entry.slug)


def neighbours_of(
    modules: list[ModuleEntry], kind: str, slug: str
) -> tuple[Entry | None, Entry | None]:
    """The items before and after the lesson or quiz slug; (None, None) if it is not listed."""
    path = path_of(modules)
    index = next((i for i, item in enumerate(path) if (item.kind, item.slug) == (kind, slug)), None)
    if index is None:
        return None, None
    previous = path[index - 1] if index > 0 else None
    return previous, path[index + 1] if index + 1 < len(path) else None


def quiz_pks(course: Course) -> set[int]:
    """Row ids of every quiz of the course, from the stored outline."""
    return {
        item["pk"]
        for module in course.outline or []
        for item in module.get("items", [])
        if item.get("type") == "quiz"
    }


def required_pks(course: Course, kind: str) -> set[int]:
    """Row ids of the lessons or quizzes ("lesson", "quiz") the completion rule asks for."""
    chosen = (course.completion or {}).get("lessons" if kind == "lesson" else "quizzes", "all")
    items = [
        item
        for module in course.outline or []
        for item in module.get("items", [])
        if item.get("type") == kind
    ]
    if chosen != "all":
        items = [item for item in items if item["id"] in set(chosen)]
    return {item["pk"] for item in items}


def next_step(
    course: Course, modules: list[ModuleEntry], completed: set[int], passed: set[int]
) -> Entry | None:
    """Where to continue: the first required lesson not completed or quiz not passed.

    Only what the completion rule asks for, so a learner who has met it is told
    they finished rather than sent to an optional quiz.
    """
    lessons, quizzes = required_pks(course, "lesson"), required_pks(course, "quiz")
    for item in path_of(modules):
        wanted, done = (lessons, completed) if item.kind == "lesson" else (quizzes, passed)
        if item.pk in wanted and item.pk not in done:
            return item
    return None

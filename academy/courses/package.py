"""The parts of a course package, as read from its files (no Flask, no database)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from academy.packagefiles.problems import Problem

from academy.packagefiles.fields import ID_PATTERN

MODULE_DIR_RE = re.compile(rf"^(\d{{1,3}})-({ID_PATTERN})$")
LESSON_FILE_RE = re.compile(
    rf"^(\d{{1,3}})-({ID_PATTERN})\.([A-Za-z]{{2,3}}(?:-[A-Za-z0-9]{{2,8}})*)\.md$"
)
QUIZ_FILE_RE = re.compile(rf"^(\d{{1,3}})-({ID_PATTERN})\.quiz\.yaml$")
LEVELS = ("introductory", "intermediate", "advanced")
MAX_ASSET_BYTES = 5 * 1024 * 1024


@dataclass
class LessonText:
    """One lesson in one language."""

    language: str
    path: str
    title: str
    duration_minutes: int | None
    body: str
    body_line: int  # the file line where the Markdown body starts


@dataclass
class Lesson:
    id: str
    number: int
    texts: dict[str, LessonText] = field(default_factory=dict)
    # Languages with a file, readable or not: a broken file is reported once,
    # not again as a missing translation.
    files: set[str] = field(default_factory=set)


@dataclass
class Quiz:
    id: str
    number: int
    path: str
    data: dict


@dataclass
class Module:
    id: str
    number: int
    path: str
    title: dict[str, str]
    summary: dict[str, str]
    items: list[Lesson | Quiz] = field(default_factory=list)

    @property
    def lessons(self) -> list[Lesson]:
        return [item for item in self.items if isinstance(item, Lesson)]

    @property
    def quizzes(self) -> list[Quiz]:
        return [item for item in self.items if isinstance(item, Quiz)]


@dataclass
class Asset:
    path: str  # relative to assets/, with forward slashes
    media_type: str
    data: bytes
    sha256: str


@dataclass
class CoursePackage:
    id: str
    version: str
    default_language: str
    languages: list[str]
    title: dict[str, str]
    summary: dict[str, str] = field(default_factory=dict)
    audience: dict[str, str] = field(default_factory=dict)
    duration_hours: float | None = None
    level: str | None = None
    tags: list[str] = field(default_factory=list)
    licence: str | None = None
    trainers: list[str] = field(default_factory=list)
    completion: dict = field(default_factory=dict)
    certificate: dict = field(default_factory=dict)
    modules: list[Module] = field(default_factory=list)
    assets: dict[str, Asset] = field(default_factory=dict)
    # Files in assets/ that are not published (path as in assets) -> the
    # problem that says why, so the lessons using them can say it too.
    refused_assets: dict[str, Problem] = field(default_factory=dict)

    @property
    def lessons(self) -> list[Lesson]:
        return [lesson for module in self.modules for lesson in module.lessons]

    @property
    def quizzes(self) -> list[Quiz]:
        return [quiz for module in self.modules for quiz in module.quizzes]

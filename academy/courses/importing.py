"""Store a checked, rendered package in the database, in one transaction.

Lessons are matched by id, so learners' progress survives re-imports and
reordering; a lesson that left the package keeps its row, without a position.
An unchanged package (same content hash) writes nothing.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import delete, select

from academy.courses.building import Built
from academy.courses.models import Asset, Course, Lesson, LessonContent, Quiz
from academy.courses.package import CoursePackage
from academy.courses.package import Lesson as PackageLesson
from academy.database import utcnow
from academy.extensions import db
from academy.i18n import DEFAULT_LANGUAGE, LANGUAGES


@dataclass(frozen=True)
class ImportResult:
    course: str
    status: str  # created, updated or unchanged
    lessons: int
    languages: int
    assets: int


def container_labels(language: str) -> dict[str, str]:
    """The words the renderer adds to a lesson, in its content language.

    The default titles of note/tip/warning/activity boxes, and the names a
    screen reader gives to tables and footnotes. Lessons are rendered once, at
    import, so these follow the lesson's language, not the reader's interface.
    """
    base = language.split("-")[0].lower()
    with force_locale(base if base in LANGUAGES else DEFAULT_LANGUAGE):
        # TRANSLATORS: default titles of boxes inside lessons.
        return {
            "note": _("Note"),
            "tip": _("Tip"),
            "warning": _("Warning"),
            "activity": _("Activity"),
            # TRANSLATORS: how a screen reader names a table in a lesson (Table 1, Table 2...).
            "table": _("Table %(number)s"),
            # TRANSLATORS: the heading above the footnotes at the end of a lesson.
            "footnotes": _("Notes"),
            # TRANSLATORS: the link at the end of a footnote that goes back to where
            # its number [1] appears in the text.
            "footnote_back": _("Back to reference %(number)s"),
        }


def imported_unchanged(content_hash: str) -> str | None:
    """The id of the course already imported from exactly these files, if any."""
    return db.session.scalar(select(Course.slug).where(Course.content_hash == content_hash))


def import_built(built: Built) -> ImportResult:
    package = built.package
    course = db.session.scalar(select(Course).where(Course.slug == package.id))
    result = ImportResult(
        package.id, "unchanged", len(package.lessons), len(package.languages), len(package.assets)
    )
    if course is not None and course.content_hash == built.content_hash:
        return result
    status = "updated" if course else "created"
    if course is None:
        course = Course(slug=package.id)
        db.session.add(course)
    _set_course_fields(course, package, built.content_hash)
    course.certificate_template = built.certificate_template
    db.session.flush()
    rows = _store_lessons(course, built)
    quiz_rows = _store_quizzes(course, built)
    course.outline = _outline(built, rows, quiz_rows)
    _store_assets(course, package)
    db.session.flush()
    return ImportResult(package.id, status, result.lessons, result.languages, result.assets)


def unsaved_course(built: Built) -> Course:
    """The course as import_built would store it, without touching the database.

    For previews of a draft: the pages render it like an imported course. Its
    lessons and quizzes are numbered in course order in place of row ids.
    """
    package = built.package
    course = Course(slug=package.id, open_enrolment=True)
    _set_course_fields(course, package, built.content_hash)
    course.certificate_template = built.certificate_template
    items = [item for module in package.modules for item in module.items]
    numbers = {item.id: _Numbered(number) for number, item in enumerate(items, 1)}
    quizzes = {key: value for key, value in numbers.items() if key in built.quizzes}
    course.outline = _outline(built, numbers, quizzes)
    return course


@dataclass(frozen=True)
class _Numbered:
    id: int


def _set_course_fields(course: Course, package: CoursePackage, content_hash: str) -> None:
    course.version = package.version
    course.default_language = package.default_language
    course.languages = list(package.languages)
    course.title = package.title
    course.summary = package.summary
    course.audience = package.audience
    course.duration_hours = package.duration_hours
    course.level = package.level
    course.tags = package.tags
    course.licence = package.licence
    course.trainers = package.trainers
    course.completion = package.completion
    course.certificate = package.certificate
    course.content_hash = content_hash
    course.imported_at = utcnow()


def _place(model, course: Course, placed: list[tuple[str, str, int]]) -> dict:
    """Rows of model (a CourseItem) for (module id, item id, position), matched by id.

    Items that left the package keep their row without a position, so learners'
    progress and attempts on them are not lost.
    """
    existing = {
        row.slug: row
        for row in db.session.scalars(select(model).where(model.course_id == course.id))
    }
    rows = {}
    for module_id, item_id, position in placed:
        row = existing.pop(item_id, None) or model(course_id=course.id, slug=item_id)
        row.module_slug, row.position = module_id, position
        db.session.add(row)
        rows[item_id] = row
    for retired in existing.values():
        retired.position = None
    return rows


def _store_lessons(course: Course, built: Built) -> dict[str, Lesson]:
    contents = {
        (row.lesson_id, row.language): row
        for row in db.session.scalars(
            select(LessonContent).join(Lesson).where(Lesson.course_id == course.id)
        )
    }
    lessons = [(module, lesson) for module in built.package.modules for lesson in module.lessons]
    rows = _place(
        Lesson,
        course,
        [(module.id, lesson.id, number) for number, (module, lesson) in enumerate(lessons, 1)],
    )
    db.session.flush()  # the contents need the lessons' ids
    for _module, lesson in lessons:
        _store_contents(rows[lesson.id], lesson, built, contents)
    for leftover in contents.values():
        db.session.delete(leftover)
    return rows


def _store_contents(row: Lesson, lesson: PackageLesson, built: Built, contents: dict) -> None:
    for language, text in lesson.texts.items():
        html = built.html[(lesson.id, language)]
        digest = hashlib.sha256(
            f"{text.title}\0{text.duration_minutes}\0{html}".encode()
        ).hexdigest()
        content = contents.pop((row.id, language), None)
        if content is not None and content.content_hash == digest:
            continue
        content = content or LessonContent(lesson_id=row.id, language=language)
        content.title = text.title
        content.duration_minutes = text.duration_minutes
        content.html = html
        content.content_hash = digest
        db.session.add(content)


def _store_quizzes(course: Course, built: Built) -> dict[str, Quiz]:
    """Quizzes matched by id like lessons, so attempts survive re-imports."""
    items = [item for module in built.package.modules for item in module.items]
    modules = {item.id: module.id for module in built.package.modules for item in module.items}
    placed = [
        (modules[item.id], item.id, number)
        for number, item in enumerate(items, 1)
        if item.id in built.quizzes
    ]
    rows = _place(Quiz, course, placed)
    for quiz_id, row in rows.items():
        definition = built.quizzes[quiz_id].to_dict()
        digest = hashlib.sha256(
            json.dumps(definition, sort_keys=True, ensure_ascii=False).encode()
        ).hexdigest()
        if row.content_hash != digest:
            row.definition, row.content_hash = definition, digest
    db.session.flush()
    return rows


def _outline(built: Built, lessons: dict[str, Lesson], quizzes: dict[str, Quiz]) -> list[dict]:
    outline = []
    for module in built.package.modules:
        items = []
        for item in module.items:
            if isinstance(item, PackageLesson):
                items.append(
                    {
                        "type": "lesson",
                        "id": item.id,
                        "pk": lessons[item.id].id,
                        "title": {lang: text.title for lang, text in item.texts.items()},
                        "minutes": {
                            lang: text.duration_minutes for lang, text in item.texts.items()
                        },
                    }
                )
            elif item.id in quizzes:
                items.append(
                    {
                        "type": "quiz",
                        "id": item.id,
                        "pk": quizzes[item.id].id,
                        "title": built.quiz_titles[item.id],
                    }
                )
        outline.append(
            {"id": module.id, "title": module.title, "summary": module.summary, "items": items}
        )
    return outline


def _store_assets(course: Course, package: CoursePackage) -> None:
    """Write only assets that are new or changed; their bytes can be large."""
    stored = dict(
        db.session.execute(
            select(Asset.path, Asset.sha256).where(Asset.course_id == course.id)
        ).all()
    )
    stale = [
        path
        for path, sha in stored.items()
        if package.assets.get(path, None) is None or package.assets[path].sha256 != sha
    ]
    if stale:
        db.session.execute(delete(Asset).where(Asset.course_id == course.id, Asset.path.in_(stale)))
    db.session.add_all(
        Asset(
            course_id=course.id,
            path=asset.path,
            media_type=asset.media_type,
            sha256=asset.sha256,
            size=len(asset.data),
            data=asset.data,
        )
        for asset in package.assets.values()
        if stored.get(asset.path) != asset.sha256
    )

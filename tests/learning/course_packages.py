"""Write small course packages for the page and learning tests, and count SQL statements."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event

from academy.extensions import db
from tests.conftest import import_package

# Statements that only manage transactions or the SQLite connection.
NOT_COUNTED = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "PRAGMA")


def write_course(
    folder: Path,
    course_id: str,
    titles: dict[str, str],
    *,
    default: str | None = None,
    level: str | None = None,
    tags: tuple[str, ...] = (),
    hours: float | None = None,
    modules: int = 1,
    lessons: int = 1,
    quiz: bool = False,
    module_quizzes: int | None = None,
) -> Path:
    """A package with modules x lessons, every lesson written in every language of titles.

    With quiz, the last module ends with a one-question quiz `check`. With
    module_quizzes (a number of attempts allowed), every module ends with a
    quiz `check-<module number>`; the completion rule (default) asks for all.
    """
    languages = list(titles)
    root = folder / course_id
    root.mkdir(parents=True)
    course = {
        "id": course_id,
        "version": "1",
        "default_language": default or languages[0],
        "languages": languages,
        "title": titles,
        "summary": {code: f"{text} summary" for code, text in titles.items()},
    }
    if level:
        course["level"] = level
    if tags:
        course["tags"] = list(tags)
    if hours:
        course["duration_hours"] = hours
    # JSON is YAML, and needs no quoting rules of its own.
    (root / "course.yaml").write_text(json.dumps(course, ensure_ascii=False), encoding="utf-8")
    number = 0
    for m in range(1, modules + 1):
        module = root / f"{m:02d}-module-{m}"
        module.mkdir()
        module_titles = {code: f"Module {m} ({code})" for code in languages}
        (module / "module.yaml").write_text(json.dumps({"title": module_titles}), encoding="utf-8")
        for n in range(1, lessons + 1):
            number += 1
            for code in languages:
                text = f"---\ntitle: Lesson {number} ({code})\nduration_minutes: 5\n---\n\n"
                text += f"Text of lesson {number} in {code}.\n"
                (module / f"{n:03d}-lesson-{number}.{code}.md").write_text(text, encoding="utf-8")
        if module_quizzes:
            definition = {**_one_question_quiz(languages), "max_attempts": module_quizzes}
            (module / f"{lessons + 1:03d}-check-{m}.quiz.yaml").write_text(
                json.dumps(definition, ensure_ascii=False), encoding="utf-8"
            )
    if quiz:
        (module / f"{lessons + 1:03d}-check.quiz.yaml").write_text(
            json.dumps(_one_question_quiz(languages), ensure_ascii=False), encoding="utf-8"
        )
    return root


def _one_question_quiz(languages: list[str]) -> dict:
    def texts(text: str) -> dict:
        return {code: f"{text} ({code})" for code in languages}

    return {
        "title": texts("Check"),
        "questions": [{"id": "open", "type": "true_false", "answer": True, "text": texts("Open?")}],
    }


def import_course(folder: Path, course_id: str, titles: dict[str, str], **options):
    """Write and import a package; returns its Course row."""
    from academy.courses.models import Course

    import_package(write_course(folder, course_id, titles, **options))
    return db.session.scalar(db.select(Course).where(Course.slug == course_id))


@contextmanager
def counted_statements() -> Iterator[list[str]]:
    """Collect the SQL statements the app runs (transaction control left out)."""
    statements: list[str] = []

    def record(_connection, _cursor, statement, _parameters, _context, _executemany):
        words = statement.split(None, 1)
        if words and words[0].upper() not in NOT_COUNTED:
            statements.append(statement)

    engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def writes(statements: list[str]) -> list[str]:
    return [s for s in statements if s.split(None, 1)[0].upper() in ("INSERT", "UPDATE", "DELETE")]

"""`academy courses import`: atomic, idempotent, keeps progress, stores everything served."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from academy.courses.models import Asset, Course, Lesson, LessonContent
from academy.extensions import db
from academy.learning.models import LessonCompletion
from tests.conftest import SAMPLE_PACKAGE
from tests.courses.packages import COURSE_YAML, base_files, lesson, package, write_package
from tests.factories import make_user


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def run(runner, *args):
    return runner.invoke(args=["courses", *args])


@pytest.mark.database
def test_import_stores_the_rendered_course(app, runner, database_backend):
    result = run(runner, "import", str(SAMPLE_PACKAGE))
    assert result.exit_code == 0, result.output
    assert "sample-course: created (lessons: 5, languages: 2, assets: 3)." in result.output
    course = db.session.scalar(select(Course))
    assert course.slug == "sample-course"
    assert course.languages == ["en", "fr"]
    assert course.level == "introductory"
    assert [m["id"] for m in course.outline] == ["getting-started", "next-steps"]
    assert [i["id"] for i in course.outline[0]["items"]] == [
        "welcome",
        "working-together",
        "local-examples",
    ]
    assert count(Lesson) == 5
    assert count(LessonContent) == 9
    assert count(Asset) == 3
    html = db.session.scalar(
        select(LessonContent.html)
        .join(Lesson)
        .where(Lesson.slug == "principles", LessonContent.language == "fr")
    )
    # Links point to the lesson page and the asset's content-hashed URL.
    assert 'href="welcome"' in html
    assert 'href="../assets/' in html
    assert "/handout.txt" in html


def test_importing_an_unchanged_package_writes_nothing(app, runner):
    run(runner, "import", str(SAMPLE_PACKAGE))
    before = db.session.scalar(select(Course.imported_at))
    result = run(runner, "import", str(SAMPLE_PACKAGE))
    assert result.exit_code == 0
    assert "sample-course: unchanged; nothing written." in result.output
    assert db.session.scalar(select(Course.imported_at)) == before


def test_dry_run_writes_nothing(app, runner):
    result = run(runner, "import", "--dry-run", str(SAMPLE_PACKAGE))
    assert result.exit_code == 0
    assert "would be created" in result.output
    assert count(Course) == 0


def test_a_package_with_an_error_imports_nothing(app, runner, tmp_path):
    root = package(tmp_path, {"01-start/02-more.en.md": lesson("More", "[x](nowhere.en.md)\n")})
    result = run(runner, "import", str(root))
    assert result.exit_code == 1
    assert "01-start/02-more.en.md:5: error:" in result.output
    assert "not imported; nothing was changed" in result.output
    assert count(Course) == 0
    assert count(Lesson) == 0


def test_a_failed_reimport_keeps_the_previous_version(app, runner, tmp_path):
    root = package(tmp_path)
    run(runner, "import", str(root))
    (root / "01-start" / "01-hello.en.md").write_text("broken, no front matter")
    assert run(runner, "import", str(root)).exit_code == 1
    title = db.session.scalar(
        select(LessonContent.title)
        .join(Lesson)
        .where(Lesson.slug == "hello", LessonContent.language == "en")
    )
    assert title == "Hello"


def test_reimport_keeps_progress_for_lessons_whose_ids_did_not_change(app, runner, tmp_path):
    root = package(tmp_path)
    run(runner, "import", str(root))
    learner = make_user()
    hello = db.session.scalar(select(Lesson).where(Lesson.slug == "hello"))
    db.session.add(LessonCompletion(user_id=learner.id, lesson_id=hello.id))
    db.session.commit()
    # Reorder (more first), rename hello's file number, add a lesson, edit a text.
    files = base_files()
    files["01-start/05-hello.en.md"] = files.pop("01-start/01-hello.en.md").replace(
        "Some text.", "Edited text."
    )
    files["01-start/05-hello.fr.md"] = files.pop("01-start/01-hello.fr.md")
    files["01-start/02-more.en.md"] = lesson("More", "See [hello](05-hello.en.md).\n")
    files["01-start/02-more.fr.md"] = lesson("Plus", "Voir [bonjour](05-hello.fr.md).\n")
    files["01-start/03-new.en.md"] = lesson("New")
    import shutil

    shutil.rmtree(root)
    write_package(tmp_path, files)
    result = run(runner, "import", str(root))
    assert "tiny: updated" in result.output
    lessons = {row.slug: row for row in db.session.scalars(select(Lesson))}
    assert lessons["hello"].id == hello.id
    assert [
        s for s, _ in sorted(((s, r.position) for s, r in lessons.items()), key=lambda x: x[1])
    ] == ["more", "new", "hello"]
    assert db.session.scalar(select(LessonCompletion.lesson_id)) == hello.id


def test_lessons_removed_from_the_package_keep_their_rows_without_a_position(app, runner, tmp_path):
    root = package(tmp_path)
    run(runner, "import", str(root))
    for name in ("02-more.en.md", "02-more.fr.md"):
        (root / "01-start" / name).unlink()
    assert run(runner, "import", str(root)).exit_code == 0
    more = db.session.scalar(select(Lesson).where(Lesson.slug == "more"))
    assert more.position is None
    course = db.session.scalar(select(Course))
    assert [i["id"] for i in course.outline[0]["items"]] == ["hello"]


def test_check_command_reports_and_fails_on_errors(app, runner, tmp_path):
    root = package(tmp_path, {"course.yaml": COURSE_YAML.replace("[en, fr]", "[en, fr, qq]")})
    result = run(runner, "check", str(root))
    assert result.exit_code == 1
    assert f"{root}/course.yaml:4: error: 'qq' is not a known language code" in result.output
    assert "FAILED: 1 error(s)" in result.output


def test_check_command_prints_the_coverage_table(app, runner):
    result = run(runner, "check", str(SAMPLE_PACKAGE))
    assert result.exit_code == 0
    assert "fr                  4/5          2/2" in result.output
    assert "warning: the lesson 'local-examples' is not translated into fr" in result.output


def test_a_folder_of_packages_is_checked_package_by_package(app, runner, tmp_path):
    package(tmp_path)
    result = run(runner, "check", str(tmp_path))
    assert result.exit_code == 0
    assert "tiny: OK: 0 error(s), 0 warning(s)" in result.output


def test_large_packages_show_a_progress_bar(app, runner, tmp_path):
    files = base_files()
    for number in range(3, 60):
        files[f"01-start/{number:02d}-lesson-{number}.en.md"] = lesson(f"Lesson {number}")
        files[f"01-start/{number:02d}-lesson-{number}.fr.md"] = lesson(f"Leçon {number}")
    root = write_package(tmp_path, files)
    result = run(runner, "import", str(root))
    assert result.exit_code == 0, result.output
    assert "Rendering tiny" in result.output
    assert count(Lesson) == 59

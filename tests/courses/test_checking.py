"""`academy courses check`: every problem reported with its exact file and line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from academy.courses.building import check_package
from tests.courses.packages import COURSE_YAML, MODULE_YAML, lesson, package
from tests.i18n import translated

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def problems_of(root) -> list[str]:
    _built, problems = check_package(root)
    return [str(problem) for problem in problems.sorted()]


def errors_of(root) -> list[str]:
    return [p for p in problems_of(root) if ": error: " in p]


def test_a_valid_package_has_no_problem_and_full_coverage(tmp_path):
    root = package(tmp_path)
    built, problems = check_package(root)
    assert problems.sorted() == []
    assert built.coverage() == [("en", 2, 2, 1, 1), ("fr", 2, 2, 1, 1)]


def test_yaml_syntax_error_has_its_line(tmp_path):
    root = package(tmp_path, {"course.yaml": COURSE_YAML + "summary: [not closed\n"})
    [problem] = errors_of(root)
    assert problem.startswith("course.yaml:8: error: YAML syntax")


def test_missing_required_key(tmp_path):
    root = package(tmp_path, {"course.yaml": COURSE_YAML.replace('version: "1"\n', "")})
    assert errors_of(root) == ["course.yaml:1: error: the required key 'version' is missing"]


def test_unknown_key_is_an_error_so_typos_never_pass(tmp_path):
    root = package(tmp_path, {"course.yaml": COURSE_YAML + "sumary:\n  en: Oops\n"})
    [problem] = errors_of(root)
    assert problem.startswith("course.yaml:8: error: unknown key 'sumary' (allowed: audience,")


def test_duplicate_key(tmp_path):
    root = package(tmp_path, {"course.yaml": COURSE_YAML + 'version: "2"\n'})
    [problem] = errors_of(root)
    assert problem == "course.yaml:8: error: YAML syntax: the key 'version' is written twice"


def test_unknown_language_code(tmp_path):
    root = package(tmp_path, {"course.yaml": COURSE_YAML.replace("[en, fr]", "[en, fr, qq]")})
    assert errors_of(root) == [
        "course.yaml:4: error: 'qq' is not a known language code (BCP 47, like fr)"
    ]


def test_default_language_must_be_a_course_language(tmp_path):
    root = package(
        tmp_path,
        {"course.yaml": COURSE_YAML.replace("default_language: en", "default_language: es")},
    )
    assert errors_of(root) == [
        "course.yaml:3: error: 'default_language' (es) must be one of the languages"
    ]


def test_unquoted_version_number_is_refused_before_it_loses_digits(tmp_path):
    root = package(tmp_path, {"course.yaml": COURSE_YAML.replace('version: "1"', "version: 1.10")})
    assert errors_of(root) == [
        "course.yaml:2: error: 'version' must be text in quotes, like version: \"1.1\""
    ]


def test_title_must_have_the_default_language(tmp_path):
    root = package(tmp_path, {"course.yaml": COURSE_YAML.replace("  en: Tiny course\n", "")})
    assert errors_of(root) == ["course.yaml:5: error: 'title' must have the default language (en)"]


def test_title_in_an_undeclared_language(tmp_path):
    root = package(tmp_path, {"course.yaml": COURSE_YAML + "summary:\n  de: Kurs\n"})
    assert errors_of(root) == ["course.yaml:9: error: 'de' in 'summary' is not a course language"]


def test_lesson_missing_in_the_default_language(tmp_path):
    root = package(tmp_path, {"01-start/01-hello.en.md": None})
    errors = errors_of(root)
    assert (
        "01-start/01-hello.fr.md:1: error: the lesson 'hello' has no en version, "
        "which every lesson needs" in errors
    )


def test_missing_translation_is_a_warning_and_shows_in_coverage(tmp_path):
    root = package(tmp_path, {"01-start/01-hello.fr.md": None})
    built, problems = check_package(root)
    assert [str(p) for p in problems.sorted()] == [
        "01-start/01-hello.en.md:1: warning: the lesson 'hello' is not translated into fr"
    ]
    assert built.coverage() == [("en", 2, 2, 1, 1), ("fr", 1, 2, 1, 1)]


@pytest.mark.parametrize(
    "name", ["01-start/03-Bad_Name.en.md", "01-start/3-x--y.en.md", "01-start/04-9lives.en.md"]
)
def test_malformed_ids(tmp_path, name):
    root = package(tmp_path, {name: lesson("Bad")})
    [problem] = errors_of(root)
    assert problem.startswith(f"{name}:1: error: ")
    assert "is not a valid name" in problem


def test_duplicate_numbers_in_one_module(tmp_path):
    root = package(tmp_path, {"01-start/01-other.en.md": lesson("Other")})
    assert "01-start/01-other.en.md:1: error: has the same number (1) as 'hello'" in errors_of(root)


def test_duplicate_ids_across_modules(tmp_path):
    root = package(
        tmp_path,
        {"02-again/module.yaml": MODULE_YAML, "02-again/01-hello.en.md": lesson("Hello again")},
    )
    assert errors_of(root) == [
        "02-again/01-hello.en.md:1: error: the id 'hello' is already used by "
        "01-start/01-hello.en.md"
    ]


def test_lesson_in_a_language_the_course_does_not_declare(tmp_path):
    root = package(tmp_path, {"01-start/01-hello.de.md": lesson("Hallo")})
    assert errors_of(root) == [
        "01-start/01-hello.de.md:1: error: 'de' is not one of the course languages (en, fr)"
    ]


def test_front_matter_problems(tmp_path):
    root = package(
        tmp_path,
        {
            "01-start/01-hello.en.md": "No front matter\n",
            "01-start/02-more.en.md": "---\ntitle: More\n",
            "01-start/02-more.fr.md": "---\ntitle: Plus\nduration_minutes: many\nauthor: me\n---\n",
        },
    )
    assert errors_of(root) == [
        "01-start/01-hello.en.md:1: error: must start with front matter: a line '---', "
        "'title: ...', '---'",
        "01-start/02-more.en.md:1: error: the front matter is not closed by a line '---'",
        "01-start/02-more.fr.md:3: error: 'duration_minutes' must be a whole number from 1 to 600",
        "01-start/02-more.fr.md:4: error: unknown key 'author' (allowed: duration_minutes, title)",
    ]


def test_broken_relative_link_has_its_line(tmp_path):
    body = "First paragraph.\n\nSee [the end](03-end.en.md) for more.\n"
    root = package(tmp_path, {"01-start/02-more.en.md": lesson("More", body)})
    assert errors_of(root) == [
        "01-start/02-more.en.md:7: error: the lesson '01-start/03-end.en.md' does not exist"
    ]


def test_link_leaving_the_package(tmp_path):
    body = "Read [this](../../../etc/passwd).\n"
    root = package(tmp_path, {"01-start/02-more.en.md": lesson("More", body)})
    assert errors_of(root) == [
        "01-start/02-more.en.md:5: error: the link '../../../etc/passwd' leaves the package"
    ]


def test_missing_image(tmp_path):
    body = "Text.\n\n![A chart](../assets/chart.png)\n"
    root = package(tmp_path, {"01-start/02-more.en.md": lesson("More", body)})
    assert errors_of(root) == [
        "01-start/02-more.en.md:7: error: the file 'assets/chart.png' does not exist"
    ]


def test_a_50_megabyte_image_is_refused(tmp_path):
    root = package(tmp_path, {"assets/huge.png": PNG + b"\0" * (50 * 1024 * 1024)})
    assert errors_of(root) == [
        "assets/huge.png:1: error: is 50.0 MB; assets may be at most 5 MB (compress or resize it)"
    ]


def test_disallowed_asset_type(tmp_path):
    root = package(tmp_path, {"assets/tool.exe": b"MZ"})
    [problem] = errors_of(root)
    assert problem.startswith("assets/tool.exe:1: error: files of this type are not allowed")


def test_asset_whose_content_does_not_match_its_type(tmp_path):
    root = package(tmp_path, {"assets/photo.png": b"<html>not a picture</html>"})
    assert errors_of(root) == ["assets/photo.png:1: error: its content is not a .png file"]


def test_non_utf8_lesson(tmp_path):
    data = "---\ntitle: Hello\n---\nCaf\xe9\n".encode("latin-1")
    root = package(tmp_path, {"01-start/01-hello.en.md": data})
    assert "01-start/01-hello.en.md:4: error: is not UTF-8 text; save it as UTF-8" in errors_of(
        root
    )


def test_a_symbolic_link_out_of_the_package_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("not for you")
    root = package(tmp_path)
    (root / "assets").mkdir()
    os.symlink(secret, root / "assets" / "notes.txt")
    assert errors_of(root) == [
        "assets/notes.txt:1: error: points outside the package (symbolic link)"
    ]


def test_unknown_container_kind(tmp_path):
    body = "Intro.\n\n::: danger\nCareful.\n:::\n"
    root = package(tmp_path, {"01-start/02-more.en.md": lesson("More", body)})
    [problem] = errors_of(root)
    assert problem == (
        "01-start/02-more.en.md:7: error: "
        "unknown box 'danger': the kinds are note, tip, warning and activity"
    )


def test_module_problems(tmp_path):
    root = package(tmp_path, {"01-start/module.yaml": "summary:\n  en: x\ncolour: red\n"})
    assert errors_of(root) == [
        "01-start/module.yaml:1: error: the required key 'title' is missing",
        "01-start/module.yaml:3: error: unknown key 'colour' (allowed: summary, title)",
    ]


def test_completion_and_certificate_must_name_what_exists(tmp_path):
    extra = "completion:\n  lessons: [hello, ghost]\ncertificate:\n  logo: assets/logo.png\n"
    root = package(tmp_path, {"course.yaml": COURSE_YAML + extra})
    assert errors_of(root) == [
        "course.yaml:9: error: completion names an unknown lesson 'ghost'",
        "course.yaml:11: error: the logo 'assets/logo.png' must be a .png, .jpg or .svg file "
        "in assets/",
    ]


def test_stray_files_are_warnings(tmp_path):
    root = package(tmp_path, {"notes.docx": b"x", "01-start/draft.txt": "x"})
    assert problems_of(root) == [
        "01-start/draft.txt:1: warning: is not part of the package format and is ignored",
        "notes.docx:1: warning: is not part of the package format and is ignored",
    ]


def test_a_package_without_course_yaml(tmp_path):
    root = package(tmp_path, {"course.yaml": None})
    assert errors_of(root) == ["course.yaml:1: error: is missing: every package needs one"]


def test_a_package_without_modules(tmp_path):
    root = tmp_path / "empty"
    root.mkdir()
    (root / "course.yaml").write_text(COURSE_YAML)
    assert errors_of(root) == ["course.yaml:1: error: the package has no module folders (01-name/)"]


def test_images_need_a_text_alternative(tmp_path):
    files = {
        "assets/chart.png": PNG,
        "01-start/02-more.en.md": lesson("More", "Text.\n\n![](../assets/chart.png)\n"),
    }
    root = package(tmp_path, files)
    assert errors_of(root) == [
        "01-start/02-more.en.md:7: error: the image '../assets/chart.png' needs a text "
        "alternative: ![what it shows](../assets/chart.png)"
    ]


@pytest.mark.parametrize("language", ["fr", "es", "ar"])
def test_the_check_speaks_the_terminal_language(app, runner, tmp_path, monkeypatch, language):
    monkeypatch.setenv("LANGUAGE", language)
    root = package(tmp_path, {"01-start/02-more.en.md": lesson("More", "[x](nowhere.en.md)\n")})
    result = runner.invoke(args=["courses", "check", str(root)])
    assert result.exit_code == 1
    wrong_link = "'%(url)s' must point to a lesson, a quiz or a file in assets/"
    message = translated(wrong_link, language, url="nowhere.en.md")
    # file:line and the severity stay as editors expect them; the message is translated.
    assert f"01-start/02-more.en.md:5: error: {message}" in result.output
    coverage = translated("%(package)s: translation coverage", language, package=root)
    assert coverage in result.output
    assert "must point to" not in result.output


# Reads the package twice in a fresh interpreter, before and after the
# certificates feature is imported, and prints both reports.
CHECK_TWICE = """
import json, sys
from pathlib import Path
from academy.courses.building import check_package

def report():
    return [str(problem) for problem in check_package(Path(sys.argv[1]))[1].sorted()]

before = report()
loaded = "weasyprint" in sys.modules
import academy.certificates  # noqa: F401
print(json.dumps({"before": before, "weasyprint": loaded, "after": report()}))
"""


def test_check_package_answers_the_same_whatever_was_imported(tmp_path):
    # 100,000 loop steps: valid Jinja, which only printing the certificate refuses.
    template = "{% for i in range(1000) %}{% for j in range(100) %}{% endfor %}{% endfor %}"
    root = package(
        tmp_path,
        {
            "course.yaml": COURSE_YAML + "certificate:\n  template: certificate.html\n",
            "certificate.html": template,
        },
    )
    result = subprocess.run(  # noqa: S603 - this interpreter, fixed arguments
        [sys.executable, "-c", CHECK_TWICE, str(root)],
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"before": [], "weasyprint": False, "after": []}

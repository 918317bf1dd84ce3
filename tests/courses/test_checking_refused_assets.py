"""Files in assets/ that are not published: editing programs' sources, and refused files.

Sources are warnings, so a package can keep them beside their exports; a file
that uses one that is not published says why, at its own line, instead of
claiming that the file does not exist.
"""

from __future__ import annotations

import pytest

from academy.courses.building import check_package
from tests.courses.packages import COURSE_YAML, lesson, package

SOURCE = (
    "is an editing program's source file and is not published; "
    "use its export: .svg, .png, .jpg or .pdf"
)
SCRIPTED_SVG = '<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script>\n</svg>'


def problems_of(root) -> list[str]:
    _built, problems = check_package(root)
    return [str(problem) for problem in problems.sorted()]


@pytest.mark.parametrize(
    "name",
    [
        "flow.drawio", "poster.odg", "photo.xcf", "cover.psd", "logo.ai", "painting.kra",
        "wireframe.sketch", "mockup.fig", "Cover.PSD", "sources/layers.xcf",
    ],
)  # fmt: skip
def test_source_files_are_warnings_and_not_published(tmp_path, name):
    built, problems = check_package(package(tmp_path, {f"assets/{name}": b"\0editor data"}))
    assert [str(p) for p in problems.sorted()] == [f"assets/{name}:1: warning: {SOURCE}"]
    assert built.package.assets == {}


def test_a_compressed_svg_is_a_warning_and_not_published(tmp_path):
    built, problems = check_package(package(tmp_path, {"assets/map.svgz": b"\x1f\x8b\x08"}))
    assert [str(p) for p in problems.sorted()] == [
        "assets/map.svgz:1: warning: is a compressed SVG and is not published; "
        "save it as plain .svg"
    ]
    assert built.package.assets == {}


def test_source_files_beside_the_lessons_or_course_yaml_are_warnings(tmp_path):
    files = {"01-start/03-flow.drawio": b"<mxfile/>", "cover.xcf": b"gimp xcf v011"}
    assert problems_of(package(tmp_path, files)) == [
        f"01-start/03-flow.drawio:1: warning: {SOURCE}",
        f"cover.xcf:1: warning: {SOURCE}",
    ]


@pytest.mark.parametrize("name", ["page.html", "app.js", "tool.exe", "run.sh", "macro.bat"])
def test_executable_files_stay_errors(tmp_path, name):
    [problem] = problems_of(package(tmp_path, {f"assets/{name}": b"MZ"}))
    assert problem.startswith(
        f"assets/{name}:1: error: files of this type are not allowed in assets/ (.csv .gif"
    )


def test_a_lesson_using_a_refused_svg_says_it_is_refused_and_why(tmp_path):
    body = "Text.\n\n![Our circle](../assets/circle.svg)\n"
    files = {"assets/circle.svg": SCRIPTED_SVG, "01-start/02-more.en.md": lesson("More", body)}
    assert problems_of(package(tmp_path, files)) == [
        "01-start/02-more.en.md:7: error: the file 'assets/circle.svg' is refused "
        "(assets/circle.svg:2: SVG contains a <script>)",
        "assets/circle.svg:2: error: SVG contains a <script>",
    ]


def test_a_lesson_linking_to_a_source_file_says_it_is_not_published(tmp_path):
    body = "Text.\n\nEdit [the diagram](../assets/flow.drawio).\n"
    files = {"assets/flow.drawio": b"<mxfile/>", "01-start/02-more.en.md": lesson("More", body)}
    assert problems_of(package(tmp_path, files)) == [
        "01-start/02-more.en.md:7: error: the file 'assets/flow.drawio' is not published "
        f"(assets/flow.drawio:1: {SOURCE})",
        f"assets/flow.drawio:1: warning: {SOURCE}",
    ]


def test_a_refused_logo_says_why(tmp_path):
    course = COURSE_YAML + "certificate:\n  logo: assets/logo.svg\n"
    root = package(tmp_path, {"course.yaml": course, "assets/logo.svg": SCRIPTED_SVG})
    assert problems_of(root) == [
        "assets/logo.svg:2: error: SVG contains a <script>",
        "course.yaml:9: error: the file 'assets/logo.svg' is refused "
        "(assets/logo.svg:2: SVG contains a <script>)",
    ]

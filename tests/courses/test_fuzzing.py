"""Property: whatever files a package holds, the checker reports problems; it never crashes."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from academy.courses.building import build_package, check_package
from academy.courses.svg import svg_problems
from academy.packagefiles.problems import PackageError
from tests.courses.packages import COURSE_YAML, MODULE_YAML, base_files, write_package

YAML_BITS = [
    "id: x\n", "version: 1\n", "languages: [en, zz]\n", "title: {en: T}\n", "- a\n- b\n",
    "&a [*a]\n", "!!python/object:os.system x\n", "key: [unclosed\n", "\t\tbad: indent\n",
    "title:\n  en:\n", "default_language: fr\n", "? complex\n: key\n", "%TAG ! x\n---\n",
    "completion: {lessons: [nope]}\n", "certificate: {logo: ../../x.svg}\n", "'\n",
]  # fmt: skip
MARKDOWN_BITS = [
    "---\n", "title: T\n", "duration_minutes: -3\n", "::: note\n", ":::\n", "::::\n",
    "[x](../../../etc)\n", "![i](../assets/none.png)\n", "[^1]\n", "[^1]: n\n",
    "| a | b |\n|---|---|\n", "<script>alert(1)</script>\n", "# \u0627\u0644\n",
    "[l](javascript:alert(1))\n", "\x00\n", "\ud7ff\n", "[x](01-x.en.md#frag)\n",
    "![i](../assets/a.svg)\n", "[s](../assets/e.drawio)\n",
]  # fmt: skip
SVG_BITS = [
    '<svg xmlns="http://www.w3.org/2000/svg">', "</svg>", "<svg>", "<g>", "</g>", "<script>",
    "</script>", '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "svg11.dtd">',
    "<!DOCTYPE svg [", '<!ENTITY a "&a;&a;">', "]>", "&a;", "&nbsp;", "&#x9;",
    "<foreignObject>", '<div xmlns="http://www.w3.org/1999/xhtml">', "<iframe/>",
    '<a href="', '<image xlink:href="', 'xmlns:s="http://www.w3.org/2000/svg"', "<s:script/>",
    "data:image/png;base64,", "data:image/svg+xml,", "https://t.example/", "javascript:",
    '<set attributeName="', "href", "onclick", '"', "'", "/>", ">", "<style>", "</style>",
    "url(", "\\75 rl(", ")", "@import", "<?xml-stylesheet href='x.css'?>", "<![CDATA[", "]]>",
    "\n", "\x00", "\udfff",
]  # fmt: skip

text = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(YAML_BITS + MARKDOWN_BITS), max_size=12).map("".join),
)
content = st.one_of(text, st.binary(max_size=200), text.map(lambda t: t.encode("utf-16")))
names = st.sampled_from([
    "course.yaml", "01-start/module.yaml", "01-start/01-hello.en.md", "01-start/01-hello.fr.md",
    "01-start/02-more.en.md", "02-x/01-y.en.md", "02-x/module.yaml", "01-start/03-q.quiz.yaml",
    "assets/a.svg", "assets/b.png", "assets/c.txt", "assets/d.exe", "01-start/Bad.md",
    "03_bad/module.yaml", "certificate.html", "assets/e.drawio", "assets/f.svgz",
])  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changes=st.dictionaries(names, st.one_of(st.none(), content), max_size=6))
def test_the_checker_only_ever_reports_problems(changes):
    files = base_files()
    for name, value in changes.items():
        if value is None:
            files.pop(name, None)
        else:
            files[name] = value
    folder = Path(tempfile.mkdtemp())
    try:
        root = write_package(folder, files)
        built, problems = check_package(root)
        assert built is not None or problems.errors
        if problems.errors:
            with pytest.raises(PackageError) as raised:
                build_package(root)
            assert raised.value.problems
        else:
            build_package(root)
    finally:
        shutil.rmtree(folder)


@settings(max_examples=100, deadline=None)
@given(course=text, module=text)
def test_any_yaml_gives_problems_not_exceptions(course, module):
    folder = Path(tempfile.mkdtemp())
    try:
        files = {
            **base_files(),
            "course.yaml": COURSE_YAML + course,
            "01-start/module.yaml": MODULE_YAML + module,
        }
        check_package(write_package(folder, files))
    finally:
        shutil.rmtree(folder)


svg_text = st.one_of(
    st.text(max_size=200), st.lists(st.sampled_from(SVG_BITS), max_size=20).map("".join)
)


@settings(max_examples=300, deadline=None)
@given(svg=svg_text)
def test_any_svg_gives_problems_with_lines_not_exceptions(svg):
    data = svg.encode("utf-8", "surrogatepass")
    problems = svg_problems(data)
    assert all(line >= 1 and message for line, message in problems)
    assert svg_problems(data) == problems  # nothing depends on state left behind

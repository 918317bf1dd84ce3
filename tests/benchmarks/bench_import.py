"""Import of a generated 1,000-lesson, 3-language package, and its unchanged re-import.

Baseline, measured in the same run: markdown-it rendering the same lesson files
with nothing else (no checks, no sanitising, no database).
"""

from __future__ import annotations

import time

from markdown_it import MarkdownIt

from academy.courses.building import package_hash
from academy.courses.importing import container_labels, import_built, imported_unchanged
from academy.extensions import db
from academy.package_check import build_course_package
from tests.benchmarks import table
from tests.benchmarks.generate import write_large_package


def _seconds(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def bench_import_of_a_large_package(app, tmp_path):
    root = write_large_package(tmp_path / "big")
    bodies = [path.read_text(encoding="utf-8") for path in sorted(root.rglob("*.md"))]
    parser = MarkdownIt("commonmark").enable("table")
    baseline = _seconds(lambda: [parser.render(body) for body in bodies])

    def first_import():
        import_built(build_course_package(root, container_labels))
        db.session.commit()

    first = _seconds(first_import)
    second = _seconds(lambda: imported_unchanged(package_hash(root)))
    assert imported_unchanged(package_hash(root)) == "big-course"
    print(
        f"\n{len(bodies)} lesson files: markdown-it alone {baseline:.2f} s"
        f"\nimport:            {first:6.2f} s  = {first / baseline:5.1f}x markdown-it alone"
        f"\nunchanged re-import {second:6.2f} s  = {second / first:6.3f}x the first import"
    )
    table.record(
        "import, 1,000 lessons",
        f"{first:.2f} s",
        baseline=f"{baseline:.2f} s (markdown-it)",
        ratio=first / baseline,
        target="(watched)",
        held=True,
    )
    table.at_most("unchanged re-import", f"{second:.2f} s", f"{first:.2f} s", second / first, 0.2)

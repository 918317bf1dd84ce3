"""Check a course package in full: its files, then what later features print from it.

academy.courses.building.check_package reads, checks and renders the package
itself and stays pure: no Flask, no database, no WeasyPrint, and an answer
that never depends on which features were imported. Printing the course's
certificate template with a sample certificate needs the certificates
feature, which comes after courses, so the two are put together here, above
both. Whatever checks a package before it reaches learners calls this: the
`academy courses check|import` commands (create_app passes it to them) and
the tests' importer.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from academy.certificates.checks import check_certificate_template
from academy.courses.building import Built, Labels, check_package
from academy.packagefiles.problems import PackageError, Problems


def check_course_package(
    root: Path, labels: Labels | None = None, progress: Callable[[int], None] | None = None
) -> tuple[Built | None, Problems]:
    """check_package, then print the certificate template in every language."""
    built, problems = check_package(root, labels, progress)
    if built is not None:
        check_certificate_template(built)
    return built, problems


def build_course_package(
    root: Path, labels: Labels | None = None, progress: Callable[[int], None] | None = None
) -> Built:
    """Like check_course_package, but raise PackageError when there is any error."""
    built, problems = check_course_package(root, labels, progress)
    if built is None or problems.errors:
        raise PackageError(problems.sorted())
    return built

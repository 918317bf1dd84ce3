"""A version's package, checked and rendered: what its report, preview and publication use.

Checking renders every lesson, which takes a moment on a large course, so the
result is kept per process for the last few packages looked at, by content
hash: the same files (and renderer) always check the same, so a kept result
is never stale; another app server simply builds its own.
"""

from __future__ import annotations

import io
import tempfile
import threading
import zipfile
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from academy.courses.building import Built
from academy.courses.importing import container_labels
from academy.courses.models import CourseVersion
from academy.package_check import check_course_package
from academy.packagefiles.problems import Problem, Problems

# Versions kept checked per process; each holds its lessons' HTML and assets.
KEPT = 4
# A quoted line longer than this is cut: the report shows where, not the whole file.
QUOTE_LENGTH = 300


@dataclass
class Checked:
    """A package checked: what was built (None if unreadable), its problems, their lines."""

    built: Built | None
    problems: Problems
    quotes: dict[tuple[str, int], str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.built is not None and not self.problems.errors

    def report(self) -> list[tuple[Problem, str | None]]:
        """Every problem, sorted by file and line, with the line it points at."""
        return [(p, self.quotes.get((p.path, p.line))) for p in self.problems.sorted()]


def check_folder(root: Path) -> Checked:
    """Check a package folder in full, quoting the line of each problem."""
    built, problems = check_course_package(root, container_labels)
    return Checked(built, problems, _quotes(root, problems))


def _quotes(root: Path, problems: Problems) -> dict[tuple[str, int], str]:
    quotes = {}
    lines_of: dict[str, list[str]] = {}
    base = root.resolve()
    for problem in problems.items:
        path = (root / problem.path).resolve()
        if not path.is_relative_to(base) or not path.is_file():
            continue
        if problem.path not in lines_of:
            try:
                lines_of[problem.path] = path.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                lines_of[problem.path] = []
        lines = lines_of[problem.path]
        if 1 <= problem.line <= len(lines) and lines[problem.line - 1].strip():
            quotes[(problem.path, problem.line)] = lines[problem.line - 1][:QUOTE_LENGTH]
    return quotes


_KEPT: OrderedDict[str, Checked] = OrderedDict()
_LOCK = threading.Lock()


def keep(version: CourseVersion, checked: Checked) -> None:
    with _LOCK:
        _KEPT[version.content_hash] = checked
        _KEPT.move_to_end(version.content_hash)
        while len(_KEPT) > KEPT:
            _KEPT.popitem(last=False)


def checked_version(version: CourseVersion) -> Checked:
    """The version's package checked and rendered, from this process's copy if it has one."""
    with _LOCK:
        checked = _KEPT.get(version.content_hash)
        if checked is not None:
            _KEPT.move_to_end(version.content_hash)
            return checked
    with tempfile.TemporaryDirectory(prefix="academy-version-") as folder:
        root = Path(folder)
        unpack(version.package, root)
        checked = check_folder(root)
    keep(version, checked)
    return checked


def unpack(package: bytes, root: Path) -> None:
    """Unpack a zip this module's callers made themselves (academy.trainers.versions.pack_folder).

    Only those are stored: uploads are unpacked by academy.packagefiles.archives,
    with its limits, before they are checked and packed again.
    """
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        archive.extractall(root)

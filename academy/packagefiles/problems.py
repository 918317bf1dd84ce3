"""Problems found in a course package, each with its file and line."""

from __future__ import annotations

from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    severity: str
    message: str

    def __str__(self) -> str:
        # The severity stays English, like a compiler's: editors and CI problem
        # matchers find "file:line: error:"; the message itself is translated.
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"


class PackageError(Exception):
    """A package could not be used; problems says exactly why."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        errors = [p for p in problems if p.severity == ERROR]
        super().__init__("\n".join(str(p) for p in errors or problems))


@dataclass
class Problems:
    """Collects problems while a package is read; paths are relative to its root."""

    items: list[Problem] = field(default_factory=list)

    def error(self, path: str, line: int | None, message: str) -> None:
        self.items.append(Problem(path, line or 1, ERROR, message))

    def warning(self, path: str, line: int | None, message: str) -> None:
        self.items.append(Problem(path, line or 1, WARNING, message))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == WARNING]

    def sorted(self) -> list[Problem]:
        return sorted(set(self.items))

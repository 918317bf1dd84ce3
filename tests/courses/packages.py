"""Write small course packages into a folder, for checker and importer tests."""

from __future__ import annotations

from pathlib import Path

COURSE_YAML = """\
id: tiny
version: "1"
default_language: en
languages: [en, fr]
title:
  en: Tiny course
  fr: Petit cours
"""

MODULE_YAML = """\
title:
  en: First steps
  fr: Premiers pas
"""


def lesson(title: str, body: str = "Some text.\n", minutes: int | None = 5) -> str:
    front = f"title: {title}\n" + (f"duration_minutes: {minutes}\n" if minutes else "")
    return f"---\n{front}---\n{body}"


def base_files() -> dict[str, str | bytes]:
    return {
        "course.yaml": COURSE_YAML,
        "01-start/module.yaml": MODULE_YAML,
        "01-start/01-hello.en.md": lesson("Hello"),
        "01-start/01-hello.fr.md": lesson("Bonjour"),
        "01-start/02-more.en.md": lesson("More", "See [hello](01-hello.en.md).\n"),
        "01-start/02-more.fr.md": lesson("Plus", "Voir [bonjour](01-hello.fr.md).\n"),
    }


def write_package(folder: Path, files: dict[str, str | bytes]) -> Path:
    """Write files into folder/tiny and return that package folder."""
    root = folder / "tiny"
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def package(folder: Path, changes: dict[str, str | bytes | None] | None = None) -> Path:
    """The base package with some files changed (None removes a file)."""
    files = base_files()
    files.update(changes or {})
    return write_package(
        folder, {name: value for name, value in files.items() if value is not None}
    )

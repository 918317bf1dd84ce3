"""Comments and documents that send a reader to a test file name one that exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEST_PATH = re.compile(r"\btests/[\w/]+\.py\b")


def test_every_test_file_named_in_the_code_and_docs_exists():
    sources = [*(ROOT / "academy").rglob("*.py"), *(ROOT / "docs").rglob("*.md")]
    named = {
        (source.relative_to(ROOT).as_posix(), path)
        for source in sources
        for path in TEST_PATH.findall(source.read_text(encoding="utf-8"))
    }
    assert named
    assert [(source, path) for source, path in sorted(named) if not (ROOT / path).is_file()] == []

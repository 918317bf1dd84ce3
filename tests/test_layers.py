"""Dependencies run one way: the import-linter contracts in .importlinter hold.

Each run is a separate process, as `lint-imports` is, with this interpreter.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = "from importlinter.cli import lint_imports_command; lint_imports_command()"


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - this interpreter, fixed arguments
        [sys.executable, "-c", LINT_IMPORTS, ".importlinter", "--no-cache", "--no-logo"],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def test_every_contract_is_kept():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"Contracts: [1-9]\d* kept, 0 broken\.", result.stdout), result.stdout


def test_a_feature_importing_a_later_one_breaks_the_layers(tmp_path):
    shutil.copytree(
        ROOT / "academy",
        tmp_path / "academy",
        ignore=shutil.ignore_patterns("templates", "static", "__pycache__"),
    )
    shutil.copy(ROOT / ".importlinter", tmp_path)
    models = tmp_path / "academy" / "courses" / "models.py"
    models.write_text(models.read_text() + "\nfrom academy.learning.models import Enrolment\n")
    result = lint_imports(tmp_path)
    assert result.returncode == 1
    assert "academy.courses.models -> academy.learning.models" in result.stdout
    assert re.search(r"Contracts: \d+ kept, 1 broken\.", result.stdout), result.stdout

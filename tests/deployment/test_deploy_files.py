"""What deploy/ and docs/deploy.md promise, checked without starting anything."""

from __future__ import annotations

import inspect
import re
import shutil
import subprocess
from pathlib import Path

import gunicorn.config
import pytest

from academy.config import from_environment
from tests.deployment import packages, rendering
from tests.deployment.rendering import DEPLOY, ROOT

DOCUMENTS = [*sorted(p for p in DEPLOY.rglob("*") if p.is_file()), ROOT / "docs" / "deploy.md"]


def _settings_the_code_reads() -> set[str]:
    names = set()
    for path in (ROOT / "academy").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        names |= set(re.findall(r"\bACADEMY_[A-Z0-9_]+", source))
        if path.name == "config.py":
            names |= {f"ACADEMY_{n}" for n in re.findall(r'_env\w*\("([A-Z0-9_]+)"', source)}
    return names


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_setting_named_is_one_the_code_reads(document: Path):
    named = set(re.findall(r"\bACADEMY_[A-Z0-9_]+", document.read_text(encoding="utf-8")))
    assert named - _settings_the_code_reads() == set()


def test_the_worker_count_is_gunicorns_own_setting():
    assert 'os.environ.get("WEB_CONCURRENCY"' in inspect.getsource(gunicorn.config)
    assert "WEB_CONCURRENCY" in rendering.read_environment_file(rendering.ENVIRONMENT)


def _sizes(site: str) -> list[int]:
    units = {"k": 1024, "m": 1024 * 1024}
    return [
        int(number) * units[unit]
        for number, unit in re.findall(r"client_max_body_size (\d+)([km]);", site)
    ]


def test_nginx_lets_through_every_body_the_app_accepts(tmp_path, monkeypatch):
    monkeypatch.delenv("ACADEMY_MAX_CONTENT_LENGTH", raising=False)
    monkeypatch.delenv("ACADEMY_PACKAGE_UPLOAD_MAX_MB", raising=False)
    config = from_environment(tmp_path)
    site, upload = _sizes(rendering.NGINX_SITE.read_text(encoding="utf-8"))
    # The app answers its own 413 page up to a little past its limit; nginx cuts the rest.
    assert config["MAX_CONTENT_LENGTH"] < site <= 2 * config["MAX_CONTENT_LENGTH"]
    assert config["PACKAGE_UPLOAD_MAX_BYTES"] < upload <= 2 * config["PACKAGE_UPLOAD_MAX_BYTES"]


def test_rendering_refuses_a_file_that_lost_a_value_it_replaces():
    with pytest.raises(rendering.RenderError, match="no longer contains '127.0.0.1:8002'"):
        rendering.replace_each(
            "server 127.0.0.1:8001;", {"127.0.0.1:8002": "x"}, rendering.NGINX_SITE
        )


def test_missing_binaries_skip_only_where_nobody_could_install_them(monkeypatch):
    monkeypatch.setattr(packages, "find_binary", lambda name: None)
    monkeypatch.setattr(packages.os, "geteuid", lambda: 1000)
    with pytest.raises(pytest.skip.Exception, match="missing: nginx, redis-server"):
        packages.require_packages()
    monkeypatch.setattr(packages.os, "geteuid", lambda: 0)
    with pytest.raises(pytest.fail.Exception, match="`make test` installs them"):
        packages.require_packages()


def test_present_binaries_neither_skip_nor_fail(monkeypatch):
    monkeypatch.setattr(packages, "find_binary", lambda name: f"/usr/sbin/{name}")
    monkeypatch.setattr(packages.PostgresServer, "find", classmethod(lambda cls: cls(Path("/"))))
    for euid in (0, 1000):
        monkeypatch.setattr(packages.os, "geteuid", lambda euid=euid: euid)
        packages.require_packages()


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze not installed")
def test_systemd_knows_every_line_of_the_units(tmp_path):
    # Only the programs must exist for `verify`; the rest is read as it is shipped.
    programs = {"/srv/academy/venv/bin/": f"{rendering.Layout(tmp_path).bin}/"}
    units = []
    for unit, name in ((rendering.APP_UNIT, "academy@8001.service"), (rendering.MIGRATE_UNIT, "")):
        path = tmp_path / (name or unit.name)
        path.write_text(rendering.replace_each(unit.read_text(), programs, unit))
        units.append(str(path))
    result = subprocess.run(
        ["systemd-analyze", "verify", *units], capture_output=True, text=True, timeout=120
    )
    assert (result.returncode, result.stdout + result.stderr) == (0, "")

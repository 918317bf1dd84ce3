"""What `academy db restore|backup` refuse, with a clear message and nothing changed."""

from __future__ import annotations

import io
import json
import stat
import tarfile

import pytest

from academy.backups.schema import row_counts
from academy.extensions import db
from tests.backups.helpers import backup, restore, stamp_head
from tests.factories import make_user

pytestmark = pytest.mark.database


@pytest.fixture
def saved(app, runner, tmp_path):
    """A backup of a database holding two learners, then a third learner added."""
    make_user(email="first@example.org")
    make_user(email="second@example.org")
    stamp_head()
    path = tmp_path / "academy.backup"
    assert backup(runner, path).exit_code == 0
    make_user(email="third@example.org")
    return path


def _counts() -> dict[str, int]:
    db.session.remove()
    with db.engine.connect() as connection:
        return row_counts(connection)


def _rewrite_manifest(path, **changes) -> None:
    with tarfile.open(path) as tar:
        members = [(member, tar.extractfile(member).read()) for member in tar.getmembers()]
    with tarfile.open(path, "w") as tar:
        for member, data in members:
            if member.name == "manifest.json":
                data = json.dumps({**json.loads(data), **changes}).encode()
                member.size = len(data)
            tar.addfile(member, io.BytesIO(data))


def _refused(runner, path, message: str) -> None:
    before = _counts()
    result = restore(runner, path, "--force")
    assert result.exit_code == 1
    assert result.output == f"Error: {message}\n"
    assert _counts() == before
    assert before["users"] == 3


def test_the_other_backends_backup_is_refused(saved, runner, database_backend):
    other = "sqlite" if database_backend == "postgresql" else "postgresql"
    _rewrite_manifest(saved, backend=other)
    _refused(
        runner,
        saved,
        f"{saved} is a backup of a {other} database; this site runs on {database_backend}.",
    )


def test_a_newer_schema_is_refused(app, runner, tmp_path):
    make_user()
    stamp_head("9f9f9f9f9f9f")
    path = tmp_path / "newer.backup"
    assert backup(runner, path).exit_code == 0
    make_user()
    make_user()
    _refused(
        runner,
        path,
        f"{path} holds schema 9f9f9f9f9f9f, newer than this code knows: "
        "restore it with the SSE Academy version that made it.",
    )


def test_a_missing_file_is_refused(saved, runner, tmp_path):
    missing = tmp_path / "nowhere.backup"
    _refused(runner, missing, f"There is no backup file at {missing}.")


def _end_of_dump(path) -> int:
    with tarfile.open(path) as tar:
        (dump,) = [member for member in tar.getmembers() if member.name != "manifest.json"]
    return dump.offset_data + dump.size


@pytest.mark.parametrize("cut", ["half", "last byte of the dump"])
def test_a_truncated_file_is_refused(saved, runner, cut):
    data = saved.read_bytes()
    size = len(data) // 2 if cut == "half" else _end_of_dump(saved) - 1
    saved.write_bytes(data[:size])
    _refused(runner, saved, f"{saved} is not a complete SSE Academy backup (damaged or cut short).")


def test_a_backup_never_replaces_a_file_without_force(saved, runner):
    before = saved.read_bytes()
    result = backup(runner, saved)
    assert result.exit_code == 1
    assert result.output == f"Error: {saved} exists: add --force to replace it.\n"
    assert saved.read_bytes() == before


def test_a_backup_is_private_and_says_what_it_holds(saved, database_backend):
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    with tarfile.open(saved) as tar:
        assert sorted(tar.getnames()) == sorted(
            [
                "manifest.json",
                "academy.sqlite3" if database_backend == "sqlite" else "academy.pgdump",
            ]
        )
        manifest = json.loads(tar.extractfile("manifest.json").read())
    assert manifest["backend"] == database_backend
    assert manifest["row_counts"]["users"] == 2
    assert manifest["keys"] is False
    # No temporary file left beside it.
    assert [path.name for path in saved.parent.iterdir() if path.name.startswith(".")] == []


def test_with_keys_the_key_folder_goes_in_too(app, runner, tmp_path):
    stamp_head()
    assert runner.invoke(args=["keys", "generate"]).exit_code == 0
    path = tmp_path / "with-keys.backup"
    result = backup(runner, path, "--with-keys")
    assert result.exit_code == 0, result.output
    assert "The signing keys are in this backup; the secret key" in result.output
    with tarfile.open(path) as tar:
        names = tar.getnames()
    assert "keys" in names
    assert len([name for name in names if name.endswith(".private.pem")]) == 1

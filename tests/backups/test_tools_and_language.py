"""pg_dump and pg_restore found and called with no password in sight; messages translated."""

from __future__ import annotations

import subprocess

import pytest

from academy.backups import BackupError, postgres_backend
from tests.i18n import translated

URL = "postgresql+psycopg://academy:s3cret-word@db.example.org:5433/academy?sslmode=require"


def test_the_password_goes_in_the_environment_not_the_command_line(app, monkeypatch):
    calls = []

    def run(command, **options):
        calls.append((command, options["env"]))
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(postgres_backend.subprocess, "run", run)
    postgres_backend._run(["/usr/bin/pg_dump", "-Fc", "-f", "academy.pgdump"], URL)
    ((command, environment),) = calls
    assert not any("s3cret" in argument for argument in command)
    assert environment["PGPASSWORD"] == "s3cret-word"
    assert (environment["PGHOST"], environment["PGPORT"]) == ("db.example.org", "5433")
    assert (environment["PGUSER"], environment["PGDATABASE"]) == ("academy", "academy")
    assert environment["PGSSLMODE"] == "require"


def test_a_failing_tool_says_why(app, monkeypatch):
    def run(command, **options):
        return subprocess.CompletedProcess(command, 1, "", "pg_dump: error: connection refused\n")

    monkeypatch.setattr(postgres_backend.subprocess, "run", run)
    with pytest.raises(BackupError) as raised:
        postgres_backend._run(["/usr/bin/pg_dump"], URL)
    assert raised.value.args[0] == "pg_dump failed: pg_dump: error: connection refused"


def test_missing_client_programs_are_named(app, monkeypatch):
    monkeypatch.setattr(postgres_backend.shutil, "which", lambda name: None)
    monkeypatch.setattr(postgres_backend.glob, "glob", lambda pattern: [])
    with pytest.raises(BackupError) as raised:
        postgres_backend.find_tool("pg_dump", 16)
    assert raised.value.args[0] == (
        "pg_dump is not installed: install PostgreSQL's client programs "
        "(Debian: postgresql-client-16)."
    )


def test_a_client_older_than_the_server_is_refused(app, monkeypatch):
    monkeypatch.setattr(postgres_backend.shutil, "which", lambda name: "/usr/bin/pg_dump")
    monkeypatch.setattr(postgres_backend.glob, "glob", lambda pattern: [])
    monkeypatch.setattr(postgres_backend, "_major", lambda tool: 15)
    with pytest.raises(BackupError) as raised:
        postgres_backend.find_tool("pg_dump", 17)
    assert raised.value.args[0] == (
        "pg_dump 15 cannot work with PostgreSQL server 17: install postgresql-client-17."
    )


def test_the_newest_client_is_chosen(app, monkeypatch):
    monkeypatch.setattr(postgres_backend.shutil, "which", lambda name: "/usr/bin/pg_dump")
    monkeypatch.setattr(
        postgres_backend.glob, "glob", lambda pattern: ["/usr/lib/postgresql/17/bin/pg_dump"]
    )
    majors = {"/usr/bin/pg_dump": 15, "/usr/lib/postgresql/17/bin/pg_dump": 17}
    monkeypatch.setattr(postgres_backend, "_major", majors.get)
    assert postgres_backend.find_tool("pg_dump", 15) == "/usr/lib/postgresql/17/bin/pg_dump"


@pytest.mark.parametrize("language", ["fr", "es", "ar"])
def test_the_commands_speak_the_terminal_language(app, runner, tmp_path, monkeypatch, language):
    monkeypatch.setenv("LANGUAGE", language)
    missing = tmp_path / "nowhere.backup"
    result = runner.invoke(args=["db", "restore", str(missing)])
    assert result.exit_code == 1
    message = translated("There is no backup file at %(path)s.", language, path=missing)
    assert message != f"There is no backup file at {missing}."
    # One line: "Error: " in the language (Spanish spells it the same), then the message.
    assert result.output.endswith(f"{message}\n")
    assert result.output.count("\n") == 1

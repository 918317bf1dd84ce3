"""Finding pg_dump/pg_restore and calling them without the password on the command line."""

from __future__ import annotations

import subprocess

import pytest

from academy.backups import BackupError, postgres_backend

URL = "postgresql+psycopg://academy:s3cret-word@db.example.org:5433/academy"


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

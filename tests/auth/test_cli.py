"""`academy users create | set-role | list`."""

from __future__ import annotations

import subprocess
import sys

from sqlalchemy import select

from academy.auth.models import User
from academy.extensions import db
from tests.factories import make_user, reload, sign_in


def test_create_reads_the_password_from_stdin_and_confirms_the_account(app, runner, client):
    result = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "Admin@Example.org",
            "--role",
            "admin",
            "--name",
            "Awa Diop",
            "--password-stdin",
        ],
        input="granite meadow lantern 8\n",
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User))
    assert (user.email, user.role, user.name) == ("admin@example.org", "admin", "Awa Diop")
    assert user.confirmed_at is not None
    assert sign_in(client, "admin@example.org", "granite meadow lantern 8").status_code == 302


def test_create_prompts_for_the_name_and_the_password_twice(runner):
    result = runner.invoke(
        args=["users", "create", "--email", "t@example.org", "--role", "trainer"],
        input="Kofi Mensah\ngranite meadow lantern 8\ngranite meadow lantern 8\n",
    )
    assert result.exit_code == 0, result.output
    assert "Name as printed on certificates" in result.output
    assert db.session.execute(select(User.role, User.name)).one() == ("trainer", "Kofi Mensah")


def test_create_refuses_a_missing_name_or_an_email_as_name(runner):
    for name in ("  ", "T@Example.org"):
        result = runner.invoke(
            args=[
                "users",
                "create",
                "--email",
                "t@example.org",
                "--name",
                name,
                "--password-stdin",
            ],
            input="granite meadow lantern 8\n",
        )
        assert result.exit_code == 1
        assert "give the person's name as it should be printed on certificates" in result.output
    assert db.session.scalar(select(User)) is None


def test_create_refuses_weak_passwords_duplicates_and_bad_roles(runner):
    weak = runner.invoke(
        args=["users", "create", "--email", "a@example.org", "--name", "A", "--password-stdin"],
        input="abc\n",
    )
    assert weak.exit_code == 1
    assert "weak password" in weak.output
    make_user("taken@example.org")
    duplicate = runner.invoke(
        args=["users", "create", "--email", "TAKEN@example.org", "--name", "T", "--password-stdin"],
        input="granite meadow lantern 8\n",
    )
    assert duplicate.exit_code == 1
    assert "already exists" in duplicate.output
    bad_role = runner.invoke(args=["users", "create", "--email", "b@example.org", "--role", "boss"])
    assert bad_role.exit_code == 2
    assert db.session.scalar(select(User.email).where(User.email == "a@example.org")) is None


def test_set_role_and_list(runner):
    user = make_user("someone@example.org")
    result = runner.invoke(args=["users", "set-role", "Someone@example.org", "trainer"])
    assert result.exit_code == 0, result.output
    assert reload(user).role == "trainer"
    listing = runner.invoke(args=["users", "list"])
    assert "someone@example.org\ttrainer\tactive" in listing.output
    only_admins = runner.invoke(args=["users", "list", "--role", "admin"])
    assert "someone@example.org" not in only_admins.output


def test_set_role_of_an_unknown_account_fails(runner):
    result = runner.invoke(args=["users", "set-role", "ghost@example.org", "admin"])
    assert result.exit_code == 1
    assert "no account" in result.output


def test_the_academy_console_script_is_installed(tmp_path):
    academy = [sys.executable, "-c", "from academy.cli import main; main()"]
    result = subprocess.run(
        [*academy, "users", "--help"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env={"ACADEMY_INSTANCE_PATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    for command in ("create", "set-role", "list"):
        assert command in result.stdout

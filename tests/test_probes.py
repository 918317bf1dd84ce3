"""Liveness and readiness: /livez never asks the database; /readyz wants it up and migrated."""

from __future__ import annotations

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory
from flask import current_app
from sqlalchemy import event, text

from academy.extensions import db
from academy.main.monitoring import code_revisions
from tests.factories import make_user, sign_in


def migrations():
    """The code's head and the revision before it."""
    directory = current_app.extensions["migrate"].directory
    [head] = code_revisions(directory)[0]
    config = Config()
    config.set_main_option("script_location", directory)
    previous = ScriptDirectory.from_config(config).get_revision(head).down_revision
    return head, previous


def stamp(*revisions: str) -> None:
    """Write alembic_version as `flask db stamp` would (the schema comes from create_all)."""
    db.session.execute(text("DROP TABLE IF EXISTS alembic_version"))
    db.session.execute(
        text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
    )
    for revision in revisions:
        db.session.execute(text("INSERT INTO alembic_version VALUES (:r)"), {"r": revision})
    db.session.commit()


def broken_app(make_app, tmp_path):
    return make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/missing/dir/x.db")


def test_livez_answers_while_the_database_is_down(make_app, tmp_path):
    response = broken_app(make_app, tmp_path).test_client().get("/livez")
    assert response.status_code == 200
    assert response.json == {"status": "ok"}


def test_livez_sends_no_query_even_for_a_signed_in_person(app, client):
    sign_in(client, make_user().email)
    statements = []
    event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    assert client.get("/livez").status_code == 200
    assert statements == []


@pytest.mark.database
def test_readyz_answers_200_at_the_code_s_head(app, client, database_backend):
    head, _ = migrations()
    stamp(head)
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok", "migrations": "ok"}


@pytest.mark.database
def test_readyz_answers_503_while_migrations_are_pending(app, client, database_backend):
    _, previous = migrations()
    stamp(previous)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json == {"status": "unavailable", "reason": "migrations pending"}
    # The old check still only asks whether the database answers.
    assert client.get("/healthz").status_code == 200


def test_readyz_answers_503_for_a_database_never_migrated(client):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json == {"status": "unavailable", "reason": "database not migrated"}


def test_readyz_answers_503_for_a_database_newer_than_the_code(app, client):
    stamp("f00dfeedbeef")
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json == {"status": "unavailable", "reason": "database newer than this code"}


def test_readyz_answers_503_when_the_database_is_down(make_app, tmp_path):
    response = broken_app(make_app, tmp_path).test_client().get("/readyz")
    assert response.status_code == 503
    assert response.json == {"status": "unavailable", "reason": "database unavailable"}

"""Running the backup commands, and marking a test database as migrated to the head."""

from __future__ import annotations

from alembic.script import ScriptDirectory
from flask import current_app
from sqlalchemy import text

from academy.extensions import db


def head() -> str:
    config = current_app.extensions["migrate"].migrate.get_config()
    (revision,) = ScriptDirectory.from_config(config).get_heads()
    return revision


def stamp_head(revision: str | None = None) -> None:
    """What `academy db upgrade` leaves: the test databases are made by create_all."""
    db.session.remove()
    with db.engine.begin() as connection:
        connection.execute(
            text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
        )
        connection.execute(
            text("INSERT INTO alembic_version VALUES (:revision)"),
            {"revision": revision or head()},
        )


def backup(runner, path, *options):
    db.session.remove()
    return runner.invoke(args=["db", "backup", str(path), *options])


def restore(runner, path, *options):
    db.session.remove()
    return runner.invoke(args=["db", "restore", str(path), *options])


def empty_database() -> None:
    """Delete every row but the schema revision, as a fresh `academy db upgrade` leaves it."""
    db.session.remove()
    with db.engine.begin() as connection:
        for table in reversed(db.metadata.sorted_tables):
            connection.execute(table.delete())

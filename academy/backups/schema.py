"""What a database holds: its Alembic revision, its row counts, and how its revision compares."""

from __future__ import annotations

from alembic.script import ScriptDirectory
from alembic.util import CommandError
from flask import current_app
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

CURRENT = "current"
OLDER = "older"
NEWER = "newer"
MISSING = "missing"


def revision_of(connection: Connection) -> str | None:
    """The database's Alembic revision(s), joined with "+" when it has several heads."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    rows = connection.execute(text("SELECT version_num FROM alembic_version")).scalars()
    return "+".join(sorted(rows)) or None


def row_counts(connection: Connection) -> dict[str, int]:
    """Rows per table, every table of the database's default schema, by name."""
    quote = connection.dialect.identifier_preparer.quote
    return {
        name: connection.execute(text(f"SELECT count(*) FROM {quote(name)}")).scalar_one()  # noqa: S608 - names from the catalogue
        for name in sorted(inspect(connection).get_table_names())
    }


def compare_revision(revision: str | None) -> str:
    """CURRENT, OLDER (restore, then upgrade), NEWER (unknown to this code) or MISSING."""
    if not revision:
        return MISSING
    config = current_app.extensions["migrate"].migrate.get_config()
    script = ScriptDirectory.from_config(config)
    revisions = revision.split("+")
    if set(revisions) == set(script.get_heads()):
        return CURRENT
    for one in revisions:
        try:
            if script.get_revision(one) is None:
                return NEWER
        except CommandError:
            return NEWER
    return OLDER

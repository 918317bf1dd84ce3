"""SQLite: SQLite's online backup API both ways, so the site may keep running."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

from flask_babel import gettext as _
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from academy.backups import BackupError
from academy.backups.schema import revision_of, row_counts

DUMP_NAME = "academy.sqlite3"


def database_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupError(_("An in-memory SQLite database cannot be backed up or restored."))
    return Path(database)


def describe(path: Path) -> tuple[str | None, dict[str, int]]:
    """The file's revision and row counts, read through SQLAlchemy as the app reads."""
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            return revision_of(connection), row_counts(connection)
    finally:
        engine.dispose()


def dump(url: str, destination: Path) -> dict:
    """Copy the live database into destination (one consistent snapshot); its facts."""
    source_path = database_path(url)
    if not source_path.is_file():
        raise BackupError(_("There is no database at %(path)s.", path=source_path))
    # Read-only: a backup never writes to the site's database, nor creates it.
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
    descriptor = os.open(destination, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(descriptor)
    with closing(source), closing(sqlite3.connect(destination)) as target:
        # All pages in one step, under one read transaction: a snapshot that
        # WAL lets the site keep writing beside.
        source.backup(target)
        # One self-contained file, with no -wal beside it.
        target.execute("PRAGMA journal_mode=DELETE")
    revision, counts = describe(destination)
    return {"dump": DUMP_NAME, "alembic_revision": revision, "row_counts": counts}


def check(path: Path) -> tuple[str | None, dict[str, int]]:
    """Refuse a file SQLite finds damaged; its revision and row counts."""
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
            result = connection.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError as error:
        raise BackupError(_("The backup's database is damaged: %(error)s", error=error)) from error
    if result != [("ok",)]:
        problems = "; ".join(row[0] for row in result[:5])
        raise BackupError(_("The backup's database is damaged: %(error)s", error=problems))
    return describe(path)


def current_counts(url: str) -> dict[str, int]:
    path = database_path(url)
    return describe(path)[1] if path.is_file() else {}


def restore(url: str, checked: Path) -> None:
    """Put the checked copy in the database's place.

    No database yet: an atomic rename. Otherwise SQLite's backup API writes
    it into the live file under SQLite's own write lock, so a running server
    sees the old database or the new one, never a mix, and its -wal file
    stays consistent (a rename would leave the old -wal to be replayed onto
    the new file).
    """
    target = database_path(url)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(checked, target)
        return
    try:
        with (
            closing(sqlite3.connect(f"file:{checked}?mode=ro", uri=True)) as source,
            closing(sqlite3.connect(target, timeout=30)) as destination,
        ):
            source.backup(destination)
    except sqlite3.Error as error:
        # The copy is one step under one write lock: on failure the database is unchanged.
        raise BackupError(
            _("The database could not be replaced: %(error)s", error=error)
        ) from error

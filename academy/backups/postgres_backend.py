"""PostgreSQL: pg_dump -Fc and pg_restore, the password passed in the environment."""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
from pathlib import Path

from flask_babel import gettext as _
from sqlalchemy import text
from sqlalchemy.engine import Engine, make_url

from academy.backups import BackupError
from academy.backups.schema import revision_of, row_counts

DUMP_NAME = "academy.pgdump"
# The server waits this long for a lock (a site still serving) before the restore gives up.
LOCK_TIMEOUT = "30s"
# Connection options a URL may carry in its query, and libpq's variables for them.
_QUERY_VARIABLES = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
}


def _environment(url: str) -> dict[str, str]:
    """libpq's variables for url: nothing secret on a command line `ps` shows.

    The rest of the environment stays, as psycopg (also libpq) sees it when
    the app connects: PGSSLMODE, PGPASSFILE and the like keep working.
    """
    parsed = make_url(url)
    pairs = {
        "PGHOST": parsed.host or parsed.query.get("host"),
        "PGPORT": parsed.port,
        "PGUSER": parsed.username,
        "PGPASSWORD": parsed.password,
        "PGDATABASE": parsed.database,
    }
    pairs |= {variable: parsed.query.get(name) for name, variable in _QUERY_VARIABLES.items()}
    return os.environ.copy() | {key: str(value) for key, value in pairs.items() if value}


def _major(tool: str) -> int | None:
    try:
        output = subprocess.run(  # noqa: S603 - a path we found, no shell
            [tool, "--version"], capture_output=True, text=True, timeout=30, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"(\d+)(?:\.\d+)?", output)
    return int(match.group(1)) if match else None


def find_tool(name: str, server_major: int) -> str:
    """The newest `name` on PATH or in /usr/lib/postgresql/*/bin, if not older than the server."""
    candidates = {shutil.which(name), *glob.glob(f"/usr/lib/postgresql/*/bin/{name}")}
    versions = {tool: _major(tool) for tool in candidates if tool}
    found = {tool: major for tool, major in versions.items() if major}
    if not found:
        raise BackupError(
            _(
                "%(tool)s is not installed: install PostgreSQL's client programs "
                "(Debian: postgresql-client-%(version)d).",
                tool=name,
                version=server_major,
            )
        )
    tool, major = max(found.items(), key=lambda item: item[1])
    if major < server_major:
        raise BackupError(
            _(
                "%(tool)s %(tool_version)d cannot work with PostgreSQL server %(version)d: "
                "install postgresql-client-%(version)d.",
                tool=name,
                tool_version=major,
                version=server_major,
            )
        )
    return tool


def _run(command: list[str], url: str) -> None:
    environment = _environment(url) | {"PGOPTIONS": f"-c lock_timeout={LOCK_TIMEOUT}"}
    result = subprocess.run(  # noqa: S603 - our own arguments, no shell
        command, capture_output=True, text=True, env=environment, check=False
    )
    if result.returncode != 0:
        tool = Path(command[0]).name
        raise BackupError(
            _("%(tool)s failed: %(error)s", tool=tool, error=result.stderr.strip()[-2000:])
        )


def _server_major(connection) -> int:
    return int(connection.execute(text("SHOW server_version_num")).scalar_one()) // 10000


def dump(engine: Engine, url: str, destination: Path) -> dict:
    """pg_dump into destination; the counts come from the very snapshot pg_dump reads."""
    options = {"isolation_level": "REPEATABLE READ"}
    with engine.connect().execution_options(**options) as connection, connection.begin():
        snapshot = connection.execute(text("SELECT pg_export_snapshot()")).scalar_one()
        major = _server_major(connection)
        revision, counts = revision_of(connection), row_counts(connection)
        tool = find_tool("pg_dump", major)
        _run(
            [tool, "-Fc", "--no-password", f"--snapshot={snapshot}", "-f", str(destination)],
            url,
        )
    destination.chmod(0o600)
    return {
        "dump": DUMP_NAME,
        "alembic_revision": revision,
        "row_counts": counts,
        "server_version": major,
    }


def current_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return row_counts(connection)


def restore(engine: Engine, url: str, checked: Path) -> None:
    """pg_restore in one transaction: the database is all old or all new."""
    with engine.connect() as connection:
        major = _server_major(connection)
    tool = find_tool("pg_restore", major)
    _run([tool, "--list", str(checked)], url)  # a damaged archive stops here
    database = make_url(url).database
    _run(
        [
            tool,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            "--no-password",
            "-d",
            database,
            str(checked),
        ],
        url,
    )

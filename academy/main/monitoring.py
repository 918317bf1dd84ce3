"""What the operator's monitoring reads: /livez, /readyz and /metrics.

/livez says the process answers (a supervisor restarts it when it does not)
and touches nothing else. /readyz says this server can serve: the database
answers and its schema is the one the code was written for (alembic_version
holds exactly the code's heads); a load balancer or a deployment waits for it.
/healthz (views.py) keeps its old meaning, the database answers, for the
checks that already use it (docs/decisions.md, "Observability").
"""

from __future__ import annotations

from functools import cache

from alembic.config import Config
from alembic.script import ScriptDirectory
from flask import Response, abort, current_app
from sqlalchemy import inspect, text

from academy.extensions import db, limiter
from academy.main import bp
from academy.metrics import exposition, may_read_metrics


@bp.route("/livez")
@limiter.exempt
def livez():
    return {"status": "ok"}


@bp.route("/readyz")
@limiter.exempt
def readyz():
    reason = not_ready_because()
    if reason:
        return {"status": "unavailable", "reason": reason}, 503
    return {"status": "ok", "database": "ok", "migrations": "ok"}


@bp.route("/metrics")
@limiter.exempt
def metrics():
    if not may_read_metrics():
        abort(404)
    body, media_type = exposition()
    return Response(body, headers={"Content-Type": media_type})


@cache
def code_revisions(directory: str) -> tuple[frozenset[str], frozenset[str]]:
    """The heads of the code's migrations, and every revision it knows (read once a process)."""
    config = Config()
    config.set_main_option("script_location", directory)
    script = ScriptDirectory.from_config(config)
    known = frozenset(revision.revision for revision in script.walk_revisions())
    return frozenset(script.get_heads()), known


def not_ready_because() -> str | None:
    """Why this server should get no traffic, or None when it is ready."""
    try:
        with db.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
            revisions = _database_revisions(connection)
    except Exception as error:  # any failure means "down"
        current_app.logger.warning("Not ready: the database is unavailable (%r)", error)
        return "database unavailable"
    if revisions is None:
        return "database not migrated"
    heads, known = code_revisions(current_app.extensions["migrate"].directory)
    if revisions == heads:
        return None
    if revisions - known:
        return "database newer than this code"
    return "migrations pending"


def _database_revisions(connection) -> frozenset[str] | None:
    """The revisions alembic_version holds, None when the table is missing or empty."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    rows = connection.execute(text("SELECT version_num FROM alembic_version")).scalars()
    return frozenset(rows) or None

"""Row triggers written once for SQLite and PostgreSQL, from (name, timing, table, events, body).

The report tables are kept by triggers (report_triggers, report_cell_triggers,
report_taker_triggers); each module says what its triggers do, and this one
says how a trigger is created and dropped on each database: SQLite takes the
statements inline, PostgreSQL a PL/pgSQL function per trigger.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import text

# (name, "AFTER" or "BEFORE", table, events such as "UPDATE OF sex", SQL statements)
Trigger = tuple[str, str, str, str, Sequence[str]]


def create_statements(triggers: Sequence[Trigger], dialect: str) -> list[str]:
    statements = []
    for name, timing, table, events, body in triggers:
        if dialect == "postgresql":
            # A BEFORE row trigger returning NULL would cancel the write.
            done = "RETURN NULL;"
            if timing == "BEFORE":
                done = "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW;"
            statements.append(
                f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$ BEGIN "
                + "; ".join(body)
                + f"; {done} END $$ LANGUAGE plpgsql"
            )
            statements.append(
                f"CREATE TRIGGER {name} {timing} {events} ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {name}()"
            )
        else:
            statements.append(
                f"CREATE TRIGGER {name} {timing} {events} ON {table} FOR EACH ROW BEGIN "
                + "; ".join(body)
                + "; END"
            )
    return statements


def drop_statements(triggers: Sequence[Trigger], dialect: str) -> list[str]:
    if dialect == "postgresql":
        return [f"DROP TRIGGER IF EXISTS {name} ON {table}" for name, _t, table, *_ in triggers]
    return [f"DROP TRIGGER IF EXISTS {name}" for name, *_rest in triggers]


def install(connection, triggers: Sequence[Trigger]) -> None:
    """Create the triggers (again: any of them already there is replaced)."""
    drop(connection, triggers)
    for statement in create_statements(triggers, connection.dialect.name):
        connection.execute(text(statement))


def drop(connection, triggers: Sequence[Trigger]) -> None:
    for statement in drop_statements(triggers, connection.dialect.name):
        connection.execute(text(statement))

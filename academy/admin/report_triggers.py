"""The triggers that keep report_enrolments right, and the statement that fills it from scratch.

Why triggers rather than Python hooks: the inputs change through ORM objects,
Core UPDATEs (attempts are started, submitted and closed that way), foreign
key cascades (a course re-import that drops a lesson or a quiz deletes its
progress and attempts) and account erasure; the lower features must not know
about the reports (import layers). A trigger sees every one of these, in
the writer's own transaction, on SQLite and on PostgreSQL.

Every trigger does the same thing: it recomputes the rows of one person
(their two or three enrolments) from the source rows, so there is one
formula to trust, the one FILL uses for the whole table. The migration
that adds the table, the seeder (which drops the triggers for its bulk load)
and the tests use install(), drop() and FILL from here.
"""

# ruff: noqa: S608 - SQL assembled from this module's constants only, never from input

from __future__ import annotations

from sqlalchemy import event, text

from academy.admin import row_triggers
from academy.extensions import db

COLUMNS = (
    "enrolment_id, user_id, course_id, cohort_id, content_language, enrolled_at, "
    "sex, country, constituent_group, first_active_at, last_active_at, completed_at"
)

# The whole table from the source rows (a migration's backfill, the seeder's load,
# and the tests' reference: the table must always equal this).
SOURCE = """
SELECT e.id, e.user_id, e.course_id, e.cohort_id, e.content_language, e.enrolled_at,
       u.sex, u.country, u.constituent_group, act.first_at, act.last_at, c.completed_at
FROM enrolments AS e
LEFT JOIN users AS u ON u.id = e.user_id
LEFT JOIN course_completions AS c ON c.user_id = e.user_id AND c.course_id = e.course_id
LEFT JOIN (
    SELECT user_id, course_id, min(first_at) AS first_at, max(last_at) AS last_at
    FROM (
        SELECT lc.user_id AS user_id, l.course_id AS course_id,
               min(lc.completed_at) AS first_at, max(lc.completed_at) AS last_at
        FROM lesson_completions AS lc JOIN lessons AS l ON l.id = lc.lesson_id
        GROUP BY lc.user_id, l.course_id
        UNION ALL
        SELECT a.user_id, q.course_id, min(a.started_at), max(a.started_at)
        FROM attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id
        GROUP BY a.user_id, q.course_id
    ) AS each_kind
    GROUP BY user_id, course_id
) AS act ON act.user_id = e.user_id AND act.course_id = e.course_id
"""
FILL = f"INSERT INTO report_enrolments ({COLUMNS}) {SOURCE}"

_R = "report_enrolments"
_LESSONS = (
    "(SELECT {f}(lc.completed_at) FROM lesson_completions AS lc JOIN lessons AS l "
    f"ON l.id = lc.lesson_id WHERE lc.user_id = {_R}.user_id AND l.course_id = {_R}.course_id)"
)
_TRIES = (
    "(SELECT {f}(a.started_at) FROM attempts AS a JOIN quizzes AS q "
    f"ON q.id = a.quiz_id WHERE a.user_id = {_R}.user_id AND q.course_id = {_R}.course_id)"
)


def _both(dialect: str, f: str) -> str:
    """The earlier (min) or later (max) of the two kinds of activity, either possibly NULL."""
    lessons, tries = _LESSONS.format(f=f), _TRIES.format(f=f)
    if dialect == "postgresql":  # LEAST and GREATEST skip NULLs
        return f"{'LEAST' if f == 'min' else 'GREATEST'}({lessons}, {tries})"
    # SQLite's two-argument min/max return NULL if either is NULL.
    return f"{f}(coalesce({lessons}, {tries}), coalesce({tries}, {lessons}))"


def refresh(dialect: str, user: str) -> str:
    """Recompute every row of one person (user is an SQL expression: NEW.user_id...)."""
    person = f"(SELECT u.{{c}} FROM users AS u WHERE u.id = {_R}.user_id)"
    return (
        f"UPDATE {_R} SET "
        f"sex = {person.format(c='sex')}, country = {person.format(c='country')}, "
        f"constituent_group = {person.format(c='constituent_group')}, "
        f"first_active_at = {_both(dialect, 'min')}, last_active_at = {_both(dialect, 'max')}, "
        f"completed_at = (SELECT c.completed_at FROM course_completions AS c "
        f"WHERE c.user_id = {_R}.user_id AND c.course_id = {_R}.course_id) "
        f"WHERE user_id = {user}"
    )


def _insert_new() -> str:
    return (
        f"INSERT INTO {_R} (enrolment_id, user_id, course_id, cohort_id, content_language, "
        "enrolled_at) VALUES (NEW.id, NEW.user_id, NEW.course_id, NEW.cohort_id, "
        "NEW.content_language, NEW.enrolled_at)"
    )


# (trigger name, table, events, what it does with NEW / OLD)
_WATCHED = (
    ("users", "UPDATE OF sex, country, constituent_group", ("NEW.id",)),
    ("lesson_completions", "INSERT", ("NEW.user_id",)),
    ("lesson_completions", "UPDATE", ("OLD.user_id", "NEW.user_id")),
    ("lesson_completions", "DELETE", ("OLD.user_id",)),
    ("attempts", "INSERT", ("NEW.user_id",)),
    ("attempts", "UPDATE OF user_id, quiz_id, started_at", ("OLD.user_id", "NEW.user_id")),
    ("attempts", "DELETE", ("OLD.user_id",)),
    ("course_completions", "INSERT", ("NEW.user_id",)),
    ("course_completions", "UPDATE", ("OLD.user_id", "NEW.user_id")),
    ("course_completions", "DELETE", ("OLD.user_id",)),
)


def _name(table: str, events: str) -> str:
    return f"report_enrolments_{table}_{events.split()[0].lower()}"


def _bodies(dialect: str) -> list[tuple[str, str, str, list[str]]]:
    """(name, table, events, statements) of every trigger."""
    bodies = [
        ("report_enrolments_enrolments_insert", "enrolments", "INSERT",
         [_insert_new(), refresh(dialect, "NEW.user_id")]),
        ("report_enrolments_enrolments_update", "enrolments", "UPDATE",
         [f"DELETE FROM {_R} WHERE enrolment_id = OLD.id", _insert_new(),
          refresh(dialect, "NEW.user_id")]),
        ("report_enrolments_enrolments_delete", "enrolments", "DELETE",
         [f"DELETE FROM {_R} WHERE enrolment_id = OLD.id"]),
    ]  # fmt: skip
    for table, events, users in _WATCHED:
        bodies.append((_name(table, events), table, events, [refresh(dialect, u) for u in users]))
    return bodies


def _row_triggers(dialect: str) -> list[row_triggers.Trigger]:
    return [(name, "AFTER", table, events, body) for name, table, events, body in _bodies(dialect)]


def install(connection) -> None:
    row_triggers.install(connection, _row_triggers(connection.dialect.name))


def drop(connection) -> None:
    row_triggers.drop(connection, _row_triggers(connection.dialect.name))


def rebuild(connection) -> None:
    """Fill report_enrolments again from the source rows (after a load without triggers)."""
    connection.execute(text(f"DELETE FROM {_R}"))
    connection.execute(text(FILL))


@event.listens_for(db.metadata, "after_create")
def _after_create(_metadata, connection, **_kw) -> None:
    """create_all (tests, a new site without migrations) gets the triggers too."""
    install(connection)

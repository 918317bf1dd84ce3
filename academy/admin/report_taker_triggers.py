"""The triggers that keep report_quiz_takers right, and the statement that fills it.

A change to a person's attempts at a quiz (started, submitted, closed,
deleted, by a cascade too) recomputes that person's rows for that quiz from
the attempts, with the formula the backfill uses for the whole table; a
profile edit or an erased account rewrites the person's attributes, and an
enrolment made, moved or deleted rewrites the cohort key of the person's
rows in its course. Why
triggers: academy.admin.report_triggers.
"""

# ruff: noqa: S608 - SQL assembled from this module's constants only, never from input

from __future__ import annotations

from sqlalchemy import event, text

from academy.admin import row_triggers
from academy.extensions import db

COLUMNS = (
    "user_id, quiz_id, language, course_id, sex, country, constituent_group, "
    "first_at, last_at, span_class, months, attempts, scored, score_sum, passes, cohort"
)

# The cohort key of a person's attempts at a quiz: their enrolment in its course
# (report_facts.SELF_PACED, NOT_ENROLLED); the row e is that enrolment or NULL.
COHORT_KEY = "CASE WHEN e.id IS NULL THEN -1 ELSE coalesce(e.cohort_id, 0) END"
_ENROLMENT = "LEFT JOIN enrolments AS e ON e.user_id = a.user_id AND e.course_id = q.course_id "


def _span(dialect: str) -> str:
    """0: all submissions within a day, 1: within 31 days, 2: longer (report_facts.SPAN_LIMITS)."""
    if dialect == "postgresql":
        days = "EXTRACT(EPOCH FROM (max(a.submitted_at) - min(a.submitted_at))) / 86400.0"
    else:
        days = "julianday(max(a.submitted_at)) - julianday(min(a.submitted_at))"
    return f"CASE WHEN {days} < 1 THEN 0 WHEN {days} < 31 THEN 1 ELSE 2 END"


def month_of(dialect: str, column: str) -> str:
    """The first day of the UTC calendar month of a moment."""
    if dialect == "postgresql":
        return f"CAST(date_trunc('month', {column} AT TIME ZONE 'UTC') AS DATE)"
    return f"date({column}, 'start of month')"


def _pair_months(dialect: str) -> str:
    """1 if the person's submissions at the quiz, in every language, share a month, else 2."""
    return (
        f"(SELECT CASE WHEN min({month_of(dialect, 'b.submitted_at')}) = "
        f"max({month_of(dialect, 'b.submitted_at')}) THEN 1 ELSE 2 END "
        "FROM attempts AS b WHERE b.user_id = a.user_id AND b.quiz_id = a.quiz_id "
        "AND b.state = 'submitted' AND b.submitted_at IS NOT NULL)"
    )


def source(dialect: str, where: str = "1 = 1") -> str:
    """The rows of the submitted attempts matching where."""
    return (
        "SELECT a.user_id, a.quiz_id, a.language, q.course_id, u.sex, u.country, "
        "u.constituent_group, min(a.submitted_at), max(a.submitted_at), "
        f"{_span(dialect)}, {_pair_months(dialect)}, count(*), count(a.score_percent), "
        "coalesce(sum(a.score_percent), 0), sum(CASE WHEN a.passed THEN 1 ELSE 0 END), "
        f"{COHORT_KEY} FROM attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id "
        f"LEFT JOIN users AS u ON u.id = a.user_id {_ENROLMENT}"
        f"WHERE a.state = 'submitted' AND a.submitted_at IS NOT NULL AND {where} "
        "GROUP BY a.user_id, a.quiz_id, a.language, q.course_id, u.sex, u.country, "
        f"u.constituent_group, {COHORT_KEY}"
    )


def fill(dialect: str) -> str:
    return f"INSERT INTO report_quiz_takers ({COLUMNS}) {source(dialect)}"


def _refresh(dialect: str, row: str) -> list[str]:
    pair = f"user_id = {row}.user_id AND quiz_id = {row}.quiz_id"
    return [
        f"DELETE FROM report_quiz_takers WHERE {pair}",
        f"INSERT INTO report_quiz_takers ({COLUMNS}) "
        + source(dialect, f"a.user_id = {row}.user_id AND a.quiz_id = {row}.quiz_id"),
    ]


def _cohort(row: str) -> str:
    """Set the cohort key of one enrolment's person in its course (an enrolment made,
    moved to another cohort, or deleted)."""
    r = "report_quiz_takers"
    return (
        f"UPDATE {r} SET cohort = coalesce((SELECT coalesce(e.cohort_id, 0) "
        f"FROM enrolments AS e WHERE e.user_id = {r}.user_id AND e.course_id = {r}.course_id), -1) "
        f"WHERE user_id = {row}.user_id AND course_id = {row}.course_id"
    )


def _bodies(dialect: str) -> list[tuple[str, str, str, list[str]]]:
    return [
        ("report_takers_users", "users", "UPDATE OF sex, country, constituent_group", [
            "UPDATE report_quiz_takers SET sex = NEW.sex, country = NEW.country, "
            "constituent_group = NEW.constituent_group WHERE user_id = NEW.id"
        ]),
        ("report_takers_attempts_insert", "attempts", "INSERT", _refresh(dialect, "NEW")),
        ("report_takers_attempts_update", "attempts",
         "UPDATE OF state, submitted_at, score_percent, passed, language",
         _refresh(dialect, "OLD")),
        ("report_takers_attempts_delete", "attempts", "DELETE", _refresh(dialect, "OLD")),
        ("report_takers_enrolments_insert", "enrolments", "INSERT", [_cohort("NEW")]),
        ("report_takers_enrolments_update", "enrolments", ENROLMENT_CHANGES,
         [_cohort("OLD"), _cohort("NEW")]),
        ("report_takers_enrolments_delete", "enrolments", "DELETE", [_cohort("OLD")]),
    ]  # fmt: skip


# What moves a person's attempts to another cohort key.
ENROLMENT_CHANGES = "UPDATE OF user_id, course_id, cohort_id"


def _row_triggers(dialect: str) -> list[row_triggers.Trigger]:
    return [(name, "AFTER", table, events, body) for name, table, events, body in _bodies(dialect)]


def install(connection) -> None:
    row_triggers.install(connection, _row_triggers(connection.dialect.name))


def drop(connection) -> None:
    row_triggers.drop(connection, _row_triggers(connection.dialect.name))


def rebuild(connection) -> None:
    """Fill report_quiz_takers again from the attempts (after a load without triggers)."""
    connection.execute(text("DELETE FROM report_quiz_takers"))
    connection.execute(text(fill(connection.dialect.name)))


@event.listens_for(db.metadata, "after_create")
def _after_create(_metadata, connection, **_kw) -> None:
    install(connection)

"""The triggers that keep report_question_groups right, and the statement that fills it.

The same scheme as the question cells (academy.admin.report_cell_triggers):
one formula, CONTRIBUTION, adds (or, negated, takes away) what some question
outcomes put in the rows; a BEFORE trigger takes one person's contribution
to a quiz (or to a course's quizzes) away and the AFTER trigger adds it back,
so the rows move with any insert, update or delete. Besides the cells'
triggers (outcomes, attempts deleted, a profile edited, a quiz deleted), an
enrolment made, moved to another cohort or deleted moves the person's
answers in its course to their new cohort key. Every upsert writes its rows
in key order, so concurrent submissions on PostgreSQL lock shared rows in
the same order and wait rather than deadlock.
"""

# ruff: noqa: S608 - SQL assembled from this module's constants only, never from input

from __future__ import annotations

from sqlalchemy import event, text

from academy.admin import row_triggers
from academy.admin.report_taker_triggers import ENROLMENT_CHANGES
from academy.extensions import db

_G = "report_question_groups"
_KINDS = (
    "CROSS JOIN (SELECT 'sex' AS kind UNION ALL SELECT 'country' "
    "UNION ALL SELECT 'constituent_group') AS k"
)
_PERSON = ("u.sex", "u.country", "u.constituent_group")
# The outcome's cohort key (report_facts.SELF_PACED, NOT_ENROLLED) from its person's enrolment.
_COHORT = "CASE WHEN e.id IS NULL THEN -1 ELSE coalesce(e.cohort_id, 0) END"
_KEY = "kind, month, quiz_id, question_id, value, language, cohort"


def _value(person: tuple[str, str, str]) -> str:
    sex, country, group = person
    return (
        f"coalesce(CASE k.kind WHEN 'sex' THEN {sex} WHEN 'country' THEN {country} "
        f"ELSE {group} END, '')"
    )


def _month(dialect: str) -> str:
    if dialect == "postgresql":
        return "CAST(date_trunc('month', o.submitted_on) AS DATE)"
    return "date(o.submitted_on, 'start of month')"


def contribution(dialect: str, sign: str, where: str, person=_PERSON) -> str:
    """Upsert what the outcomes matching where put in the rows; sign "" adds, "-" takes away."""
    users = "LEFT JOIN users AS u ON u.id = a.user_id " if person == _PERSON else ""
    return (
        f"INSERT INTO {_G} ({_KEY}, answers, correct) "
        f"SELECT k.kind, {_month(dialect)}, o.quiz_id, o.question_id, {_value(person)}, "
        f"o.language, {_COHORT}, {sign}count(*), "
        f"{sign}sum(CASE WHEN o.correct THEN 1 ELSE 0 END) "
        "FROM question_outcomes AS o JOIN attempts AS a ON a.id = o.attempt_id "
        "JOIN quizzes AS qz ON qz.id = o.quiz_id "
        "LEFT JOIN enrolments AS e ON e.user_id = a.user_id AND e.course_id = qz.course_id "
        f"{users}{_KINDS} WHERE {where} "
        "GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7 "
        f"ON CONFLICT ({_KEY}) DO UPDATE SET "
        f"answers = {_G}.answers + excluded.answers, correct = {_G}.correct + excluded.correct"
    )


def fill(dialect: str) -> str:
    return contribution(dialect, "", "1 = 1")


def _pair(row: str) -> str:
    return f"a.user_id = {row}.user_id AND o.quiz_id = {row}.quiz_id"


def _outcome_pair(row: str) -> str:
    return (
        f"a.user_id = (SELECT t.user_id FROM attempts AS t WHERE t.id = {row}.attempt_id) "
        f"AND o.quiz_id = {row}.quiz_id"
    )


def _in_course(row: str) -> str:
    """The outcomes of an enrolment's person at its course's quizzes."""
    return f"a.user_id = {row}.user_id AND qz.course_id = {row}.course_id"


def _person(row: str) -> tuple[str, str, str]:
    return (f"{row}.sex", f"{row}.country", f"{row}.constituent_group")


def _triggers(dialect: str) -> tuple:
    """(name, timing, table, events, statements); a BEFORE takes away, the AFTER adds back."""
    d = dialect
    moved = f"({_in_course('OLD')}) OR ({_in_course('NEW')})"  # each answer once
    return (
        ("report_groups_users", "AFTER", "users", "UPDATE OF sex, country, constituent_group", [
            contribution(d, "-", "a.user_id = NEW.id", _person("OLD")),
            contribution(d, "", "a.user_id = NEW.id", _person("NEW")),
        ]),
        ("report_groups_attempts_delete_before", "BEFORE", "attempts", "DELETE",
         [contribution(d, "-", _pair("OLD"))]),
        ("report_groups_attempts_delete_after", "AFTER", "attempts", "DELETE",
         [contribution(d, "", _pair("OLD"))]),
        ("report_groups_outcomes_insert_before", "BEFORE", "question_outcomes", "INSERT",
         [contribution(d, "-", _outcome_pair("NEW"))]),
        ("report_groups_outcomes_insert_after", "AFTER", "question_outcomes", "INSERT",
         [contribution(d, "", _outcome_pair("NEW"))]),
        ("report_groups_outcomes_delete_before", "BEFORE", "question_outcomes", "DELETE",
         [contribution(d, "-", _outcome_pair("OLD"))]),
        ("report_groups_outcomes_delete_after", "AFTER", "question_outcomes", "DELETE",
         [contribution(d, "", _outcome_pair("OLD"))]),
        ("report_groups_enrolments_insert_before", "BEFORE", "enrolments", "INSERT",
         [contribution(d, "-", _in_course("NEW"))]),
        ("report_groups_enrolments_insert_after", "AFTER", "enrolments", "INSERT",
         [contribution(d, "", _in_course("NEW"))]),
        ("report_groups_enrolments_update_before", "BEFORE", "enrolments", ENROLMENT_CHANGES,
         [contribution(d, "-", moved)]),
        ("report_groups_enrolments_update_after", "AFTER", "enrolments", ENROLMENT_CHANGES,
         [contribution(d, "", moved)]),
        ("report_groups_enrolments_delete_before", "BEFORE", "enrolments", "DELETE",
         [contribution(d, "-", _in_course("OLD"))]),
        ("report_groups_enrolments_delete_after", "AFTER", "enrolments", "DELETE",
         [contribution(d, "", _in_course("OLD"))]),
        ("report_groups_quizzes_delete", "AFTER", "quizzes", "DELETE",
         [f"DELETE FROM {_G} WHERE quiz_id = OLD.id"]),
    )  # fmt: skip


def install(connection) -> None:
    row_triggers.install(connection, _triggers(connection.dialect.name))


def drop(connection) -> None:
    row_triggers.drop(connection, _triggers(connection.dialect.name))


def rebuild(connection) -> None:
    """Fill the rows again from the outcomes (after a load without triggers)."""
    connection.execute(text(f"DELETE FROM {_G}"))
    connection.execute(text(fill(connection.dialect.name)))


@event.listens_for(db.metadata, "after_create")
def _after_create(_metadata, connection, **_kw) -> None:
    install(connection)

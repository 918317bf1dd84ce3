"""The triggers that keep the quiz and question cells right, and the statements that fill them.

One formula per table, CONTRIBUTION, adds (or, negated, takes away) what
some attempts put in the cells: the whole table for the backfill and the
seeder, one person's attempts at one quiz in the triggers. A trigger takes
the person's contribution away before the row changes and adds it back
after, so the cells move with any insert, update or delete (and their
learners, a distinct count, stay exact: one person's contribution counts
them once). A profile edit or an erased account moves the person's
contribution from the old values to the new. Cells of a deleted quiz are
deleted with it; a cascade from it changes nothing else (the guards on
quizzes). Why triggers at all: academy.admin.report_triggers. Every upsert writes
its cells in key order, so two transactions touching the same cells on
PostgreSQL lock them in the same order and wait rather than deadlock.
"""

# ruff: noqa: S608 - SQL assembled from this module's constants only, never from input

from __future__ import annotations

from sqlalchemy import event, text

from academy.admin import row_triggers
from academy.extensions import db

_FAN = (
    "CROSS JOIN (SELECT 1 AS n UNION ALL SELECT 2) AS l "
    "CROSS JOIN (SELECT 'sex' AS kind UNION ALL SELECT 'country' "
    "UNION ALL SELECT 'constituent_group') AS k"
)
_PERSON = ("u.sex", "u.country", "u.constituent_group")


def _value(person: tuple[str, str, str]) -> str:
    sex, country, group = person
    return (
        f"coalesce(CASE k.kind WHEN 'sex' THEN {sex} WHEN 'country' THEN {country} "
        f"ELSE {group} END, '')"
    )


def _language(column: str) -> str:
    return f"CASE WHEN l.n = 1 THEN {column} ELSE '*' END"


def quiz_contribution(sign: str, where: str, person=_PERSON) -> str:
    """Upsert what the submitted attempts matching where put in report_quiz_cells.

    sign is "" to add, "-" to take away.
    """
    users = "LEFT JOIN users AS u ON u.id = a.user_id " if person == _PERSON else ""
    return (
        "INSERT INTO report_quiz_cells "
        "(quiz_id, language, kind, value, attempts, scored, score_sum, passes, learners) "
        f"SELECT a.quiz_id, {_language('a.language')}, k.kind, {_value(person)}, "
        f"{sign}count(*), {sign}count(a.score_percent), {sign}coalesce(sum(a.score_percent), 0), "
        f"{sign}sum(CASE WHEN a.passed THEN 1 ELSE 0 END), {sign}count(DISTINCT a.user_id) "
        f"FROM attempts AS a {users}{_FAN} "
        f"WHERE a.state = 'submitted' AND {where} "
        "AND EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id = a.quiz_id) "
        "GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 "
        "ON CONFLICT (quiz_id, language, kind, value) DO UPDATE SET "
        "attempts = report_quiz_cells.attempts + excluded.attempts, "
        "scored = report_quiz_cells.scored + excluded.scored, "
        "score_sum = report_quiz_cells.score_sum + excluded.score_sum, "
        "passes = report_quiz_cells.passes + excluded.passes, "
        "learners = report_quiz_cells.learners + excluded.learners"
    )


def question_contribution(sign: str, where: str, person=_PERSON) -> str:
    """Upsert what the question outcomes matching where put in report_question_cells."""
    users = "LEFT JOIN users AS u ON u.id = a.user_id " if person == _PERSON else ""
    return (
        "INSERT INTO report_question_cells "
        "(quiz_id, question_id, language, kind, value, answers, correct) "
        f"SELECT o.quiz_id, o.question_id, {_language('o.language')}, k.kind, {_value(person)}, "
        f"{sign}count(*), {sign}sum(CASE WHEN o.correct THEN 1 ELSE 0 END) "
        f"FROM question_outcomes AS o JOIN attempts AS a ON a.id = o.attempt_id {users}{_FAN} "
        f"WHERE {where} AND EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id = o.quiz_id) "
        "GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5 "
        "ON CONFLICT (quiz_id, question_id, language, kind, value) DO UPDATE SET "
        "answers = report_question_cells.answers + excluded.answers, "
        "correct = report_question_cells.correct + excluded.correct"
    )


def _month(dialect: str) -> str:
    if dialect == "postgresql":
        return "CAST(date_trunc('month', o.submitted_on) AS DATE)"
    return "date(o.submitted_on, 'start of month')"


def month_of(dialect: str, column: str) -> str:
    """The first day of the UTC calendar month of a moment."""
    if dialect == "postgresql":
        return f"CAST(date_trunc('month', {column} AT TIME ZONE 'UTC') AS DATE)"
    return f"date({column}, 'start of month')"


def month_contribution(dialect: str, sign: str, where: str, sex: str = "u.sex") -> str:
    """Upsert what the question outcomes matching where put in report_question_months."""
    users = "LEFT JOIN users AS u ON u.id = a.user_id " if sex == "u.sex" else ""
    return (
        "INSERT INTO report_question_months "
        "(quiz_id, question_id, language, month, sex, answers, correct) "
        f"SELECT o.quiz_id, o.question_id, o.language, {_month(dialect)}, coalesce({sex}, ''), "
        f"{sign}count(*), {sign}sum(CASE WHEN o.correct THEN 1 ELSE 0 END) "
        f"FROM question_outcomes AS o JOIN attempts AS a ON a.id = o.attempt_id {users}"
        f"WHERE {where} AND EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id = o.quiz_id) "
        "GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5 "
        "ON CONFLICT (quiz_id, question_id, language, month, sex) DO UPDATE SET "
        "answers = report_question_months.answers + excluded.answers, "
        "correct = report_question_months.correct + excluded.correct"
    )


_QUIZ_MONTH_UPSERT = (
    "ON CONFLICT (quiz_id, language, month, sex) DO UPDATE SET "
    "attempts = report_quiz_months.attempts + excluded.attempts, "
    "scored = report_quiz_months.scored + excluded.scored, "
    "score_sum = report_quiz_months.score_sum + excluded.score_sum, "
    "passes = report_quiz_months.passes + excluded.passes, "
    "single_learners = report_quiz_months.single_learners + excluded.single_learners"
)
_QUIZ_MONTH_COLUMNS = (
    "INSERT INTO report_quiz_months "
    "(quiz_id, language, month, sex, attempts, scored, score_sum, passes, single_learners) "
)


def quiz_month_contribution(dialect: str, sign: str, where: str, sex: str = "u.sex") -> list[str]:
    """Upserts of the attempts matching where into report_quiz_months: sums, then learners."""
    users = "LEFT JOIN users AS u ON u.id = a.user_id " if sex == "u.sex" else ""
    month = month_of(dialect, "a.submitted_at")
    submitted = "a.state = 'submitted' AND a.submitted_at IS NOT NULL"
    quiz = "EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id = a.quiz_id)"
    sums = (
        f"{_QUIZ_MONTH_COLUMNS}SELECT a.quiz_id, {_language('a.language')}, {month}, "
        f"coalesce({sex}, ''), {sign}count(*), {sign}count(a.score_percent), "
        f"{sign}coalesce(sum(a.score_percent), 0), "
        f"{sign}sum(CASE WHEN a.passed THEN 1 ELSE 0 END), 0 "
        f"FROM attempts AS a {users}CROSS JOIN (SELECT 1 AS n UNION ALL SELECT 2) AS l "
        f"WHERE {submitted} AND {where} AND {quiz} "
        f"GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 {_QUIZ_MONTH_UPSERT}"
    )
    # The people whose submissions at the quiz all fall in one month (any language).
    single = (
        f"SELECT a.user_id, a.quiz_id, min({month}) AS month FROM attempts AS a "
        f"WHERE {submitted} AND {where} GROUP BY a.user_id, a.quiz_id "
        f"HAVING min({month}) = max({month})"
    )
    learners = (
        f"{_QUIZ_MONTH_COLUMNS}SELECT a.quiz_id, {_language('a.language')}, pm.month, "
        f"coalesce({sex}, ''), 0, 0, 0, 0, {sign}count(DISTINCT a.user_id) "
        f"FROM attempts AS a JOIN ({single}) AS pm "
        "ON pm.user_id = a.user_id AND pm.quiz_id = a.quiz_id "
        f"{users}CROSS JOIN (SELECT 1 AS n UNION ALL SELECT 2) AS l "
        f"WHERE {submitted} AND {quiz} GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 {_QUIZ_MONTH_UPSERT}"
    )
    return [sums, learners]


def fill(dialect: str) -> tuple[str, ...]:
    return (
        quiz_contribution("", "1 = 1"),
        question_contribution("", "1 = 1"),
        month_contribution(dialect, "", "1 = 1"),
        *quiz_month_contribution(dialect, "", "1 = 1"),
    )


def _quizzes(dialect: str, sign: str, where: str) -> list[str]:
    """Both quiz tables' contribution of the attempts matching where."""
    return [quiz_contribution(sign, where), *quiz_month_contribution(dialect, sign, where)]


def _questions(dialect: str, sign: str, where: str, row: str | None = None) -> list[str]:
    """Both question tables' contribution (row: OLD or NEW of users, else the joined user)."""
    if row is None:
        return [question_contribution(sign, where), month_contribution(dialect, sign, where)]
    return [
        question_contribution(sign, where, _person(row)),
        month_contribution(dialect, sign, where, f"{row}.sex"),
    ]


def _pair(row: str) -> str:
    return f"a.user_id = {row}.user_id AND a.quiz_id = {row}.quiz_id"


def _outcome_pair(row: str) -> str:
    return (
        f"a.user_id = (SELECT t.user_id FROM attempts AS t WHERE t.id = {row}.attempt_id) "
        f"AND o.quiz_id = {row}.quiz_id"
    )


def _person(row: str) -> tuple[str, str, str]:
    return (f"{row}.sex", f"{row}.country", f"{row}.constituent_group")


_ATTEMPT_CHANGES = "UPDATE OF state, submitted_at, score_percent, passed, language"


def _triggers(dialect: str) -> tuple:
    """(name, timing, table, events, statements); a BEFORE takes away, the AFTER adds back."""
    d = dialect
    return (
        ("report_cells_users", "AFTER", "users", "UPDATE OF sex, country, constituent_group", [
            quiz_contribution("-", "a.user_id = NEW.id", _person("OLD")),
            quiz_contribution("", "a.user_id = NEW.id", _person("NEW")),
            *quiz_month_contribution(d, "-", "a.user_id = NEW.id", "OLD.sex"),
            *quiz_month_contribution(d, "", "a.user_id = NEW.id", "NEW.sex"),
            *_questions(d, "-", "a.user_id = NEW.id", "OLD"),
            *_questions(d, "", "a.user_id = NEW.id", "NEW"),
        ]),
        ("report_cells_attempts_insert_before", "BEFORE", "attempts", "INSERT",
         [*_quizzes(d, "-", _pair("NEW"))]),
        ("report_cells_attempts_insert_after", "AFTER", "attempts", "INSERT",
         [*_quizzes(d, "", _pair("NEW"))]),
        ("report_cells_attempts_update_before", "BEFORE", "attempts", _ATTEMPT_CHANGES,
         [*_quizzes(d, "-", _pair("OLD"))]),
        ("report_cells_attempts_update_after", "AFTER", "attempts", _ATTEMPT_CHANGES,
         [*_quizzes(d, "", _pair("OLD"))]),
        ("report_cells_attempts_delete_before", "BEFORE", "attempts", "DELETE",
         [*_quizzes(d, "-", _pair("OLD")), *_questions(d, "-", _pair("OLD"))]),
        ("report_cells_attempts_delete_after", "AFTER", "attempts", "DELETE",
         [*_quizzes(d, "", _pair("OLD")), *_questions(d, "", _pair("OLD"))]),
        ("report_cells_outcomes_insert_before", "BEFORE", "question_outcomes", "INSERT",
         _questions(d, "-", _outcome_pair("NEW"))),
        ("report_cells_outcomes_insert_after", "AFTER", "question_outcomes", "INSERT",
         _questions(d, "", _outcome_pair("NEW"))),
        ("report_cells_outcomes_delete_before", "BEFORE", "question_outcomes", "DELETE",
         _questions(d, "-", _outcome_pair("OLD"))),
        ("report_cells_outcomes_delete_after", "AFTER", "question_outcomes", "DELETE",
         _questions(d, "", _outcome_pair("OLD"))),
        ("report_cells_quizzes_delete", "AFTER", "quizzes", "DELETE", [
            "DELETE FROM report_quiz_cells WHERE quiz_id = OLD.id",
            "DELETE FROM report_question_cells WHERE quiz_id = OLD.id",
            "DELETE FROM report_question_months WHERE quiz_id = OLD.id",
            "DELETE FROM report_quiz_months WHERE quiz_id = OLD.id",
        ]),
    )  # fmt: skip


def install(connection) -> None:
    row_triggers.install(connection, _triggers(connection.dialect.name))


def drop(connection) -> None:
    row_triggers.drop(connection, _triggers(connection.dialect.name))


def rebuild(connection) -> None:
    """Fill the cells again from the source rows (after a load without triggers)."""
    connection.execute(text("DELETE FROM report_quiz_cells"))
    connection.execute(text("DELETE FROM report_question_cells"))
    connection.execute(text("DELETE FROM report_question_months"))
    connection.execute(text("DELETE FROM report_quiz_months"))
    for statement in fill(connection.dialect.name):
        connection.execute(text(statement))


@event.listens_for(db.metadata, "after_create")
def _after_create(_metadata, connection, **_kw) -> None:
    install(connection)

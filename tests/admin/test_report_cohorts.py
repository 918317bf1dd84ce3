"""Quiz and question results by cohort and in a trainer's scope: kept rows equal the raw rows.

Random sequences of writes (seeded: enrolments made, moved between cohorts
and deleted, attempts submitted and deleted, profiles edited, accounts
erased, people answering without an enrolment) must leave
report_question_groups and report_quiz_takers equal to their formulas over
the rows, and every quiz and question report with a cohort, a trainer's
scope or an attribute over a date range equal to the same report counted
from the attempts and outcomes.
"""

# ruff: noqa: S608 - the statements are the modules' fixed SQL

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import delete, select, text, update

from academy.account.services import delete_account
from academy.admin import (
    report_cells,
    report_group_triggers,
    report_months,
    report_queries,
    report_question_groups,
    report_taker_triggers,
    report_takers,
)
from academy.admin.report_groups import BREAKDOWNS, Filters
from academy.auth.models import User
from academy.courses.models import Quiz
from academy.extensions import db
from academy.learning.models import Cohort, Enrolment
from academy.quizzes import attempts
from academy.quizzes.models import Attempt
from tests.factories import make_user

pytestmark = pytest.mark.database
PEOPLE = (
    {"sex": "woman", "country": "SN", "constituent_group": "workers"},
    {"sex": "man", "country": "KE", "constituent_group": "employers"},
    {"sex": None, "country": None, "constituent_group": None},
    {"sex": "woman", "country": "FR", "constituent_group": "sse_entity"},
)


def _grade(rng: random.Random):
    def grade(responses: dict, late: bool) -> dict:
        right = [rng.random() < 0.6 for _ in range(3)]
        return {
            "score_percent": 100.0 * sum(right) / 3,
            "passed": all(right),
            "results": {
                "results": [
                    {"question_id": f"q{n}", "correct": ok} for n, ok in enumerate(right, 1)
                ]
            },
        }

    return grade


def _groups() -> list[tuple]:
    statement = text(
        "SELECT kind, month, quiz_id, question_id, value, language, cohort, answers, correct "
        "FROM report_question_groups WHERE answers <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7"
    )
    return [tuple(row) for row in db.session.execute(statement)]


def _rounded(statement) -> list[tuple]:
    return [
        tuple(round(v, 9) if isinstance(v, float) else v for v in row)
        for row in db.session.execute(statement)
    ]


def _same() -> None:
    """The kept rows equal a rebuild from the source rows (in a savepoint, then undone)."""
    db.session.flush()
    columns = report_taker_triggers.COLUMNS
    takers = text(f"SELECT {columns} FROM report_quiz_takers ORDER BY 1, 2, 3")
    source = report_taker_triggers.source(db.engine.dialect.name)
    formula = text(f"SELECT * FROM ({source}) AS s ORDER BY 1, 2, 3")
    assert _rounded(takers) == _rounded(formula)  # sums of scores in another order
    kept = _groups()
    with db.session.begin_nested() as savepoint:
        report_group_triggers.rebuild(db.session.connection())
        assert _groups() == kept
        savepoint.rollback()


@pytest.fixture
def world(sample_course):
    quiz = Quiz(
        course_id=sample_course.id, slug="cohort-check", module_slug="getting-started",
        position=9, definition={"max_attempts": 99, "time_limit_minutes": 10, "pass_mark": 70},
        content_hash="x",
    )  # fmt: skip
    cohorts = [
        Cohort(course_id=sample_course.id, name=f"Run {n}", content_language="en") for n in (1, 2)
    ]
    db.session.add_all([quiz, *cohorts])
    db.session.commit()
    return sample_course, quiz, [cohort.id for cohort in cohorts]


def _enrolment(user_id: int, course_id: int) -> Enrolment | None:
    return db.session.scalar(
        select(Enrolment).where(Enrolment.user_id == user_id, Enrolment.course_id == course_id)
    )


def _step(rng: random.Random, course, quiz, cohorts: list[int], people: list[int]) -> None:
    """One random write of the kinds the reports' inputs see."""
    person = rng.choice(people)
    enrolment = _enrolment(person, course.id)
    action = rng.choice(("enrol", "move", "unenrol", "submit", "submit", "submit", "drop", "edit"))
    if action == "enrol" and enrolment is None:
        db.session.add(
            Enrolment(user_id=person, course_id=course.id, content_language="en",
                      cohort_id=rng.choice([None, *cohorts]))
        )  # fmt: skip
    elif action == "move" and enrolment is not None:
        new = rng.choice([None, *cohorts])
        db.session.execute(
            update(Enrolment).where(Enrolment.id == enrolment.id).values(cohort_id=new)
        )
    elif action == "unenrol" and enrolment is not None:
        db.session.execute(delete(Enrolment).where(Enrolment.id == enrolment.id))
    elif action == "drop":
        first = db.session.scalar(select(Attempt.id).where(Attempt.user_id == person).limit(1))
        if first is not None:
            db.session.execute(delete(Attempt).where(Attempt.id == first))
    elif action == "edit":
        user = db.session.get(User, person)
        user.country = rng.choice(["SN", "KE", None, "BR"])
    else:
        language = rng.choice(("en", "fr"))
        attempt = attempts.start_attempt(person, quiz, language)
        assert attempts.submit_attempt(attempt, {}, _grade(rng))
    db.session.flush()


def _from_rows(monkeypatch, report, filters: Filters, by):
    with monkeypatch.context() as patch:
        patch.setattr(report_cells, "answers_all_time", lambda _filters: False)
        patch.setattr(report_takers, "answers", lambda _filters: False)
        patch.setattr(report_months, "answers_dated", lambda _filters, _by: False)
        patch.setattr(report_question_groups, "answers", lambda _filters, _by: False)
        return report(filters, by)


def _approx(rows: list[dict]) -> list[dict]:
    return [
        {k: pytest.approx(v) if isinstance(v, float) else v for k, v in r.items()} for r in rows
    ]


def _filters(course_id: int, cohorts: list[int]) -> list[Filters]:
    today = datetime.now(UTC).date()
    month = today.replace(day=1)
    return [
        Filters(cohort_id=cohorts[0]),
        Filters(cohort_id=cohorts[1], language="fr"),
        Filters(course_ids=(course_id,), cohort_ids=()),
        Filters(course_ids=(), cohort_ids=(cohorts[0],)),
        Filters(course_ids=(99999,), cohort_ids=tuple(cohorts), course_slug="sample-course"),
        Filters(cohort_id=cohorts[0], start=month),  # whole months
        Filters(course_ids=(), cohort_ids=(cohorts[1],), start=today, end=today),  # cut days
        Filters(start=month, end=today + timedelta(days=40)),  # by attributes over a range
        Filters(start=today - timedelta(days=1), language="en"),
    ]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_writes_keep_the_rows_and_the_reports_exact(world, monkeypatch, seed):
    course, quiz, cohorts = world
    rng = random.Random(seed)
    people = [make_user(**rng.choice(PEOPLE)).id for _ in range(6)]
    for step in range(60):
        _step(rng, course, quiz, cohorts, people)
        if step % 10 == 9:
            _same()
    delete_account(db.session.get(User, people[0]))  # an erased account keeps counting
    _same()
    seen = 0
    for filters in _filters(course.id, cohorts):
        for by in (None, *BREAKDOWNS):
            for report in (report_queries.quiz_results, report_queries.question_results):
                kept = report(filters, by)
                assert kept == _approx(_from_rows(monkeypatch, report, filters, by)), (
                    report.__name__,
                    filters,
                    by,
                )
                seen += bool(kept)
    assert seen > 25  # most filters find something


def test_a_learner_moved_to_another_cohort_moves_their_answers(world):
    course, quiz, cohorts = world
    learner = make_user(sex="woman", country="SN")
    db.session.add(Enrolment(user_id=learner.id, course_id=course.id, content_language="en",
                             cohort_id=cohorts[0]))  # fmt: skip
    db.session.flush()
    attempt = attempts.start_attempt(learner.id, quiz, "en")
    assert attempts.submit_attempt(attempt, {}, _grade(random.Random(4)))
    _same()
    first = report_queries.question_results(Filters(cohort_id=cohorts[0]))
    assert [row["answers"] for row in first if row["quiz"] == "cohort-check"] == [1, 1, 1]
    enrolment = _enrolment(learner.id, course.id)
    enrolment.cohort_id = cohorts[1]
    _same()
    assert report_queries.question_results(Filters(cohort_id=cohorts[0])) == []
    moved = report_queries.quiz_results(Filters(cohort_id=cohorts[1]))
    assert [(row["quiz"], row["attempts"], row["learners"]) for row in moved] == [
        ("cohort-check", 1, 1)
    ]
    db.session.delete(enrolment)
    _same()
    # Not enrolled: outside every cohort and scope, still in the totals.
    assert report_queries.quiz_results(Filters(course_ids=(course.id,), cohort_ids=())) == []
    [total] = report_queries.quiz_results(Filters(course_slug="sample-course"))
    assert (total["attempts"], total["learners"]) == (1, 1)
    db.session.execute(delete(Quiz).where(Quiz.id == quiz.id))
    _same()
    assert _groups() == []

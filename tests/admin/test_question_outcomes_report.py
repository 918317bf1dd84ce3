"""question_results from question_outcomes: the migration's backfill, exact learners, the index.

The backfill must give the rows grading writes; learners stay exact when some
attempt did not grade every question; the report reads the new index, not the JSON.
"""

from __future__ import annotations

import importlib.util
from datetime import date

import pytest
from sqlalchemy import delete, select, text

from academy.admin import report_months
from academy.admin import report_queries as q
from academy.admin.seeding import seed_database
from academy.config import PROJECT_ROOT
from academy.courses.models import Quiz
from academy.extensions import db
from academy.quizzes.models import Attempt, QuestionOutcome
from academy.quizzes.outcomes import outcome_rows
from tests.admin.report_world import at, build
from tests.admin.test_report_plans import plans
from tests.factories import make_user

YEAR = q.Filters(course_slug="sample-course", start=date(2026, 1, 1), end=date(2026, 12, 31))
DATES = q.Filters(start=date(2026, 1, 1), end=date(2026, 12, 31))
MIGRATION = PROJECT_ROOT / "migrations/versions/3b9e6d2f8c41_question_outcomes.py"


def _migration():
    spec = importlib.util.spec_from_file_location("question_outcomes_migration", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _all_outcomes() -> list[tuple]:
    o = QuestionOutcome
    return [
        tuple(row)
        for row in db.session.execute(
            select(
                o.attempt_id, o.question_id, o.quiz_id, o.submitted_on, o.language, o.correct
            ).order_by(o.attempt_id, o.question_id)
        )
    ]


@pytest.fixture
def world(app, sample_course):
    return build(sample_course)


def _attempt(user, quiz, number, results, state="submitted"):
    attempt = Attempt(
        user_id=user.id, quiz_id=quiz.id, number=number, language="en", state=state,
        started_at=at("2026-05-01T10:00"), submitted_at=at("2026-05-01T10:20"),
        results=results, score_percent=0.0, passed=False,
    )  # fmt: skip
    db.session.add(attempt)
    db.session.flush()
    rows = outcome_rows(attempt.id, quiz.id, attempt.submitted_at, "en", results)
    for row in rows:
        db.session.add(QuestionOutcome(**row))
    return attempt


@pytest.mark.database
def test_the_migration_backfills_what_grading_writes(world, database_backend):
    quiz = db.session.scalar(select(Quiz).where(Quiz.slug == "check"))
    # An attempt closed unanswered ({}), and one that graded q2 only.
    _attempt(make_user(), quiz, 1, {})
    _attempt(make_user(), quiz, 1, {"results": [{"question_id": "q2", "correct": False}]})
    db.session.commit()
    written = _all_outcomes()
    assert len(written) == 6 * 2 + 1
    db.session.execute(delete(QuestionOutcome))
    db.session.execute(text(_migration().BACKFILL[db.engine.dialect.name]))
    db.session.commit()
    assert _all_outcomes() == written


@pytest.mark.database
def test_learners_stay_exact_where_an_attempt_graded_fewer_questions(world, database_backend):
    quiz = db.session.scalar(select(Quiz).where(Quiz.slug == "check"))
    late, partial = make_user(), make_user()
    _attempt(late, quiz, 1, {})  # counts in the quiz's attempts, answers no question
    _attempt(partial, quiz, 1, {"results": [{"question_id": "q2", "correct": False}]})
    _attempt(partial, quiz, 2, {"results": [{"question_id": "q2", "correct": True}]})
    db.session.commit()
    rows = {row["question"]: row for row in q.question_results(YEAR)}
    # q1: the six women; q2: the six women and `partial` twice.
    assert (rows["q1"]["answers"], rows["q1"]["learners"]) == (6, 6)
    assert (rows["q2"]["answers"], rows["q2"]["learners"]) == (8, 7)
    assert rows["q2"]["share_correct"] == pytest.approx(7 / 8)


def _outcome_reads(filters: q.Filters) -> list[str]:
    lines = plans(lambda: q.question_results(filters))
    assert not any("json_each" in line or "VIRTUAL TABLE" in line for line in lines)
    return [line for line in lines if "question_outcomes" in line]


def test_the_report_reads_the_outcomes_index_not_the_attempts_json(world, monkeypatch):
    # The raw path (days a range cuts, breakdowns the monthly cells do not keep).
    monkeypatch.setattr(report_months, "answers_dated", lambda _filters, _by: False)
    # A course: its quizzes sought in the index; grouped in the index's order (no sort).
    assert _outcome_reads(YEAR) == [
        "SEARCH question_outcomes USING COVERING INDEX ix_question_outcomes_report (quiz_id=?)"
    ]
    # Every course: the index read whole, never the table (a skip-scan once ANALYZEd).
    assert _outcome_reads(DATES) == [
        "SCAN question_outcomes USING COVERING INDEX ix_question_outcomes_report"
    ]


def test_the_seed_writes_the_outcomes_of_its_attempts(app):
    seed_database(30, 5, date(2026, 12, 7), lambda _counts: None)
    db.session.commit()
    expected = sorted(
        tuple(row.values())
        for attempt in db.session.scalars(select(Attempt))
        for row in outcome_rows(
            attempt.id, attempt.quiz_id, attempt.submitted_at, attempt.language, attempt.results
        )
    )
    assert expected
    assert sorted(_all_outcomes()) == expected

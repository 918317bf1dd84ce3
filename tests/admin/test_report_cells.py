"""The quiz and question cells always equal their formula over the source rows.

After each kind of write (an attempt started, submitted, closed unanswered,
its outcomes written, a profile edited, an account erased, an attempt or a
quiz deleted), the cells the triggers kept must be the cells the backfill
computes from scratch (cells left at zero aside: they count nothing).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import delete, select, text

from academy.account.services import delete_account
from academy.admin import (
    report_cell_triggers,
    report_cells,
    report_months,
    report_queries,
    report_taker_triggers,
    report_takers,
)
from academy.admin.report_groups import Filters
from academy.auth.models import User
from academy.courses.models import Quiz
from academy.extensions import db
from academy.quizzes import attempts
from academy.quizzes.models import Attempt
from tests.factories import make_user

pytestmark = pytest.mark.database


def grade(responses: dict, late: bool) -> dict:
    """Two questions; q1 right when answered "right", q2 always right."""
    q1 = responses.get("q1") == "right"
    return {
        "score_percent": 50.0 + 50.0 * q1,
        "passed": q1,
        "results": {
            "results": [
                {"question_id": "q1", "correct": q1},
                {"question_id": "q2", "correct": True},
            ]
        },
    }


def _cells() -> tuple[list, list, list, list]:
    quiz = text(
        "SELECT quiz_id, language, kind, value, attempts, scored, score_sum, passes, learners "
        "FROM report_quiz_cells WHERE attempts <> 0 OR learners <> 0 ORDER BY 1, 2, 3, 4"
    )
    question = text(
        "SELECT quiz_id, question_id, language, kind, value, answers, correct "
        "FROM report_question_cells WHERE answers <> 0 ORDER BY 1, 2, 3, 4, 5"
    )
    months = text(
        "SELECT quiz_id, question_id, language, month, sex, answers, correct "
        "FROM report_question_months WHERE answers <> 0 ORDER BY 1, 2, 3, 4, 5"
    )
    quiz_months = text(
        "SELECT quiz_id, language, month, sex, attempts, scored, score_sum, passes, "
        "single_learners FROM report_quiz_months WHERE attempts <> 0 OR single_learners <> 0 "
        "ORDER BY 1, 2, 3, 4"
    )
    return (
        [tuple(row) for row in db.session.execute(quiz)],
        [tuple(row) for row in db.session.execute(question)],
        [tuple(row) for row in db.session.execute(months)],
        [tuple(row) for row in db.session.execute(quiz_months)],
    )


def _takers() -> list[tuple]:
    columns = report_taker_triggers.COLUMNS
    statement = text(f"SELECT {columns} FROM report_quiz_takers ORDER BY 1, 2, 3")  # noqa: S608
    return [tuple(row) for row in db.session.execute(statement)]


def _same() -> tuple[list, list]:
    """The kept cells and takers equal a rebuild from the rows (in a savepoint, then undone)."""
    db.session.flush()
    takers = _takers()
    source = report_taker_triggers.source(db.engine.dialect.name)
    statement = text(f"SELECT * FROM ({source}) AS s ORDER BY 1, 2, 3")  # noqa: S608
    assert takers == [tuple(row) for row in db.session.execute(statement)]
    kept = _cells()
    # The monthly answers add up to the all-time ones.
    assert sum(row[5] for row in kept[2]) == sum(
        row[5] for row in kept[1] if row[2] == "*" and row[3] == "sex"
    )
    with db.session.begin_nested() as savepoint:
        report_cell_triggers.rebuild(db.session.connection())
        assert _cells() == kept
        savepoint.rollback()
    return kept[:2]


@pytest.fixture
def quiz(sample_course):
    row = Quiz(
        course_id=sample_course.id, slug="cells-check", module_slug="getting-started",
        position=9, definition={"max_attempts": 5, "time_limit_minutes": 10, "pass_mark": 70},
        content_hash="x",
    )  # fmt: skip
    db.session.add(row)
    db.session.commit()
    return row


def _submit(user, quiz, language: str, answer: str) -> Attempt:
    attempt = attempts.start_attempt(user.id, quiz, language)
    assert attempts.submit_attempt(attempt, {"q1": answer}, grade)
    return attempt


def test_attempts_and_outcomes_fill_the_cells_learners_once(quiz):
    woman = make_user(sex="woman", country="SN", constituent_group="workers")
    man = make_user(sex="man", country=None, constituent_group=None)
    _submit(woman, quiz, "en", "wrong")
    _submit(woman, quiz, "fr", "right")
    _submit(man, quiz, "en", "right")
    attempts.start_attempt(man.id, quiz, "en")  # open: not counted
    _same()
    by_sex = report_cells.quiz_sums(Filters(course_slug="sample-course"), "sex")
    assert [row[2:] for row in by_sex if row[1] == "cells-check"] == [
        ("man", 1, 1, 1, 100.0, 1),
        ("woman", 2, 1, 2, 150.0, 1),
    ]
    by_language = report_cells.quiz_sums(Filters(), "language")
    assert [row[2:5] for row in by_language if row[1] == "cells-check"] == [
        ("en", 2, 2),
        ("fr", 1, 1),
    ]
    by_country = report_cells.quiz_sums(Filters(language="en"), "country")
    assert sorted((row[2:5] for row in by_country if row[1] == "cells-check"), key=str) == [
        ("SN", 1, 1),
        (None, 1, 1),
    ]
    questions = report_cells.question_counts(Filters(), "constituent_group")
    assert sorted(
        (row[3], row[4] or "", row[5], row[6]) for row in questions if row[2] == "cells-check"
    ) == [
        ("q1", "", 1, 1.0),
        ("q1", "workers", 2, 0.5),
        ("q2", "", 1, 1.0),
        ("q2", "workers", 2, 1.0),
    ]


def test_an_attempt_closed_unanswered_counts_without_outcomes(quiz):
    learner = make_user(sex="another")
    attempt = attempts.start_attempt(learner.id, quiz, "en")
    attempt.deadline_at = attempt.started_at - timedelta(minutes=5)
    db.session.commit()
    attempts.start_attempt(learner.id, quiz, "en")  # closes the expired one with score 0
    quiz_cells, question_cells = _same()
    assert ("sex", "another", 1, 1, 0.0, 0, 1) in [row[2:] for row in quiz_cells]
    assert question_cells == []


def test_a_profile_edit_and_an_erased_account_move_the_counts(quiz):
    learner = make_user(sex="woman", country="KE", constituent_group="employers")
    _submit(learner, quiz, "en", "right")
    _same()
    row = db.session.get(User, learner.id)
    row.sex = "undisclosed"
    _same()
    by_sex = report_cells.quiz_sums(Filters(), "sex")
    assert [r[2] for r in by_sex if r[1] == "cells-check"] == ["undisclosed"]
    delete_account(row)
    _same()
    by_group = report_cells.quiz_sums(Filters(), "constituent_group")
    assert [r[2:4] for r in by_group if r[1] == "cells-check"] == [(None, 1)]


def test_deleting_an_attempt_or_the_quiz_takes_its_counts_away(quiz):
    learner = make_user(sex="man")
    first = _submit(learner, quiz, "en", "wrong")
    _submit(learner, quiz, "en", "right")
    db.session.execute(delete(Attempt).where(Attempt.id == first.id))
    quiz_cells, _questions = _same()
    assert ("en", "sex", "man", 1, 1, 100.0, 1, 1) in [row[1:] for row in quiz_cells]
    db.session.execute(delete(Quiz).where(Quiz.id == quiz.id))
    assert _same() == ([], [])
    assert db.session.scalar(select(Quiz.id).where(Quiz.id == quiz.id)) is None


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2025, 1, 1), date(2025, 12, 31), (date(2025, 1, 1), date(2026, 1, 1), [])),
        (
            date(2025, 1, 15),
            None,
            (date(2025, 2, 1), None, [(date(2025, 1, 15), date(2025, 1, 31))]),
        ),
        (None, date(2025, 3, 3), (None, date(2025, 3, 1), [(date(2025, 3, 1), date(2025, 3, 3))])),
        (
            date(2025, 3, 2),
            date(2025, 3, 30),
            (None, None, [(date(2025, 3, 2), date(2025, 3, 30))]),
        ),
        (
            date(2024, 12, 31),
            date(2025, 2, 1),
            (
                date(2025, 1, 1),
                date(2025, 2, 1),
                [(date(2024, 12, 31), date(2024, 12, 31)), (date(2025, 2, 1), date(2025, 2, 1))],
            ),
        ),
    ],
)
def test_a_range_splits_into_whole_months_and_cut_days(start, end, expected):
    assert report_months.split(start, end) == expected


def _attempt_at(user, quiz, language: str, moment: datetime, score: float) -> None:
    db.session.add(
        Attempt(user_id=user.id, quiz_id=quiz.id, number=1 + int(score), language=language,
                state="submitted", started_at=moment, submitted_at=moment,
                results={}, score_percent=score, passed=score >= 70)
    )  # fmt: skip
    db.session.flush()


WHOLE_MONTHS = (
    (date(2025, 1, 1), date(2025, 1, 31)),
    (date(2025, 2, 1), date(2025, 4, 30)),
    (date(2025, 3, 1), date(2025, 3, 31)),  # between the spread person's submissions
    (date(2025, 1, 1), None),
)


def test_people_spread_over_months_count_once_in_a_range_of_whole_months(quiz, monkeypatch):
    spread = make_user(sex="woman")
    _attempt_at(spread, quiz, "en", datetime(2025, 1, 31, 23, 0, tzinfo=UTC), 40.0)
    _attempt_at(spread, quiz, "fr", datetime(2025, 2, 1, 1, 0, tzinfo=UTC), 80.0)
    _attempt_at(spread, quiz, "fr", datetime(2025, 4, 2, 9, 0, tzinfo=UTC), 90.0)
    single = make_user(sex="woman")
    _attempt_at(single, quiz, "en", datetime(2025, 2, 10, tzinfo=UTC), 100.0)
    _same()
    assert (
        db.session.scalar(
            text("SELECT months FROM report_quiz_takers WHERE user_id = :u AND language = 'en'"),
            {"u": spread.id},
        )
        == 2
    )
    for start, end in WHOLE_MONTHS:
        for by in (None, "sex", "language"):
            filters = Filters(start=start, end=end, course_slug="sample-course")
            kept = report_queries.quiz_results(filters, by)
            with monkeypatch.context() as patch:
                patch.setattr(report_takers, "answers", lambda _filters: False)
                rows = report_queries.quiz_results(filters, by)
            assert kept == rows, (start, end, by)
    [row] = report_queries.quiz_results(Filters(start=date(2025, 2, 1), end=date(2025, 4, 30)))
    assert (row["attempts"], row["learners"]) == (3, 2)

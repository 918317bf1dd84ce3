"""Grading writes each graded question once to question_outcomes (the reports' rows)."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from academy.courses.models import Quiz
from academy.extensions import db
from academy.quizzes import attempts
from academy.quizzes.models import Attempt, QuestionOutcome
from academy.quizzes.outcomes import outcome_rows
from tests.factories import make_user
from tests.quizzes.quiz_pages import (
    answers_by_label,
    attempts_of_quiz,
    enrolled_learner,
    import_quiz,
    start,
)


def grade(responses: dict, late: bool) -> dict:
    """Two questions, as grade_quiz(...).to_dict() lists them; q1 right when answered "right"."""
    q1 = responses.get("q1") == "right"
    return {
        "score_percent": 50.0 + 50.0 * q1,
        "passed": q1,
        "results": {
            "score_percent": 50.0 + 50.0 * q1,
            "results": [
                {"question_id": "q1", "score": float(q1), "correct": q1},
                {"question_id": "q2", "score": 1.0, "correct": True},
            ],
        },
    }


@pytest.fixture
def quiz(sample_course):
    row = Quiz(
        course_id=sample_course.id, slug="outcomes-check", module_slug="getting-started",
        position=1, definition={"max_attempts": 3, "time_limit_minutes": 10, "pass_mark": 70},
        content_hash="x",
    )  # fmt: skip
    db.session.add(row)
    db.session.commit()
    return row


def _outcomes(quiz_id: int) -> list[tuple]:
    rows = db.session.execute(
        select(
            QuestionOutcome.attempt_id,
            QuestionOutcome.question_id,
            QuestionOutcome.language,
            QuestionOutcome.correct,
        )
        .where(QuestionOutcome.quiz_id == quiz_id)
        .order_by(QuestionOutcome.attempt_id, QuestionOutcome.question_id)
    )
    return [tuple(row) for row in rows]


def test_submitting_writes_one_row_per_graded_question(quiz):
    learner = make_user()
    attempt = attempts.start_attempt(learner.id, quiz, "fr")
    assert attempts.submit_attempt(attempt, {"q1": "right"}, grade)
    db.session.commit()
    assert _outcomes(quiz.id) == [(attempt.id, "q1", "fr", True), (attempt.id, "q2", "fr", True)]
    day = db.session.scalar(select(QuestionOutcome.submitted_on).limit(1))
    assert day == attempt.submitted_at.date()


def test_a_second_submit_writes_nothing_more(quiz):
    learner = make_user()
    attempt = attempts.start_attempt(learner.id, quiz, "en")
    assert attempts.submit_attempt(attempt, {"q1": "wrong"}, grade)
    assert not attempts.submit_attempt(attempt, {"q1": "right"}, grade)
    db.session.commit()
    assert _outcomes(quiz.id) == [(attempt.id, "q1", "en", False), (attempt.id, "q2", "en", True)]


def test_an_attempt_closed_unanswered_has_no_outcomes(quiz):
    learner = make_user()
    attempt = attempts.start_attempt(learner.id, quiz, "en")
    attempt.deadline_at = attempt.started_at - timedelta(minutes=5)
    db.session.commit()
    attempts.start_attempt(learner.id, quiz, "en")  # closes the expired one, results {}
    db.session.commit()
    assert _outcomes(quiz.id) == []


def test_the_day_is_the_utc_day_of_submission():
    late_evening = datetime(2026, 3, 1, 23, 30, tzinfo=UTC).astimezone(
        datetime.now().astimezone().tzinfo
    )
    [row] = outcome_rows(7, 3, late_evening, "ar", {"results": [{"question_id": "a"}]})
    assert row == {
        "attempt_id": 7,
        "question_id": "a",
        "quiz_id": 3,
        "submitted_on": date(2026, 3, 1),
        "language": "ar",
        "correct": False,
    }


@pytest.mark.database
def test_concurrent_submits_write_the_outcomes_once(app, quiz, database_backend):
    learner = make_user()
    attempt_id = attempts.start_attempt(learner.id, quiz, "en").id
    quiz_id = quiz.id
    db.session.commit()
    errors: list[Exception] = []
    winners: list[str] = []
    barrier = threading.Barrier(8)

    def submit(answer: str) -> None:
        try:
            with app.test_request_context("/", method="POST"):
                barrier.wait()
                row = db.session.get(Attempt, attempt_id)
                if attempts.submit_attempt(row, {"q1": answer}, grade):
                    winners.append(answer)
                db.session.commit()
                db.session.remove()
        except Exception as error:  # collected and asserted below
            errors.append(error)

    threads = [
        threading.Thread(target=submit, args=("right" if n % 2 else "wrong",)) for n in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(winners) == 1
    db.session.rollback()
    assert _outcomes(quiz_id) == [
        (attempt_id, "q1", "en", winners[0] == "right"),
        (attempt_id, "q2", "en", True),
    ]


def test_a_quiz_submitted_through_its_pages_writes_its_outcomes(client, tmp_path):
    """Grading stores the list of graded questions; each becomes a row (was: none)."""
    import_quiz(tmp_path)
    enrolled_learner(client)
    page = start(client)
    client.post(page, data=answers_by_label(client.get(page).text, right=True))
    [attempt] = attempts_of_quiz()
    assert isinstance(attempt.results, list)
    assert _outcomes(attempt.quiz_id) == [
        (attempt.id, question, "en", True)
        for question in sorted(result["question_id"] for result in attempt.results)
    ]
    assert len(attempt.results) == 7

"""Attempts: limits and deadlines on the server, each attempt graded exactly once."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from academy.courses.models import Quiz
from academy.extensions import db
from academy.quizzes import attempts
from academy.quizzes.models import SUBMITTED, Attempt
from tests.factories import make_user


def fake_grade(responses: dict, late: bool) -> dict:
    score = 100.0 if responses.get("q1") == "right" else 0.0
    return {"score_percent": score, "passed": score >= 70, "results": {"q1": score / 100}}


@pytest.fixture
def quiz(sample_course):
    row = Quiz(
        course_id=sample_course.id, slug="timed-check", module_slug="getting-started", position=1,
        definition={"max_attempts": 2, "time_limit_minutes": 10, "pass_mark": 70},
        content_hash="x",
    )  # fmt: skip
    db.session.add(row)
    db.session.commit()
    return row


def test_start_resumes_the_open_attempt_and_counts_attempts(quiz):
    learner = make_user()
    first = attempts.start_attempt(learner.id, quiz, "fr")
    assert attempts.start_attempt(learner.id, quiz, "fr").id == first.id
    assert (first.number, first.language) == (1, "fr")
    assert attempts.submit_attempt(first, {"q1": "wrong"}, fake_grade)
    second = attempts.start_attempt(learner.id, quiz, "en")
    assert second.number == 2
    # An open attempt is not spent until it is submitted.
    assert attempts.attempts_left(learner.id, quiz) == 1
    attempts.submit_attempt(second, {"q1": "right"}, fake_grade)
    assert attempts.attempts_left(learner.id, quiz) == 0
    with pytest.raises(attempts.AttemptRefused):
        attempts.start_attempt(learner.id, quiz, "en")


def test_the_deadline_follows_the_time_limit(quiz):
    learner = make_user()
    attempt = attempts.start_attempt(learner.id, quiz, "en")
    assert attempt.deadline_at - attempt.started_at == timedelta(minutes=10)


def test_a_late_submission_is_graded_as_unanswered(quiz):
    learner = make_user()
    attempt = attempts.start_attempt(learner.id, quiz, "en")
    attempt.deadline_at = attempt.started_at - timedelta(minutes=5)
    db.session.commit()
    assert attempts.submit_attempt(attempt, {"q1": "right"}, fake_grade)
    db.session.refresh(attempt)
    assert (attempt.late, attempt.score_percent, attempt.responses) == (True, 0.0, {})


def test_an_expired_open_attempt_is_closed_when_the_next_starts(quiz):
    learner = make_user()
    attempt = attempts.start_attempt(learner.id, quiz, "en")
    attempt.deadline_at = attempt.started_at - timedelta(minutes=5)
    db.session.commit()
    second = attempts.start_attempt(learner.id, quiz, "en")
    assert second.number == 2
    db.session.refresh(attempt)
    assert (attempt.state, attempt.passed, attempt.late) == (SUBMITTED, False, True)


def test_extra_time_or_no_limit_for_one_learner(quiz):
    learner, trainer = make_user(), make_user(role="trainer")
    attempt = attempts.start_attempt(learner.id, quiz, "en")
    attempts.grant_time(learner.id, quiz, trainer.id, extra_minutes=15)
    assert attempt.deadline_at - attempt.started_at == timedelta(minutes=25)
    attempts.grant_time(learner.id, quiz, trainer.id, unlimited=True)
    assert attempt.deadline_at is None
    other = make_user()
    assert attempts.start_attempt(other.id, quiz, "en").deadline_at is not None


def test_a_second_submit_changes_nothing(quiz):
    learner = make_user()
    attempt = attempts.start_attempt(learner.id, quiz, "en")
    assert attempts.submit_attempt(attempt, {"q1": "right"}, fake_grade)
    assert not attempts.submit_attempt(attempt, {"q1": "wrong"}, fake_grade)
    db.session.commit()
    db.session.refresh(attempt)
    assert (attempt.score_percent, attempt.passed) == (100.0, True)


@pytest.mark.database
def test_concurrent_submits_grade_the_attempt_once(app, quiz, database_backend):
    learner = make_user()
    attempt_id = attempts.start_attempt(learner.id, quiz, "en").id
    quiz_id = quiz.id
    db.session.commit()
    graded: list[bool] = []
    errors: list[Exception] = []
    barrier = threading.Barrier(12)

    def submit(answer: str) -> None:
        try:
            with app.test_request_context("/", method="POST"):
                barrier.wait()
                row = db.session.get(Attempt, attempt_id)
                graded.append(attempts.submit_attempt(row, {"q1": answer}, fake_grade))
                db.session.commit()
                db.session.remove()
        except Exception as error:  # collected and asserted below
            errors.append(error)

    threads = [
        threading.Thread(target=submit, args=("right" if n % 2 else "wrong",)) for n in range(12)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert graded.count(True) == 1
    db.session.rollback()
    submitted = db.session.scalar(
        select(func.count()).where(Attempt.quiz_id == quiz_id, Attempt.state == SUBMITTED)
    )
    assert submitted == 1


def test_saving_keeps_answers_without_grading_and_never_after_submission(quiz):
    learner = make_user()
    attempt = attempts.start_attempt(learner.id, quiz, "en")
    assert attempts.save_responses(attempt, {"q1": "draft"})
    assert (attempt.state, attempt.responses, attempt.results) == ("open", {"q1": "draft"}, {})
    assert attempt.score_percent is None
    assert attempts.submit_attempt(attempt, {"q1": "right"}, fake_grade)
    assert not attempts.save_responses(attempt, {"q1": "changed"})
    assert (attempt.state, attempt.responses) == ("submitted", {"q1": "right"})

"""Each graded question of a submitted attempt as a row of question_outcomes.

Grading stores attempt.results = [{"question_id", "correct", ...}]
(academy.quizzes.results); the reports count the share correct per question
from these rows instead of unpacking that JSON for every attempt.
"correct" is the stored flag (the question's score was 1), as before.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import insert

from academy.extensions import db
from academy.quizzes.models import QuestionOutcome


def outcome_rows(
    attempt_id: int, quiz_id: int, submitted_at: datetime, language: str, results: list | dict
) -> list[dict]:
    """The rows for one attempt's graded results (none for an attempt closed unanswered).

    results is what grading stores in attempt.results: the list of graded
    questions (QuizResult.to_dict()["results"]). The seed and older callers
    pass the whole result, a dict holding that list under "results".
    """
    listed = results.get("results") if isinstance(results, dict) else results
    if not isinstance(listed, list):
        listed = ()
    day = submitted_at.astimezone(UTC).date()
    return [
        {
            "attempt_id": attempt_id,
            "question_id": item["question_id"],
            "quiz_id": quiz_id,
            "submitted_on": day,
            "language": language,
            "correct": item.get("correct") is True,
        }
        for item in listed
        if isinstance(item, dict) and item.get("question_id") is not None
    ]


def record_outcomes(
    attempt_id: int, quiz_id: int, submitted_at: datetime, language: str, results: list | dict
) -> None:
    """Write the rows in the caller's transaction; called once, by whoever graded the attempt."""
    rows = outcome_rows(attempt_id, quiz_id, submitted_at, language, results)
    if rows:
        db.session.execute(insert(QuestionOutcome), rows)

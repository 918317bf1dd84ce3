"""Submitted quiz attempts for `academy dev seed`, graded as academy.quizzes.grading stores them.

Each question has a chance of being answered correctly (seed_courses); an
attempt's result is the dict QuizResult.to_dict() gives, with the question
results in quiz order. Responses are not made up (stored empty) and the
feedback lists are empty: reports read scores and results, and a million
copies of feedback HTML would only make the database larger.
"""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from academy.admin.seed_courses import SeedQuiz

MAX_ATTEMPTS = 3
RETRIES = 0.5  # the share of learners who failed and try again without having to


def _question(question_id: str, points: float, correct: bool) -> dict:
    return {
        "question_id": question_id,
        "score": 1.0 if correct else 0.0,
        "points": points if correct else 0.0,
        "max_points": points,
        "correct": correct,
        "answered": True,
        "feedback": [],
        "message": None,
    }


def _answers(rng: random.Random, quiz: SeedQuiz, ability: float, must_pass: bool) -> tuple:
    answers = [rng.random() < chance * ability for _id, _points, chance in quiz.questions]
    if must_pass and not _result(quiz, tuple(answers))["passed"]:
        # Right answers to the easiest questions first, until the pass mark is reached.
        easiest = sorted(range(len(answers)), key=lambda i: -quiz.questions[i][2])
        for index in easiest:
            answers[index] = True
            if _result(quiz, tuple(answers))["passed"]:
                break
    return tuple(answers)


# (quiz, answers) -> (result, its JSON): a quiz has few distinct results, and
# encoding each once makes a million attempts cheap.
_RESULTS: dict[tuple, tuple[dict, str]] = {}


def _result(quiz: SeedQuiz, answers: tuple) -> dict:
    return _encoded(quiz, answers)[0]


def _encoded(quiz: SeedQuiz, answers: tuple) -> tuple[dict, str]:
    key = (quiz.pass_mark, tuple((q, p) for q, p, _c in quiz.questions), answers)
    if key not in _RESULTS:
        got = sum(p for (_id, p, _c), right in zip(quiz.questions, answers, strict=True) if right)
        maximum = sum(points for _id, points, _chance in quiz.questions)
        exact = Decimal(str(got)) * 100 / Decimal(str(maximum)) if maximum else Decimal(0)
        score = exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        result = {
            "score_percent": float(score),
            "passed": score >= Decimal(str(quiz.pass_mark)),
            "points": float(got),
            "max_points": float(maximum),
            "results": [
                _question(question_id, points, right)
                for (question_id, points, _c), right in zip(quiz.questions, answers, strict=True)
            ],
        }
        # The column holds what grading stores: the list of graded questions.
        _RESULTS[key] = (result, json.dumps(result["results"]))
    return _RESULTS[key]


def graded_attempts(
    rng: random.Random,
    quiz: SeedQuiz,
    user_id: int,
    language: str,
    moment: datetime,
    ability: float,
    must_pass: bool,
) -> tuple[list[tuple[dict, dict]], datetime, float]:
    """One learner's attempts at a quiz: (row, result) pairs, when the last ended, last score."""
    rows: list[tuple[dict, dict]] = []
    for number in range(1, MAX_ATTEMPTS + 1):
        last = number == MAX_ATTEMPTS
        result, encoded = _encoded(quiz, _answers(rng, quiz, ability, must_pass and last))
        started = moment
        moment = started + timedelta(seconds=rng.randint(120, 1500))
        rows.append(
            (
                {
                    "user_id": user_id,
                    "quiz_id": quiz.pk,
                    "number": number,
                    "language": language,
                    "state": "submitted",
                    "started_at": started,
                    "deadline_at": None,
                    "submitted_at": moment,
                    "layout": "{}",
                    "responses": "{}",
                    "results": encoded,
                    "score_percent": result["score_percent"],
                    "passed": result["passed"],
                    "late": False,
                },
                result,
            )
        )
        if result["passed"] or (not must_pass and rng.random() > RETRIES):
            break
        moment += timedelta(hours=rng.randint(1, 72))
    return rows, moment, rows[-1][0]["score_percent"]

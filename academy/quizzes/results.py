"""What grading gives back: exact scores, and to_dict() for JSON (floats there)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from academy.packagefiles.quiz_types import TextMap


@dataclass(frozen=True)
class QuestionResult:
    question_id: str
    score: Fraction  # 0..1
    points: Fraction  # score times the question's points
    max_points: Fraction
    answered: bool
    # Text maps to show, the chosen choices' (or the true/false) feedback first,
    # then the question's general feedback; HTML once the quiz is rendered.
    feedback: tuple[TextMap, ...] = ()
    message: str | None = None  # NOT_A_NUMBER or GROUPED_NUMBER for numeric input

    @property
    def correct(self) -> bool:
        return self.score == 1

    def to_dict(self) -> dict:
        return {
            "question_id": self.question_id,
            "score": float(self.score),
            "points": float(self.points),
            "max_points": float(self.max_points),
            "correct": self.correct,
            "answered": self.answered,
            "feedback": list(self.feedback),
            "message": self.message,
        }


@dataclass(frozen=True)
class QuizResult:
    score_percent: Decimal  # 0.00..100.00, rounded half up
    passed: bool  # score_percent >= pass mark
    points: Fraction
    max_points: Fraction
    questions: tuple[QuestionResult, ...]

    def result(self, question_id: str) -> QuestionResult | None:
        return next((r for r in self.questions if r.question_id == question_id), None)

    def to_dict(self) -> dict:
        return {
            "score_percent": float(self.score_percent),
            "passed": self.passed,
            "points": float(self.points),
            "max_points": float(self.max_points),
            "results": [result.to_dict() for result in self.questions],
        }


def details_shown(feedback: str, passed: bool) -> bool:
    """Whether a learner may see each question's result, by the quiz's feedback setting.

    passed: whether the learner has passed the quiz at least once. The results
    page and "Download my data" both ask here, so the file never tells more
    than the page: nothing per question with `never`, nothing before a pass
    with `once_passed`.
    """
    return feedback == "after_each_attempt" or (feedback == "once_passed" and passed)

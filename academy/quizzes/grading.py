"""Grade a learner's answers: pure logic, exact arithmetic, and never an exception.

Responses are what the web form submitted, already pulled out of the form:

| type | response |
|---|---|
| single | a choice id, or None |
| multiple | a list, tuple or set of choice ids |
| true_false | "true", "false" (or True, False), or None |
| short | the text typed |
| numeric | the text typed, read in the learner's interface locale (see numbers.py) |
| matching | a dict prompt (pair) id -> match id (a pair or distractor id) |
| ordering | a dict item id -> position from 1, as an int or digits |

A blank response (None, "", nothing chosen) is unanswered and scores 0. A malformed
one (a wrong type, an unknown id, an id twice, two items at one position) scores 0
too. Scores are Fractions, so 2 of 3 equal questions are exactly 2/3, and the quiz
percentage is rounded half up to 2 decimals once, at the end.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from academy.packagefiles.quiz_types import (
    MatchingQuestion,
    MultipleQuestion,
    NumericQuestion,
    OrderingQuestion,
    Question,
    QuizDefinition,
    ShortQuestion,
    SingleQuestion,
    TextMap,
    TrueFalseQuestion,
)
from academy.quizzes.numbers import GROUPED_NUMBER, NOT_A_NUMBER, parse_number
from academy.quizzes.results import QuestionResult, QuizResult

__all__ = [
    "GROUPED_NUMBER",
    "NOT_A_NUMBER",
    "QuestionResult",
    "QuizResult",
    "grade_question",
    "grade_quiz",
]


@dataclass(frozen=True)
class _Graded:
    score: Fraction = Fraction(0)
    answered: bool = True
    feedback: tuple[TextMap, ...] = ()
    message: str | None = None


UNANSWERED = _Graded(answered=False)
MALFORMED = _Graded()


def exact(number) -> Fraction:
    """A number from the quiz file as an exact fraction: 0.1 is 1/10."""
    return Fraction(Decimal(str(number)))


def grade_quiz(quiz: QuizDefinition, responses: dict, language: str, locale) -> QuizResult:
    """Grade every question; a question without a response is unanswered."""
    if not isinstance(responses, dict):
        responses = {}
    default = quiz.default_language
    results = tuple(
        grade_question(question, responses.get(question.id), language, locale, default)
        for question in quiz.questions
    )
    points = sum((result.points for result in results), Fraction(0))
    max_points = sum((result.max_points for result in results), Fraction(0))
    percent = _percent(points / max_points) if max_points else Decimal("0.00")
    return QuizResult(
        score_percent=percent,
        passed=percent >= Decimal(str(quiz.pass_mark)),
        points=points,
        max_points=max_points,
        questions=results,
    )


def _percent(score: Fraction) -> Decimal:
    hundredths = math.floor(score * 10_000 + Fraction(1, 2))
    return Decimal(hundredths).scaleb(-2)


def grade_question(
    question: Question, response, language: str, locale, default_language: str | None = None
) -> QuestionResult:
    """Grade one response; language picks short answers (default_language if it has none).

    locale (a babel Locale or an identifier like "fr" or "pt_BR") reads numbers.
    """
    graded = GRADERS[question.type](question, response, language, locale, default_language)
    score = min(max(graded.score, Fraction(0)), Fraction(1))
    max_points = exact(question.points)
    feedback = graded.feedback + ((question.feedback,) if question.feedback else ())
    return QuestionResult(
        question_id=question.id,
        score=score,
        points=score * max_points,
        max_points=max_points,
        answered=graded.answered,
        feedback=tuple(text for text in feedback if text),
        message=graded.message,
    )


def _blank(response) -> bool:
    if response is None or (isinstance(response, str) and not response.strip()):
        return True
    if isinstance(response, list | tuple | set | frozenset | dict) and not response:
        return True
    return isinstance(response, dict) and all(_blank(value) for value in response.values())


def _single(question: SingleQuestion, response, *_) -> _Graded:
    if _blank(response):
        return UNANSWERED
    choice = next((c for c in question.choices if c.id == response), None)
    if not isinstance(response, str) or choice is None:
        return MALFORMED
    return _Graded(Fraction(int(choice.correct)), feedback=(choice.feedback,))


def _multiple(question: MultipleQuestion, response, *_) -> _Graded:
    if _blank(response):
        return UNANSWERED
    if not isinstance(response, list | tuple | set | frozenset):
        return MALFORMED
    ids = list(response)
    known = {choice.id for choice in question.choices}
    if not all(isinstance(i, str) and i in known for i in ids) or len(set(ids)) != len(ids):
        return MALFORMED
    chosen = [choice for choice in question.choices if choice.id in ids]
    feedback = tuple(choice.feedback for choice in chosen)
    if question.uses_credit:
        # Credits add up to the hundredth of a percent: 3 x 33.33333 makes 100.
        total = sum(Decimal(str(choice.credit)) for choice in chosen)
        return _Graded(Fraction(round(total, 2)) / 100, feedback=feedback)
    right = sum(choice.correct for choice in chosen)
    all_right = sum(choice.correct for choice in question.choices)
    all_wrong = len(question.choices) - all_right
    if question.scoring == "partial":
        score = Fraction(right, all_right)
        if all_wrong:
            score -= Fraction(len(chosen) - right, all_wrong)
        return _Graded(max(score, Fraction(0)), feedback=feedback)
    return _Graded(Fraction(int(right == all_right == len(chosen))), feedback=feedback)


def _true_false(question: TrueFalseQuestion, response, *_) -> _Graded:
    if _blank(response):
        return UNANSWERED
    answer = {"true": True, "false": False, True: True, False: False}.get(
        response if isinstance(response, str | bool) else None
    )
    if answer is None:
        return MALFORMED
    feedback = question.feedback_true if answer else question.feedback_false
    return _Graded(Fraction(int(answer == question.answer)), feedback=(feedback,))


def _short(question: ShortQuestion, response, language, _locale, default_language) -> _Graded:
    if _blank(response):
        return UNANSWERED
    if not isinstance(response, str):
        return MALFORMED
    accepted = (
        question.answers.get(language)
        or question.answers.get(default_language)
        or next(iter(question.answers.values()), ())
    )
    given = normalise(response, question)
    matched = [a for a in accepted if normalise(a.text, question) == given]
    return _best(matched, question.feedback_other)


def _best(matched: list, other: TextMap) -> _Graded:
    """The score of the best matching answer, with its feedback (the first of equals).

    An answer that matches none of them gets the feedback for any other answer.
    """
    if not matched:
        return _Graded(feedback=(other,))
    best = max(matched, key=lambda answer: exact(answer.credit))  # max keeps the first
    return _Graded(exact(best.credit) / 100, feedback=(best.feedback,))


def normalise(text: str, question: ShortQuestion) -> str:
    """The form in which a short answer is compared, per the question's options."""
    text = unicodedata.normalize("NFC", text)
    if question.ignore_case:
        text = text.casefold()
    if question.ignore_accents:
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
        text = unicodedata.normalize("NFC", text)
    if question.ignore_spaces:
        text = " ".join(text.split())
    return text


def _numeric(question: NumericQuestion, response, _language, locale, _default) -> _Graded:
    if _blank(response):
        return UNANSWERED
    if not isinstance(response, str):
        return MALFORMED
    value, message = parse_number(response, locale)
    if value is None:
        return _Graded(message=message)
    given = Fraction(value)
    matched = [
        answer
        for answer in question.answers
        if abs(given - exact(answer.value)) <= exact(answer.tolerance)
    ]
    return _best(matched, question.feedback_other)


def _matching(question: MatchingQuestion, response, *_) -> _Graded:
    if _blank(response):
        return UNANSWERED
    if not isinstance(response, dict):
        return MALFORMED
    prompts = {pair.id for pair in question.pairs}
    matches = prompts | {distractor.id for distractor in question.distractors}
    for prompt, match in response.items():
        if prompt not in prompts or not (_blank(match) or _is_in(match, matches)):
            return MALFORMED
    right = sum(response.get(pair.id) == pair.id for pair in question.pairs)
    return _Graded(Fraction(right, len(question.pairs)))


def _ordering(question: OrderingQuestion, response, *_) -> _Graded:
    if _blank(response):
        return UNANSWERED
    if not isinstance(response, dict):
        return MALFORMED
    ids = {item.id for item in question.items}
    positions = {}
    for item_id, position in response.items():
        if item_id not in ids:
            return MALFORMED
        if _blank(position):
            continue
        number = _position(position, len(question.items))
        if number is None:
            return MALFORMED
        positions[item_id] = number
    if len(set(positions.values())) != len(positions):
        return MALFORMED  # two items in one place
    right = sum(positions.get(item.id) == n for n, item in enumerate(question.items, 1))
    return _Graded(Fraction(right, len(question.items)))


def _position(value, count: int) -> int | None:
    """A position from 1 to count, from an int or ASCII digits; None otherwise."""
    if isinstance(value, str):
        digits = value.strip()
        if not (digits.isascii() and digits.isdigit() and len(digits) <= 6):
            return None
        value = int(digits)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= count:
        return None
    return value


def _is_in(value, ids: set[str]) -> bool:
    return isinstance(value, str) and value in ids


GRADERS: dict[str, Callable[..., _Graded]] = {
    "single": _single,
    "multiple": _multiple,
    "true_false": _true_false,
    "short": _short,
    "numeric": _numeric,
    "matching": _matching,
    "ordering": _ordering,
}

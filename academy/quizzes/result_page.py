"""The result page of an attempt: the outcome first, then the way on, then the details.

What comes next is read from the course outline (already built per process),
so the page costs no query per lesson.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from babel.numbers import format_percent
from flask import render_template, url_for
from flask_babel import get_locale
from flask_login import current_user

from academy.courses.models import Course, Quiz
from academy.courses.outline import outline_of
from academy.quizzes import attempts, pages, services
from academy.quizzes.models import OPEN


def score_percent(percent: float | None, below: float | None = None) -> str:
    """A score in the locale's way, to at most one decimal: 75 %, 14,3 %.

    Rounded half up, except that a score under the mark `below` (a failed
    attempt's pass mark) is rounded down when rounding up would reach it:
    99.95 of 100 reads 99.9 %, never a "Not passed" 100 %.
    """
    exact = Decimal(str(percent or 0))
    tenths = exact.quantize(Decimal("0.1"), ROUND_HALF_UP)
    if below is not None and exact < Decimal(str(below)) <= tenths:
        tenths = exact.quantize(Decimal("0.1"), ROUND_DOWN)
    return format_percent(
        (tenths / 100).normalize(), locale=get_locale(), decimal_quantization=False
    )


def next_step(course: Course, quiz: Quiz, language: str) -> tuple[str, object] | None:
    """The lesson or quiz after this quiz in the course, as (url, title); None at the end."""
    items = [item for module in outline_of(course, language) for item in module.items]
    slugs = [(item.kind, item.slug) for item in items]
    if ("quiz", quiz.slug) not in slugs:
        return None
    following = items[slugs.index(("quiz", quiz.slug)) + 1 :]
    if not following:
        return None
    item = following[0]
    if item.kind == "quiz":
        return url_for("quizzes.quiz", course=course.slug, quiz=item.slug), item.title
    return url_for("courses.lesson", course=course.slug, lesson=item.slug), item.title


def render(common: dict, questions: list[pages.ShownQuestion]) -> str:
    """The result page; common holds course, quiz, definition, attempt and titles."""
    course, quiz, definition, attempt = (
        common["course"], common["quiz"], common["definition"], common["attempt"]
    )  # fmt: skip
    details = None
    if attempt.state != OPEN and services.shows_details(current_user.id, quiz, definition):
        details = pages.question_feedback(
            questions,
            attempt.responses,
            attempt.results,
            attempt.language,
            definition.default_language,
        )
    return render_template(
        "quizzes/result.html",
        details=details,
        mode=definition.feedback,
        expired=attempt.state == OPEN,
        left=attempts.attempts_left(current_user.id, quiz),
        has_open=attempts.open_attempt(current_user.id, quiz) is not None,
        score=score_percent(
            attempt.score_percent, None if attempt.passed else definition.pass_mark
        ),
        pass_mark=score_percent(definition.pass_mark),
        next_step=next_step(course, quiz, attempt.language) if attempt.passed else None,
        **common,
    )

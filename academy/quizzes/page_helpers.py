"""What every quiz page shares, the learners' (views) and the trainers' (trainer_views).

The course, quiz and definition named by the URL, the quiz's title in a
language, and the words and numbers the quiz templates show in the reader's
locale (offered to every template by a context processor, registered on the
blueprint as soon as either view module imports this one). They live apart from both view
modules so that neither has to import the other for them.
"""

from __future__ import annotations

from datetime import UTC, timedelta

from babel.dates import format_time, format_timedelta
from babel.numbers import format_decimal
from flask_babel import format_datetime, get_locale
from flask_babel import gettext as _
from markupsafe import Markup

from academy.courses.content_languages import Text, pick
from academy.courses.models import Course, Quiz
from academy.courses.queries import course_or_404
from academy.database import utcnow
from academy.packagefiles.quiz_types import QuizDefinition
from academy.quizzes import bp, services
from academy.quizzes.grading import GROUPED_NUMBER, NOT_A_NUMBER


def quiz_title(definition: QuizDefinition, language: str, quiz: Quiz) -> Text:
    """The quiz's title in language as plain text, for templates to escape once.

    The stored title is inline HTML rendered at import (Q&A is stored as
    Q&amp;A); printed as it is, the page would escape it a second time, and
    a page title cannot hold markup anyway.
    """
    title = pick(definition.title, language, definition.default_language)
    if title is None:
        return Text(quiz.slug, "en")
    plain = Markup(title.text).striptags()  # noqa: S704  (sanitised at import; only read)
    return Text(plain, title.lang)


def load_quiz(course: str, quiz: str) -> tuple[Course, Quiz, QuizDefinition]:
    row = course_or_404(course)
    quiz_row = services.quiz_or_404(row, quiz)
    return row, quiz_row, QuizDefinition.from_dict(quiz_row.definition)


# -- words and numbers -----------------------------------------------------------


def score_label(percent: float | None) -> str:
    value = format_decimal(percent or 0, format="#,##0.##", locale=get_locale())
    # TRANSLATORS: a quiz score, as in "75.5%".
    return _("%(score)s%%", score=value)


def deadline_label(deadline) -> str:
    locale = get_locale()
    remaining = max(deadline - utcnow(), timedelta(0))
    return _(
        "Submit before %(time)s UTC (%(remaining)s).",
        time=format_time(deadline, "short", tzinfo=UTC, locale=locale),
        remaining=format_timedelta(
            remaining, add_direction=True, threshold=1.5, locale=locale, granularity="minute"
        ),
    )


def date_label(moment) -> str:
    if not moment:
        return ""
    # TRANSLATORS: a date and time, then the name of the time zone, Coordinated Universal Time.
    return _("%(moment)s UTC", moment=format_datetime(moment, "medium"))


def number_hint() -> str:
    example = format_decimal(3.5, locale=get_locale())
    return _(
        "Write decimals like %(example)s, without separators between thousands.", example=example
    )


def number_message(code: str | None) -> str | None:
    if code == NOT_A_NUMBER:
        return _("This answer could not be read as a number.")
    if code == GROUPED_NUMBER:
        return _("Write numbers without spaces or separators between thousands, like 1000.")
    return None


@bp.app_context_processor
def _quiz_helpers() -> dict:
    return {
        "score_label": score_label,
        "date_label": date_label,
        "number_hint": number_hint,
        "number_message": number_message,
    }

"""A learner's attempt as "Download my data" gives it, without the quiz's answer key.

The learner's answers are their data and always go in the file; what they
are measured against does not. Each question's result goes in only where the
results page shows it (results.details_shown). A matching answer names the
match chosen by its text, not its id: a match's id is its prompt's id, so ids
would tell which matches were right, and for the same reason the order in
which an attempt showed the matches is left out.
"""

from __future__ import annotations

from markupsafe import Markup

from academy.courses.content_languages import pick
from academy.packagefiles.quiz_types import MatchingQuestion, QuizDefinition
from academy.quizzes.models import Attempt
from academy.quizzes.results import details_shown

# Per question: the score, not the feedback texts, which are course content.
RESULT_KEYS = ("question_id", "score", "points", "max_points", "correct", "answered")


def attempt_record(attempt: Attempt, definition: QuizDefinition, passed: bool) -> dict:
    """The quiz-specific part of an attempt's record; passed: the learner passed the quiz."""
    shown = details_shown(definition.feedback, passed)
    results = attempt.results if isinstance(attempt.results, list) else []
    return {
        "answers": _answers(definition, attempt.responses, attempt.language),
        "question_order": _order(definition, attempt.layout),
        "question_results": [_result(item) for item in results] if shown else None,
        # Why question_results is null: the quiz's feedback setting.
        "details_withheld": None if shown else definition.feedback,
    }


def _result(item) -> dict:
    item = item if isinstance(item, dict) else {}
    return {key: item.get(key) for key in RESULT_KEYS}


def _answers(definition: QuizDefinition, responses, language: str) -> dict:
    responses = dict(responses) if isinstance(responses, dict) else {}
    for question in definition.questions:
        if isinstance(question, MatchingQuestion) and question.id in responses:
            given = responses[question.id]
            responses[question.id] = _matches_chosen(
                question, given, language, definition.default_language
            )
    return responses


def _matches_chosen(question: MatchingQuestion, given, language: str, default: str) -> dict:
    """{prompt id: the text of the match chosen, or None}."""
    texts = {pair.id: pair.match for pair in question.pairs}
    texts.update({item.id: item.text for item in question.distractors})
    chosen = {}
    for prompt, match in (given if isinstance(given, dict) else {}).items():
        text = pick(texts.get(match), language, default) if match in texts else None
        # The texts are inline HTML rendered at import; the file holds plain text.
        chosen[prompt] = Markup(text.text).striptags() if text else None  # noqa: S704
    return chosen


def _order(definition: QuizDefinition, layout) -> dict:
    layout = layout if isinstance(layout, dict) else {}
    matching = {q.id for q in definition.questions if isinstance(q, MatchingQuestion)}
    options = layout.get("options") if isinstance(layout.get("options"), dict) else {}
    order = {key: value for key, value in layout.items() if key != "options"}
    order["options"] = {key: ids for key, ids in options.items() if key not in matching}
    return order

"""Read a quiz file (NN-id.quiz.yaml) into a QuizDefinition, reporting every problem.

Pure logic: no Flask, no database. The course check calls parse_quiz for each
Quiz of a package; the importer renders the texts (render_texts) and stores
QuizDefinition.to_dict() as JSON; pages rebuild it with QuizDefinition.from_dict.
The format is described for trainers in docs/authoring.md, section 9.
"""

from __future__ import annotations

from academy.messages import gettext as _
from academy.packagefiles.problems import Problems
from academy.packagefiles.quiz_fields import (
    Check,
    allowed,
    as_line_dict,
    boolean,
    is_number,
    item_id,
    mappings,
    number,
    one_of,
    present,
    texts,
    whole_number,
)
from academy.packagefiles.quiz_questions import BUILDERS, TYPE_KEYS
from academy.packagefiles.quiz_types import (
    FEEDBACK_MODES,
    QUESTION_TYPES,
    Choice,
    Item,
    MatchingQuestion,
    MultipleQuestion,
    NumericAnswer,
    NumericQuestion,
    OrderingQuestion,
    Pair,
    Question,
    QuizDefinition,
    ShortAnswer,
    ShortQuestion,
    SingleQuestion,
    TrueFalseQuestion,
    render_texts,
)
from academy.packagefiles.yamlfile import LineDict

__all__ = [
    "QUESTION_TYPES",
    "Choice",
    "Item",
    "MatchingQuestion",
    "MultipleQuestion",
    "NumericAnswer",
    "NumericQuestion",
    "OrderingQuestion",
    "Pair",
    "Question",
    "QuizDefinition",
    "ShortAnswer",
    "ShortQuestion",
    "SingleQuestion",
    "TrueFalseQuestion",
    "parse_quiz",
    "render_texts",
]

QUIZ_KEYS = {
    "title",
    "introduction",
    "pass_mark",
    "max_attempts",
    "shuffle_questions",
    "shuffle_choices",
    "feedback",
    "time_limit_minutes",
    "questions",
}
QUESTION_KEYS = {"id", "type", "text", "feedback", "points"}
TYPES_MESSAGE = ", ".join(TYPE_KEYS)


def parse_quiz(
    data: LineDict,
    path: str,
    languages: list[str],
    default_language: str,
    problems: Problems,
) -> QuizDefinition | None:
    """Check a quiz file's data; the definition, or None if any error was reported.

    Every problem goes to problems with path and its line; warnings alone do not
    prevent a definition.
    """
    check = Check(path, list(languages), default_language, problems)
    errors = check.error_count
    if not isinstance(data, dict):
        check.error(getattr(data, "line", 1), _("must be a map of keys and values"))
        return None
    data = as_line_dict(data)
    allowed(data, QUIZ_KEYS, check)
    settings = _settings(data, check)
    questions = _questions(data, check)
    if check.error_count > errors:
        return None
    return QuizDefinition(
        languages=tuple(languages),
        default_language=default_language,
        questions=tuple(questions),
        **settings,
    )


def _settings(data: LineDict, check: Check) -> dict:
    return {
        "title": texts(data, "title", check),
        "introduction": texts(data, "introduction", check, needed=False),
        "pass_mark": number(data, "pass_mark", check, 0, 100, 70, _("a number from 0 to 100")),
        "max_attempts": _max_attempts(data, check),
        "shuffle_questions": boolean(data, "shuffle_questions", check, False),
        "shuffle_choices": boolean(data, "shuffle_choices", check, False),
        "feedback": one_of(data, "feedback", check, FEEDBACK_MODES),
        "time_limit_minutes": whole_number(
            data, "time_limit_minutes", check, 1, 600, _("a whole number from 1 to 600")
        ),
    }


def _max_attempts(data: LineDict, check: Check) -> int | None:
    value = data.get("max_attempts", "unlimited")
    if value == "unlimited":
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        check.error(
            data.line_of("max_attempts"),
            # TRANSLATORS: 'max_attempts' is a YAML key and unlimited a YAML value; keep them.
            _("'max_attempts' must be a whole number of at least 1, or unlimited"),
        )
        return None
    return value


def _questions(data: LineDict, check: Check) -> list[Question]:
    if not present(data, "questions", check):
        return []
    seen: dict[str, int] = {}
    items = mappings(data, "questions", check, 1, _("a list of at least one question"))
    questions = [_question(item, check, seen) for item in items]
    return [question for question in questions if question is not None]


def _question(data: LineDict, check: Check, seen: dict[str, int]) -> Question | None:
    question_type = data.get("type")
    known = isinstance(question_type, str) and question_type in TYPE_KEYS
    if known:
        allowed(data, QUESTION_KEYS | TYPE_KEYS[question_type], check)
    elif present(data, "type", check):
        # TRANSLATORS: 'type' is a YAML key; %(types)s lists its values: keep them in English.
        message = _("'type' must be one of %(types)s", types=TYPES_MESSAGE)
        check.error(data.line_of("type"), message)
    common = {
        "id": item_id(data, check, seen, "question"),
        "text": texts(data, "text", check),
        "feedback": texts(data, "feedback", check, needed=False),
        "points": _points(data, check),
    }
    if not known:
        return None
    question = BUILDERS[question_type](data, check, common)
    return question if common["id"] is not None else None


def _points(data: LineDict, check: Check) -> float:
    value = data.get("points", 1)
    if not is_number(value) or value <= 0:
        # TRANSLATORS: 'points' is a YAML key; keep it in English.
        check.error(data.line_of("points"), _("'points' must be a number above 0"))
        return 1
    return value

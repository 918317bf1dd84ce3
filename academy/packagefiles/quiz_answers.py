"""Check the answer keys of short and numeric questions (see quiz_questions.py)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from academy.messages import gettext as _
from academy.messages import lazy_gettext as _l
from academy.packagefiles.quiz_fields import (
    Check,
    all_languages_reason,
    allowed,
    boolean,
    is_number,
    mappings,
    number,
    present,
    texts,
)
from academy.packagefiles.quiz_types import (
    NumericAnswer,
    NumericQuestion,
    ShortAnswer,
    ShortQuestion,
)
from academy.packagefiles.yamlfile import LineDict

# An answer listed for its feedback may earn nothing, as a 0% answer does in Moodle.
CREDIT_MESSAGE = _l("a percentage from 0 to 100")


def short(data: LineDict, check: Check, common: dict) -> ShortQuestion | None:
    errors = check.error_count
    flags = {
        "ignore_case": boolean(data, "ignore_case", check, True),
        "ignore_spaces": boolean(data, "ignore_spaces", check, True),
        "ignore_accents": boolean(data, "ignore_accents", check, False),
    }
    answers = _short_answers(data, check)
    other = texts(data, "feedback_other", check, needed=False)
    if check.error_count > errors:
        return None
    return ShortQuestion(**common, answers=answers, **flags, feedback_other=other)


def _short_answers(data: LineDict, check: Check) -> dict[str, tuple[ShortAnswer, ...]]:
    if not present(data, "answers", check):
        return {}
    value, line = data["answers"], data.line_of("answers")
    if isinstance(value, list | str) and len(check.languages) == 1:
        value = {check.languages[0]: value}
    if not isinstance(value, dict):
        check.error(
            line,
            # TRANSLATORS: 'answers' is a YAML key; keep the YAML example after "like" as it is.
            _(
                "'answers' must map each language to a list of accepted answers, "
                "like answers: {en: [vote]}"
            ),
        )
        return {}
    result = {}
    for language, accepted in value.items():
        where = value.line_of(language) if isinstance(value, LineDict) else line
        if language not in check.languages:
            # TRANSLATORS: %(language)s is a language code like fr; 'answers' is a YAML key.
            message = _("'%(language)s' in 'answers' is not a course language", language=language)
            check.error(where, message)
            continue
        result[language] = _accepted(accepted, language, where, check)
    missing = [language for language in check.languages if language not in value]
    if missing:
        check.error(
            line,
            # TRANSLATORS: 'answers' is a YAML key; %(languages)s language codes like "fr, es";
            # %(reason)s is the sentence "a quiz needs every course language, because ...".
            _(
                "'answers' has no %(languages)s answers: %(reason)s",
                languages=", ".join(missing),
                reason=all_languages_reason(),
            ),
        )
    return result


def _accepted(accepted, language: str, line: int, check: Check) -> tuple[ShortAnswer, ...]:
    """The accepted answers of one language: text, or {text, credit}."""
    if isinstance(accepted, str):
        accepted = [accepted]
    if not isinstance(accepted, list) or not accepted:
        # TRANSLATORS: 'answers' is a YAML key; %(language)s is a language code like fr.
        message = _(
            "'answers' in %(language)s must be a list of accepted answers", language=language
        )
        check.error(line, message)
        return ()
    result = []
    for answer in accepted:
        text, credit, where, feedback = answer, 100, line, {}
        if isinstance(answer, LineDict):
            where = answer.line
            allowed(answer, {"text", "credit", "feedback"}, check)
            if not present(answer, "text", check):
                continue
            text = answer["text"]
            credit = number(answer, "credit", check, 0, 100, 100, CREDIT_MESSAGE)
            feedback = _answer_feedback(answer, language, check)
        if not isinstance(text, str):
            check.error(
                where,
                # TRANSLATORS: %(language)s is a language code like fr; yes/no are YAML values
                # and {text: vote, credit: 50} is YAML: keep them in English.
                _(
                    "each accepted answer in %(language)s must be text (put numbers and yes/no "
                    "in quotes), or a map like {text: vote, credit: 50}",
                    language=language,
                ),
            )
        elif not text.strip():
            # TRANSLATORS: %(language)s is a language code like fr.
            check.error(where, _("an accepted answer in %(language)s is empty", language=language))
        else:
            result.append(ShortAnswer(text=text, credit=credit, feedback=feedback))
    if result and not any(answer.credit == 100 for answer in result):
        check.error(
            line,
            # TRANSLATORS: 'answers' is a YAML key; %(language)s is a language code like fr.
            _(
                "'answers' in %(language)s has no answer with credit 100, "
                "so no learner answering in %(language)s can get full marks",
                language=language,
            ),
        )
    return tuple(result)


def _answer_feedback(answer: LineDict, language: str, check: Check) -> dict[str, str]:
    """The feedback of one accepted answer: text in the answer's own language."""
    feedback = answer.get("feedback")
    if feedback is None:
        return {}
    if not isinstance(feedback, str):
        # TRANSLATORS: 'feedback' is a YAML key; %(language)s is a language code like fr.
        message = _(
            "'feedback' of an accepted answer in %(language)s must be text", language=language
        )
        check.error(answer.line_of("feedback"), message)
        return {}
    return {language: feedback} if feedback.strip() else {}


def numeric(data: LineDict, check: Check, common: dict) -> NumericQuestion | None:
    errors = check.error_count
    other = texts(data, "feedback_other", check, needed=False)
    if "answer" in data and "answers" in data:
        # TRANSLATORS: 'answer' and 'answers' are YAML keys; keep them in English.
        message = _("write either 'answer' (one value) or 'answers' (a list)")
        check.error(data.line_of("answer"), message)
        return None
    if "tolerance" in data and "answer" not in data:
        check.error(
            data.line_of("tolerance"),
            # TRANSLATORS: 'tolerance', 'answer' and 'answers' are YAML keys; keep them in English.
            _("'tolerance' goes with 'answer'; in 'answers', give each answer its own tolerance"),
        )
    if "answer" in data:
        answers = [_numeric_answer(data, "answer", check, with_credit=False)]
    elif "answers" in data:
        # TRANSLATORS: keep the YAML example after "like" as it is.
        expected = _("a list of answers, like - {value: 3.5, tolerance: 0.1}")
        items = mappings(data, "answers", check, 1, expected)
        answers = [_numeric_item(item, check) for item in items]
    else:
        # TRANSLATORS: 'answer' and 'answers' are YAML keys; keep them in English.
        message = _("a numeric question needs 'answer' (one value) or 'answers'")
        check.error(data.line, message)
        return None
    if check.error_count > errors:
        return None
    if not any(answer.credit == 100 for answer in answers):
        # TRANSLATORS: credit is a YAML key; keep it in English.
        message = _("at least one answer must have credit 100")
        check.error(data.line_of("answers"), message)
        return None
    return NumericQuestion(**common, answers=tuple(answers), feedback_other=other)


def _numeric_item(item: LineDict, check: Check) -> NumericAnswer:
    allowed(item, {"value", "tolerance", "credit", "feedback"}, check)
    if not present(item, "value", check):
        return NumericAnswer(value=0)
    answer = _numeric_answer(item, "value", check, with_credit=True)
    return replace(answer, feedback=texts(item, "feedback", check, needed=False))


def _numeric_answer(data: LineDict, key: str, check: Check, with_credit: bool) -> NumericAnswer:
    """The answer under key, with the tolerance (and credit) next to it."""
    value = data[key]
    if not is_number(value):
        # TRANSLATORS: %(key)s is a YAML key; keep the quotes around it.
        check.error(data.line_of(key), _("'%(key)s' must be a number", key=key))
        value = 0
    tolerance = number(data, "tolerance", check, 0, None, 0, _("a number of 0 or more"))
    credit = number(data, "credit", check, 0, 100, 100, CREDIT_MESSAGE) if with_credit else 100
    if value != 0 and tolerance >= abs(value):
        middle, spread = Decimal(str(value)), Decimal(str(tolerance))
        check.warning(
            data.line_of("tolerance"),
            _(
                "the tolerance accepts every answer between %(low)s and %(high)s; "
                "is that intended?",
                low=plain_decimal(middle - spread),
                high=plain_decimal(middle + spread),
            ),
        )
    return NumericAnswer(value=value, tolerance=tolerance, credit=credit)


def plain_decimal(number: Decimal) -> str:
    """3, 0.5, 1000: never an exponent, never trailing zeros."""
    text = f"{number.normalize():f}"
    return "0" if text == "-0" else text

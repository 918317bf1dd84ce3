"""Check the keys that depend on a question's type, and build its dataclass.

Short and numeric questions, whose answer keys need more checks, are in
quiz_answers.py.

Each function takes the question's mapping, the Check and the common fields
(id, text, feedback, points) already checked, and returns the question, or
None when something is wrong (every problem is reported first).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from academy.messages import gettext as _
from academy.packagefiles.quiz_answers import numeric, plain_decimal, short
from academy.packagefiles.quiz_fields import (
    Check,
    allowed,
    boolean,
    item_id,
    mappings,
    must_be_true_or_false,
    number,
    one_of,
    present,
    same_texts,
    texts,
)
from academy.packagefiles.quiz_types import (
    SCORING_MODES,
    Choice,
    Item,
    MatchingQuestion,
    MultipleQuestion,
    OrderingQuestion,
    Pair,
    SingleQuestion,
    TrueFalseQuestion,
)
from academy.packagefiles.yamlfile import LineDict

# Keys each type adds to id, type, text, feedback and points.
TYPE_KEYS = {
    "single": {"choices"},
    "multiple": {"choices", "scoring"},
    "true_false": {"answer", "feedback_true", "feedback_false"},
    "short": {"answers", "ignore_case", "ignore_spaces", "ignore_accents", "feedback_other"},
    "numeric": {"answer", "answers", "tolerance", "feedback_other"},
    "matching": {"pairs", "distractors"},
    "ordering": {"items"},
}


def _choices(data: LineDict, check: Check, with_credit: bool) -> list[Choice]:
    keys = {"id", "text", "correct", "feedback"} | ({"credit"} if with_credit else set())
    seen: dict[str, int] = {}
    choices, lines = [], []
    for item in mappings(data, "choices", check, 2, _("a list of at least 2 choices")):
        allowed(item, keys, check)
        choice = Choice(
            id=item_id(item, check, seen, "choice") or "",
            text=texts(item, "text", check),
            correct=boolean(item, "correct", check, False),
            credit=_credit(item, check) if with_credit else None,
            feedback=texts(item, "feedback", check, needed=False),
        )
        choices.append(choice)
        lines.append((item.line, choice.text))
    same_texts(lines, check, "choices")
    return choices


def _credit(item: LineDict, check: Check) -> float | None:
    return number(item, "credit", check, -100, 100, None, _("a percentage from -100 to 100"))


def single(data: LineDict, check: Check, common: dict) -> SingleQuestion | None:
    errors = check.error_count
    choices = _choices(data, check, with_credit=False)
    if check.error_count > errors:
        return None
    # Several correct choices are allowed, as in Moodle: picking any of them is right.
    if not any(choice.correct for choice in choices):
        # TRANSLATORS: "correct: true" is YAML; keep it in English.
        message = _("at least one choice must have correct: true")
        check.error(data.line_of("choices"), message)
        return None
    return SingleQuestion(**common, choices=tuple(choices))


def multiple(data: LineDict, check: Check, common: dict) -> MultipleQuestion | None:
    errors = check.error_count
    choices = _choices(data, check, with_credit=True)
    scoring = one_of(data, "scoring", check, SCORING_MODES)
    if check.error_count > errors:
        return None
    if any(choice.credit is not None for choice in choices):
        return _with_credits(data, check, common, choices)
    if not any(choice.correct for choice in choices):
        # TRANSLATORS: "correct: true" is YAML; keep it in English.
        message = _("at least one choice must have correct: true")
        check.error(data.line_of("choices"), message)
        return None
    return MultipleQuestion(**common, choices=tuple(choices), scoring=scoring)


def _with_credits(data: LineDict, check: Check, common: dict, choices: list[Choice]):
    """A multiple question scored by the credits of its choices (GIFT weights)."""
    errors = check.error_count
    for item in data["choices"]:
        if "correct" in item:
            check.error(
                item.line_of("correct"),
                # TRANSLATORS: 'correct' and 'credit' are YAML keys; keep them in English.
                _(
                    "'correct' cannot be used with 'credit': when choices have credits, "
                    "a choice with a credit above 0 is correct"
                ),
            )
    if "scoring" in data:
        check.error(
            data.line_of("scoring"),
            # TRANSLATORS: 'scoring' and 'credit' are YAML keys; keep them in English.
            _(
                "'scoring' cannot be used with 'credit': "
                "the credits of the chosen choices are added up"
            ),
        )
    best = sum((Decimal(str(c.credit)) for c in choices if c.credit and c.credit > 0), Decimal())
    # To the hundredth of a percent, as grading adds them: 3 x 33.33333 makes 100.
    if round(best, 2) < 100:
        check.error(
            data.line_of("choices"),
            _(
                "the credits above 0 add up to %(total)s%%, "
                "so no learner can get full marks; they must add up to at least 100",
                total=plain_decimal(best),
            ),
        )
    if check.error_count > errors:
        return None
    # A choice without a credit is worth 0; a correct choice is one worth more.
    choices = [replace(c, credit=c.credit or 0, correct=(c.credit or 0) > 0) for c in choices]
    return MultipleQuestion(**common, choices=tuple(choices))


def true_false(data: LineDict, check: Check, common: dict) -> TrueFalseQuestion | None:
    errors = check.error_count
    answer = data.get("answer")
    if present(data, "answer", check) and not isinstance(answer, bool):
        check.error(data.line_of("answer"), must_be_true_or_false("answer"))
    feedback_true = texts(data, "feedback_true", check, needed=False)
    feedback_false = texts(data, "feedback_false", check, needed=False)
    if check.error_count > errors:
        return None
    return TrueFalseQuestion(
        **common, answer=answer, feedback_true=feedback_true, feedback_false=feedback_false
    )


def matching(data: LineDict, check: Check, common: dict) -> MatchingQuestion | None:
    errors = check.error_count
    seen: dict[str, int] = {}
    pairs, prompts, matches = [], [], []
    for item in mappings(data, "pairs", check, 2, _("a list of at least 2 pairs")):
        allowed(item, {"id", "prompt", "match"}, check)
        pair = Pair(
            id=item_id(item, check, seen, "pair") or "",
            prompt=texts(item, "prompt", check),
            match=texts(item, "match", check),
        )
        pairs.append(pair)
        prompts.append((item.line, pair.prompt))
        matches.append((item.line_of("match"), pair.match))
    distractors = []
    if "distractors" in data:
        # TRANSLATORS: keep the YAML example after "like" as it is.
        expected = _("a list of extra matches, like - {id: ..., text: {en: ...}}")
        for item in mappings(data, "distractors", check, 1, expected):
            distractors.append(_item(item, check, seen, "distractor"))
            matches.append((item.line, distractors[-1].text))
    same_texts(prompts, check, "pairs")
    same_texts(matches, check, "matches")
    if check.error_count > errors:
        return None
    return MatchingQuestion(**common, pairs=tuple(pairs), distractors=tuple(distractors))


def ordering(data: LineDict, check: Check, common: dict) -> OrderingQuestion | None:
    errors = check.error_count
    seen: dict[str, int] = {}
    items = [
        _item(item, check, seen, "item")
        for item in mappings(data, "items", check, 2, _("a list of at least 2 items"))
    ]
    if check.error_count > errors:
        return None
    return OrderingQuestion(**common, items=tuple(items))


def _item(item: LineDict, check: Check, seen: dict[str, int], what: str) -> Item:
    allowed(item, {"id", "text"}, check)
    return Item(id=item_id(item, check, seen, what) or "", text=texts(item, "text", check))


BUILDERS = {
    "single": single,
    "multiple": multiple,
    "true_false": true_false,
    "short": short,
    "numeric": numeric,
    "matching": matching,
    "ordering": ordering,
}

"""Read a GIFT answer block (between { and }, general feedback removed).

The question type follows from the block as in Moodle: # numeric, any ~
choices, = with -> matching, T/F true/false, anything else short answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from academy.messages import gettext as _
from academy.messages import lazy_gettext as _l
from academy.quizzes.gift_text import find, partition, split, take_format, to_markdown, unescape

ESSAY = _l("essay questions cannot be imported: SSE Academy grades every answer automatically")
_WEIGHT = re.compile(r"\s*%(-?\d{1,20}(?:\.\d{1,20})?)%")
# GIFT numbers are written with a point; a short exponent keeps Decimal safe.
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d{1,4})?")
_LARGEST = Decimal("1e300")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}


class Problem(Exception):
    """Stops reading one question: what is wrong, at which offset of its block."""

    def __init__(self, offset: int, message: str):
        message = str(message)  # a lazy text, such as ESSAY, in the reader's language
        super().__init__(message)
        self.offset = offset
        self.message = message


@dataclass
class _Answer:
    marker: str  # "=", "~", or "" for text before the first marker
    weight: int | float | None  # the %weight%, if written
    text: str  # raw GIFT, weight and feedback removed
    feedback: str  # raw GIFT after #
    offset: int


def read_answers(block: str, base: int, text_format: str, language: str) -> dict:
    """The type and type-specific keys of a question; `base` is the block's offset."""
    stripped = block.strip()
    if not stripped:
        raise Problem(base, ESSAY)
    if stripped.startswith("#"):
        after = block.index("#") + 1
        return _numeric(block[after:], base + after)
    if find(block, "~") >= 0:
        return _choices(block, base, text_format, language)
    if find(block, "=") >= 0 and find(block, "->") >= 0:
        return _matching(block, base, text_format, language)
    if partition(stripped, "#")[0].strip() in _TRUE_FALSE:
        return _true_false(stripped, text_format, language)
    return _short(block, base, language)


def _answers(block: str, base: int, markers: str) -> list[_Answer]:
    pieces = split(block, markers)
    if not pieces[0][1].strip():
        pieces = pieces[1:]
    answers = []
    for marker, raw, offset in pieces:
        weight, rest = _weight(raw)
        text, feedback = partition(rest, "#")
        answers.append(_Answer(marker, weight, text, feedback, base + offset))
    return answers


def _weight(raw: str) -> tuple[int | float | None, str]:
    match = _WEIGHT.match(raw)
    if not match:
        return None, raw
    return _plain(Decimal(match.group(1))), raw[match.end() :]


def _plain(number: Decimal) -> int | float:
    """A whole number as int (YAML shows 3, not 3.0), anything else as float."""
    return int(number) if number == number.to_integral_value() else float(number)


def _text(raw: str, text_format: str, literal: str = "") -> str:
    """Markdown from a raw text, which may start with its own [format] tag."""
    own_format, raw = take_format(raw, text_format)
    return to_markdown(raw, own_format, literal)


# -- Choices --------------------------------------------------------------------


def _choices(block: str, base: int, text_format: str, language: str) -> dict:
    answers = _answers(block, base, "~=")
    weighted = any(answer.weight is not None for answer in answers)
    _check_choices(answers, base, weighted)
    choices = []
    for number, answer in enumerate(answers, 1):
        text = _text(answer.text, text_format)
        if not text:
            raise Problem(answer.offset, _("this choice has no text"))
        choice: dict = {"id": f"c{number}", "text": {language: text}}
        if weighted:
            choice["credit"] = _credit(answer)
        elif answer.marker == "=":
            choice["correct"] = True
        feedback = _text(answer.feedback, text_format)
        if feedback:
            choice["feedback"] = {language: feedback}
        choices.append(choice)
    return {"type": "multiple" if weighted else "single", "choices": choices}


def _credit(answer: _Answer) -> int | float:
    """= is the full mark; ~ is worth its weight, or nothing."""
    return 100 if answer.marker == "=" else answer.weight or 0


def _check_choices(answers: list[_Answer], base: int, weighted: bool) -> None:
    correct = [answer for answer in answers if answer.marker == "="]
    if len(answers) < 2:
        raise Problem(base, _("a choice question needs at least two choices"))
    if len(correct) > 1:
        # TRANSLATORS: =, ~ and ~%50% are GIFT syntax; keep them ("answer" may be translated).
        message = _(
            "only one answer can be marked = when there are ~ answers; "
            "give weights (~%50%answer) to make several answers count"
        )
        raise Problem(correct[1].offset, message)
    for answer in correct:
        if answer.weight is not None:
            # TRANSLATORS: =, ~ and ~%50% are GIFT syntax; keep them ("answer" may be translated).
            message = _("write a weight after ~ (~%50%answer); = marks the one correct choice")
            raise Problem(answer.offset, message)
    for answer in answers:
        if not -100 <= _credit(answer) <= 100:
            raise Problem(answer.offset, _("a choice's weight must be from -100% to 100%"))
    best = sum(_credit(answer) for answer in answers if _credit(answer) > 0)
    if weighted and round(best, 2) < 100:
        message = _(
            "the positive weights add up to %(total)s%%, so no learner can get full marks",
            total=f"{best:g}",
        )
        raise Problem(base, message)
    if not weighted and not correct:
        # TRANSLATORS: = is GIFT syntax; keep it.
        raise Problem(base, _("no choice is marked correct: write = before the correct one"))


# -- Numbers ----------------------------------------------------------------------


def _numeric(block: str, base: int) -> dict:
    wrong = find(block, "~")
    if wrong >= 0:
        # TRANSLATORS: ~ and #### are GIFT syntax; keep them.
        message = _(
            "feedback for wrong numeric answers (~) cannot be imported; "
            "use the general feedback (####)"
        )
        raise Problem(base + wrong, message)
    answers = [_numeric_answer(answer) for answer in _answers(block, base, "=")]
    if not answers:
        raise Problem(base, _("the numeric question has no answer"))
    if not any(answer["credit"] == 100 for answer in answers):
        raise Problem(base, _("at least one numeric answer must be worth 100%"))
    if len(answers) == 1:
        question = {"type": "numeric", "answer": answers[0]["value"]}
        if answers[0]["tolerance"]:
            question["tolerance"] = answers[0]["tolerance"]
        return question
    for answer in answers:  # defaults are left out, as an author would
        for key, default in (("tolerance", 0), ("credit", 100)):
            if answer[key] == default:
                del answer[key]
    return {"type": "numeric", "answers": answers}


def _numeric_answer(answer: _Answer) -> dict:
    credit = 100 if answer.weight is None else answer.weight
    if not 1 <= credit <= 100:
        raise Problem(answer.offset, _("a numeric answer's weight must be from 1% to 100%"))
    if answer.feedback.strip():
        # TRANSLATORS: #### is GIFT syntax; keep it.
        message = _(
            "feedback on a numeric answer cannot be imported; use the general feedback (####)"
        )
        raise Problem(answer.offset, message)
    value, tolerance = _value(answer.text.strip(), answer.offset)
    return {"value": value, "tolerance": tolerance, "credit": credit}


def _value(raw: str, offset: int) -> tuple[int | float, int | float]:
    """(value, tolerance) from "3.5", "3.5:0.1" or the range "3..4"."""
    dots, colon = find(raw, ".."), find(raw, ":")
    if dots > 0:
        low, high = _number(raw[:dots], offset), _number(raw[dots + 2 :], offset)
        if high < low:
            raise Problem(offset, _("the range ends below its start"))
        return _plain((low + high) / 2), _plain((high - low) / 2)
    if colon > 0:
        value, tolerance = _number(raw[:colon], offset), _number(raw[colon + 1 :], offset)
        if tolerance < 0:
            raise Problem(offset, _("a tolerance cannot be negative"))
        return _plain(value), _plain(tolerance)
    return _plain(_number(raw, offset)), 0


def _number(raw: str, offset: int) -> Decimal:
    text = unescape(raw).strip()
    if not _NUMBER.fullmatch(text):
        shown = text if len(text) <= 30 else text[:30] + "..."
        # TRANSLATORS: %(text)s is what the GIFT file has where a number should be.
        message = _("'%(text)s' is not a number (write 3.5, with a point)", text=shown)
        raise Problem(offset, message)
    number = Decimal(text)
    if abs(number) > _LARGEST:
        raise Problem(offset, _("%(number)s is too large", number=text))
    return number


# -- Matching, true/false, short answers --------------------------------------------


def _matching(block: str, base: int, text_format: str, language: str) -> dict:
    pieces = split(block, "=")
    if pieces[0][1].strip():
        # TRANSLATORS: = and -> are GIFT syntax; keep them ("prompt" and "match" may be translated).
        raise Problem(base, _("write each pair as =prompt -> match"))
    pairs, distractors = [], []
    for _marker, raw, offset in pieces[1:]:
        arrow = find(raw, "->")
        if arrow < 0:
            # TRANSLATORS: -> is GIFT syntax; keep it ("prompt" and "match" may be translated).
            raise Problem(base + offset, _("a matching pair needs 'prompt -> match'"))
        # A prompt holds "->" written "-\>"; Markdown shows \> and > alike anyway.
        prompt = _text(raw[:arrow], text_format, literal=">")
        match = _text(raw[arrow + 2 :], text_format)
        if not match:
            # TRANSLATORS: -> is GIFT syntax; keep it.
            raise Problem(base + offset, _("this pair has nothing after ->"))
        if prompt:
            pair = {"id": f"p{len(pairs) + 1}", "prompt": {language: prompt}}
            pairs.append({**pair, "match": {language: match}})
        else:  # "= -> text": a match that belongs to no prompt
            distractors.append({"id": f"d{len(distractors) + 1}", "text": {language: match}})
    if len(pairs) < 2:
        raise Problem(base, _("a matching question needs at least two pairs"))
    question = {"type": "matching", "pairs": pairs}
    if distractors:
        question["distractors"] = distractors
    return question


def _true_false(block: str, text_format: str, language: str) -> dict:
    """{T#wrong#right}: Moodle shows the first feedback for a wrong answer."""
    pieces = [raw for _marker, raw, _offset in split(block, "#", maxsplit=2)]
    answer = _TRUE_FALSE[pieces[0].strip()]
    wrong, right = (_text(raw, text_format) for raw in (pieces + ["", ""])[1:3])
    shown_for_true, shown_for_false = (right, wrong) if answer else (wrong, right)
    question = {"type": "true_false", "answer": answer}
    for key, feedback in (("feedback_true", shown_for_true), ("feedback_false", shown_for_false)):
        if feedback:
            question[key] = {language: feedback}
    return question


def _short(block: str, base: int, language: str) -> dict:
    accepted = [_accepted(answer) for answer in _answers(block, base, "=")]
    return {"type": "short", "answers": {language: accepted}}


def _accepted(answer: _Answer) -> str | dict:
    """One accepted short answer: literal text, not Markdown."""
    credit = 100 if answer.weight is None else answer.weight
    if not 1 <= credit <= 100:
        raise Problem(answer.offset, _("a short answer's weight must be from 1% to 100%"))
    if answer.feedback.strip():
        # TRANSLATORS: #### is GIFT syntax; keep it.
        message = _(
            "feedback on a short answer cannot be imported; use the general feedback (####)"
        )
        raise Problem(answer.offset, message)
    if find(answer.text, "*") >= 0:
        # TRANSLATORS: * and \* are GIFT syntax; keep them.
        message = _(
            "the * wildcard cannot be imported: SSE Academy compares short answers "
            "as written (write \\* for a star)"
        )
        raise Problem(answer.offset, message)
    text = unescape(answer.text, literal="*>").strip()
    if not text:
        raise Problem(answer.offset, _("this accepted answer is empty"))
    return text if credit == 100 else {"text": text, "credit": credit}

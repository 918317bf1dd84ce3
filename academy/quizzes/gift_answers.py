"""Read a GIFT answer block (between { and }, general feedback removed).

The question type follows from the block as in Moodle: # numeric, any ~
choices, = with -> matching, T/F true/false, anything else short answers.
This module reads the GIFT syntax; `bank_questions` maps the answers to the
quiz file format, as it does for Moodle XML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from academy.messages import gettext as _
from academy.messages import lazy_gettext as _l
from academy.quizzes import bank_questions as build
from academy.quizzes.bank_questions import MoodleAnswer, Notes, Problem, Skipped
from academy.quizzes.gift_text import find, partition, split, take_format, to_markdown, unescape

__all__ = ["ESSAY", "Problem", "Skipped", "read_answers"]

ESSAY = _l(
    "this essay question was left out: a person grades essays, and SSE Academy grades "
    "every answer automatically"
)
_WEIGHT = re.compile(r"\s*%(-?\d{1,20}(?:\.\d{1,20})?)%")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}


@dataclass
class _Answer:
    marker: str  # "=", "~", or "" for text before the first marker
    weight: int | float | None  # the %weight%, if written
    text: str  # raw GIFT, weight and feedback removed
    feedback: str  # raw GIFT after #
    offset: int


def read_answers(block: str, base: int, text_format: str, language: str, notes: Notes) -> dict:
    """The type and type-specific keys of a question; `base` is the block's offset."""
    stripped = block.strip()
    if not stripped:
        raise Skipped(base, ESSAY)
    if stripped.startswith("#"):
        after = block.index("#") + 1
        return _numeric(block[after:], base + after, text_format, language, notes)
    if find(block, "~") >= 0:
        return _choices(block, base, text_format, language, notes)
    if find(block, "=") >= 0 and find(block, "->") >= 0:
        return _matching(block, base, text_format, language)
    if partition(stripped, "#")[0].strip() in _TRUE_FALSE:
        return _true_false(stripped, text_format, language)
    return _short(block, base, text_format, language, notes)


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


_plain = build.plain


def _text(raw: str, text_format: str, literal: str = "") -> str:
    """Markdown from a raw text, which may start with its own [format] tag."""
    own_format, raw = take_format(raw, text_format)
    return to_markdown(raw, own_format, literal)


# -- Choices --------------------------------------------------------------------


def _choices(block: str, base: int, text_format: str, language: str, notes: Notes) -> dict:
    """= marks a right answer (Moodle then allows one answer); ~%50% gives a weight."""
    answers = _answers(block, base, "~=")
    for answer in answers:
        if answer.marker == "=" and answer.weight is not None:
            # TRANSLATORS: =, ~ and ~%50% are GIFT syntax; keep them ("answer" may be translated).
            message = _("write a weight after ~ (~%50%answer); = marks a correct choice")
            raise Problem(answer.offset, message)
    one_answer = any(answer.marker == "=" for answer in answers)
    unmarked = not one_answer and all(answer.weight is None for answer in answers)
    if unmarked and len(answers) > 1:
        # TRANSLATORS: = is GIFT syntax; keep it.
        raise Problem(base, _("no choice is marked correct: write = before the correct one"))
    moodle = [
        MoodleAnswer(
            _text(answer.text, text_format),
            100 if answer.marker == "=" else answer.weight or 0,
            _text(answer.feedback, text_format),
            answer.offset,
        )
        for answer in answers
    ]
    return build.choices(moodle, one_answer, language, notes, base)


# -- Numbers ----------------------------------------------------------------------


def _numeric(block: str, base: int, text_format: str, language: str, notes: Notes) -> dict:
    """{#3:2}, or {#=3:2#feedback =%50%3:3 ~#feedback for any other number}."""
    answers = []
    for answer in _answers(block, base, "=~"):
        feedback = _text(answer.feedback, text_format)
        if answer.marker == "~" and not answer.text.strip():
            answers.append(MoodleAnswer("*", 0, feedback, answer.offset, anything=True))
            continue
        credit = 0 if answer.marker == "~" else 100 if answer.weight is None else answer.weight
        value, tolerance = _value(answer.text.strip(), answer.offset)
        moodle = MoodleAnswer(answer.text, credit, feedback, answer.offset, value, tolerance)
        answers.append(moodle)
    return build.numeric(answers, language, notes, base)


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
    return build.read_number(unescape(raw), offset)


# -- Matching, true/false, short answers --------------------------------------------


def _matching(block: str, base: int, text_format: str, language: str) -> dict:
    pieces = split(block, "=")
    if pieces[0][1].strip():
        # TRANSLATORS: = and -> are GIFT syntax; keep them ("prompt" and "match" may be translated).
        raise Problem(base, _("write each pair as =prompt -> match"))
    pairs = []
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
        pairs.append((prompt, match, base + offset))  # "= -> text" matches no prompt
    return build.matching(pairs, language, base)


def _true_false(block: str, text_format: str, language: str) -> dict:
    """{T#wrong#right}: Moodle shows the first feedback for a wrong answer."""
    pieces = [raw for _marker, raw, _offset in split(block, "#", maxsplit=2)]
    answer = _TRUE_FALSE[pieces[0].strip()]
    wrong, right = (_text(raw, text_format) for raw in (pieces + ["", ""])[1:3])
    shown_for_true, shown_for_false = (right, wrong) if answer else (wrong, right)
    return build.true_false(answer, shown_for_true, shown_for_false, language)


def _short(block: str, base: int, text_format: str, language: str, notes: Notes) -> dict:
    answers = [_accepted(answer, text_format) for answer in _answers(block, base, "=")]
    return build.short(answers, language, notes, base, case_matters=False)


def _accepted(answer: _Answer, text_format: str) -> MoodleAnswer:
    """One accepted short answer: literal text, not Markdown; "*" alone matches anything."""
    credit = 100 if answer.weight is None else answer.weight
    feedback = _text(answer.feedback, text_format)
    if answer.text.strip() == "*":
        return MoodleAnswer("*", credit, feedback, answer.offset, anything=True)
    if find(answer.text, "*") >= 0:
        # TRANSLATORS: * and \* are GIFT syntax; keep them.
        message = _(
            "the * wildcard cannot be imported: SSE Academy compares short answers "
            "as written (write \\* for a star)"
        )
        raise Problem(answer.offset, message)
    text = unescape(answer.text, literal="*>").strip()
    return MoodleAnswer(text, credit, feedback, answer.offset)

"""Build quiz-file questions from Moodle's answers, whichever file format gave them.

GIFT and Moodle XML describe the same Moodle questions: answers with a grade
(a percentage, Moodle's "fraction") and feedback. Both readers turn their
syntax into `MoodleAnswer`s with Markdown texts and call the builders here, so
a Moodle question maps to the quiz file format in one way only. `where` is
whatever the reader reports problems at (an offset in a GIFT block, a line of
an XML file); `Notes` collects what came across differently, as warnings.
Pure: no Flask, no database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from academy.messages import gettext as _


class Problem(Exception):
    """Stops reading one question: what is wrong, and where (see the module docstring)."""

    def __init__(self, where: int, message: str):
        message = str(message)  # a lazy text, in the reader's language
        super().__init__(message)
        self.offset = where
        self.message = message


@dataclass
class MoodleAnswer:
    text: str  # Markdown; a short answer as typed; a number as written
    fraction: int | float  # Moodle's grade of the answer, in percent
    feedback: str = ""  # Markdown
    where: int = 0
    value: int | float = 0  # numeric answers only: the number read from `text`
    tolerance: int | float = 0
    anything: bool = False  # Moodle's "*" answer, which matches any answer


class Skipped(Problem):
    """A question the quiz format has no place for: left out with a warning, not an error."""


@dataclass
class Notes:
    """Warnings about one file: (where, message), `where` as for Problem."""

    items: list[tuple[int, str]] = field(default_factory=list)

    def add(self, where: int, message: str) -> None:
        self.items.append((where, str(message)))


# Moodle writes numbers with a point; a short exponent keeps Decimal safe.
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d{1,4})?")
_LARGEST = Decimal("1e300")


def read_number(text: str, where: int) -> Decimal:
    """A number as Moodle writes it ("3.5", "-2", "1e3"), or Problem."""
    text = text.strip()
    if not _NUMBER.fullmatch(text):
        shown = text if len(text) <= 30 else text[:30] + "..."
        # TRANSLATORS: %(text)s is what the file has where a number should be.
        message = _("'%(text)s' is not a number (write 3.5, with a point)", text=shown)
        raise Problem(where, message)
    number = Decimal(text)
    if abs(number) > _LARGEST:
        raise Problem(where, _("%(number)s is too large", number=text))
    return number


def plain(number: Decimal) -> int | float:
    """A whole number as int (YAML shows 3, not 3.0), anything else as float."""
    return int(number) if number == number.to_integral_value() else float(number)


def _feedback(question: dict, key: str, text: str, language: str) -> None:
    if text:
        question[key] = {language: text}


# -- Choices --------------------------------------------------------------------


def choices(
    answers: list[MoodleAnswer], one_answer: bool, language: str, notes: Notes, where: int
) -> dict:
    """A single question when Moodle allows one answer and grades 100% or nothing.

    Anything else is scored by credits in a multiple question, as Moodle adds up the
    grades of the answers ticked.
    """
    if len(answers) < 2:
        raise Problem(where, _("a choice question needs at least two choices"))
    for answer in answers:
        if not -100 <= answer.fraction <= 100:
            raise Problem(answer.where, _("a choice's weight must be from -100% to 100%"))
        if not answer.text:
            raise Problem(answer.where, _("this choice has no text"))
    plain = all(answer.fraction in (0, 100) for answer in answers)
    if one_answer and plain:
        if not any(answer.fraction == 100 for answer in answers):
            raise Problem(where, _("no choice is worth 100%, so no learner can get full marks"))
        return {"type": "single", "choices": _choices(answers, language, credits=False)}
    best = sum(answer.fraction for answer in answers if answer.fraction > 0)
    if round(best, 2) < 100:
        message = _(
            "the positive weights add up to %(total)s%%, so no learner can get full marks",
            total=f"{best:g}",
        )
        raise Problem(where, message)
    if one_answer:
        message = _(
            "this one-answer question gives part or negative marks, which a single question "
            "cannot; it becomes a multiple question scored by the same weights, where "
            "learners may tick several choices"
        )
        notes.add(where, message)
    return {"type": "multiple", "choices": _choices(answers, language, credits=True)}


def _choices(answers: list[MoodleAnswer], language: str, credits: bool) -> list[dict]:
    result = []
    for number, answer in enumerate(answers, 1):
        choice: dict = {"id": f"c{number}", "text": {language: answer.text}}
        if credits:
            choice["credit"] = answer.fraction
        elif answer.fraction == 100:
            choice["correct"] = True
        _feedback(choice, "feedback", answer.feedback, language)
        result.append(choice)
    return result


# -- Typed answers ----------------------------------------------------------------


def _take_anything(
    answers: list[MoodleAnswer], question: dict, language: str, notes: Notes
) -> list[MoodleAnswer]:
    """Moodle's "*" answer becomes the feedback for any other answer."""
    rest = []
    for answer in answers:
        if not answer.anything:
            rest.append(answer)
            continue
        if answer.fraction:
            message = _(
                "the answer * gives %(weight)s%% to any answer; here any other answer "
                "earns nothing, and only its feedback is kept",
                weight=f"{answer.fraction:g}",
            )
            notes.add(answer.where, message)
        _feedback(question, "feedback_other", answer.feedback, language)
    return rest


def short(
    answers: list[MoodleAnswer], language: str, notes: Notes, where: int, case_matters: bool
) -> dict:
    """Accepted answers in `language`, each with its credit and feedback."""
    question: dict = {"type": "short"}
    accepted = []
    for answer in _take_anything(answers, question, language, notes):
        if not 0 <= answer.fraction <= 100:
            raise Problem(answer.where, _("a short answer's weight must be from 0% to 100%"))
        text = answer.text.strip()
        if not text:
            raise Problem(answer.where, _("this accepted answer is empty"))
        if answer.fraction == 100 and not answer.feedback:
            accepted.append(text)
            continue
        item: dict = {"text": text}
        if answer.fraction != 100:
            item["credit"] = answer.fraction
        if answer.feedback:
            item["feedback"] = answer.feedback
        accepted.append(item)
    if not any(isinstance(a, str) or "credit" not in a for a in accepted):
        raise Problem(where, _("no accepted answer is worth 100%"))
    question["answers"] = {language: accepted}
    if case_matters:
        question["ignore_case"] = False
    return _other_last(question)


def numeric(answers: list[MoodleAnswer], language: str, notes: Notes, where: int) -> dict:
    """Numbers with tolerance, credit and feedback; the compact form when it says all."""
    question: dict = {"type": "numeric"}
    written = []
    for answer in _take_anything(answers, question, language, notes):
        if not 0 <= answer.fraction <= 100:
            raise Problem(answer.where, _("a numeric answer's weight must be from 0% to 100%"))
        item: dict = {"value": answer.value}
        if answer.tolerance:
            item["tolerance"] = answer.tolerance
        if answer.fraction != 100:
            item["credit"] = answer.fraction
        _feedback(item, "feedback", answer.feedback, language)
        written.append(item)
    if not written:
        raise Problem(where, _("the numeric question has no answer"))
    if not any(item.get("credit", 100) == 100 for item in written):
        raise Problem(where, _("at least one numeric answer must be worth 100%"))
    if len(written) == 1 and set(written[0]) <= {"value", "tolerance"}:
        question["answer"] = written[0]["value"]
        if "tolerance" in written[0]:
            question["tolerance"] = written[0]["tolerance"]
    else:
        question["answers"] = written
    return _other_last(question)


def _other_last(question: dict) -> dict:
    """The feedback for any other answer goes after the answers, where a reader looks."""
    if "feedback_other" in question:
        question["feedback_other"] = question.pop("feedback_other")
    return question


# -- Matching and true/false --------------------------------------------------------


def matching(pairs: list[tuple[str, str, int]], language: str, where: int) -> dict:
    """(prompt, match, where) each; a match without a prompt is a distractor."""
    found, distractors = [], []
    for prompt, match, at in pairs:
        if not match:
            raise Problem(at, _("this pair has no match"))
        if prompt:
            pair = {"id": f"p{len(found) + 1}", "prompt": {language: prompt}}
            found.append({**pair, "match": {language: match}})
        else:
            distractors.append({"id": f"d{len(distractors) + 1}", "text": {language: match}})
    if len(found) < 2:
        raise Problem(where, _("a matching question needs at least two pairs"))
    question = {"type": "matching", "pairs": found}
    if distractors:
        question["distractors"] = distractors
    return question


def true_false(answer: bool, for_true: str, for_false: str, language: str) -> dict:
    """Feedback shown to those who answered true, and to those who answered false."""
    question: dict = {"type": "true_false", "answer": answer}
    _feedback(question, "feedback_true", for_true, language)
    _feedback(question, "feedback_false", for_false, language)
    return question

"""Moodle GIFT conversion for quiz files: pure functions, no Flask, no database.

`parse_gift` reads GIFT written in one language; `merge_gift` adds a GIFT
translation to an existing quiz, matching questions by order and refusing any
difference in the answer key; `write_gift` writes one language back as GIFT.
They work on the plain data of a quiz file (dicts and lists, as YAML reads it).
"""

from __future__ import annotations

import math

from academy.quizzes.gift_parser import GiftError, parse_gift, read_gift
from academy.quizzes.gift_writer import write_gift

__all__ = ["GiftError", "merge_gift", "parse_gift", "write_gift"]

# Optional texts: a language the GIFT file lacks is removed from them, so
# re-importing a language leaves no stale text behind.
_QUESTION_TEXTS = ("text", "feedback", "feedback_true", "feedback_false")
_PARTS = (
    ("choices", ("text", "feedback")),
    ("pairs", ("prompt", "match")),
    ("distractors", ("text",)),
)
_MALFORMED = (KeyError, TypeError, ValueError, AttributeError, IndexError)
_PLAIN_TEXT = (
    "the quiz writes this text without a language (a one-language course); "
    "write its texts as maps such as {en: ...} before adding a language"
)


class _Refused(Exception):
    """A question of the GIFT file does not fit the quiz; the message says how."""


def merge_gift(
    quiz: dict, text: str, language: str, path: str = "<gift>", *, quiz_path: str = "<quiz>"
) -> dict:
    """A copy of `quiz` with the `language` texts of the GIFT `text`.

    Ids and the answer key come from `quiz`; the GIFT file must agree with them.
    """
    gift = read_gift(text, language, path)
    merged = _plain(quiz)
    if not isinstance(merged, dict) or not isinstance(merged.get("questions"), list):
        raise GiftError([(quiz_path, 1, "the quiz has no list of questions")])
    questions, theirs = merged["questions"], gift.quiz["questions"]
    problems = []
    if len(questions) != len(theirs):
        line = gift.lines[min(len(questions), len(theirs) - 1)]
        counts = f"{len(questions)} in the quiz, {len(theirs)} here"
        message = f"the number of questions differs: {counts}; questions are matched by order"
        problems.append((path, line, message))
    pairs = zip(questions, theirs, gift.lines, strict=False)  # the count is reported above
    for number, (mine, their, line) in enumerate(pairs, 1):
        try:
            _check(mine, their)
            _add_texts(mine, their, language)
        except _Refused as refused:
            problems.append((path, line, f"{_name(number, mine)}: {refused}"))
        except _MALFORMED:
            message = "the quiz's question does not follow the quiz file format"
            problems.append((path, line, f"{_name(number, mine)}: {message}"))
    if gift.category and not problems:
        _set_title(merged, language, gift.category, quiz_path)
    if problems:
        raise GiftError(problems)
    return merged


def _name(number: int, question) -> str:
    if isinstance(question, dict) and "id" in question:
        return f"question {number} ('{question['id']}')"
    return f"question {number}"


def _plain(data):
    """A deep copy made of plain dicts and lists (YAML cannot dump the line-aware ones)."""
    if isinstance(data, dict):
        return {key: _plain(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_plain(item) for item in data]
    return data


def _set_title(merged: dict, language: str, title: str, quiz_path: str) -> None:
    try:
        _set(merged, "title", language, title)
    except _Refused as refused:
        raise GiftError([(quiz_path, 1, f"the title: {refused}")]) from None


# -- Comparing the answer key ---------------------------------------------------------


def _check(mine, their: dict) -> None:
    if not isinstance(mine, dict):
        raise _Refused("the quiz's question is not a mapping")
    kind = mine.get("type")
    if kind == "ordering":
        raise _Refused("the quiz has an ordering question here, which GIFT cannot hold")
    if kind != their["type"]:
        raise _Refused(f"the type differs: {kind} in the quiz, {their['type']} here")
    _CHECKS.get(kind, lambda _mine, _their: None)(mine, their)


def _check_choices(mine: dict, their: dict) -> None:
    old, new = mine.get("choices") or [], their["choices"]
    if len(old) != len(new):
        raise _Refused(f"the number of choices differs: {len(old)} in the quiz, {len(new)} here")
    for number, (a, b) in enumerate(zip(old, new, strict=True), 1):
        if "credit" in a and "credit" in b and not _same(a["credit"], b["credit"]):
            worth = f"{a['credit']}% in the quiz, {b['credit']}% here"
            raise _Refused(f"choice {number} is worth {worth}")
        if _correct(a) != _correct(b):
            where = "in the quiz, not here" if _correct(a) else "here, not in the quiz"
            raise _Refused(f"choice {number} is correct {where}")


def _correct(choice: dict) -> bool:
    """With credits, a choice is correct when it is worth something."""
    if "credit" in choice:
        return _number(choice["credit"]) > 0
    return choice.get("correct") is True


def _check_numeric(mine: dict, their: dict) -> None:
    old, new = _numeric_answers(mine), _numeric_answers(their)
    same = len(old) == len(new) and all(
        all(_same(x, y) for x, y in zip(a, b, strict=True)) for a, b in zip(old, new, strict=True)
    )
    if not same:
        raise _Refused(f"the numeric answers differ: {_show(old)} in the quiz, {_show(new)} here")


def _numeric_answers(question: dict) -> list[tuple]:
    """(value, tolerance, credit) of each answer, written either way."""
    answers = question.get("answers")
    if answers is None:
        answers = [{"value": question.get("answer"), "tolerance": question.get("tolerance", 0)}]
    return [(a.get("value"), a.get("tolerance", 0), a.get("credit", 100)) for a in answers]


def _show(answers: list[tuple]) -> str:
    return ", ".join(
        f"{value} ± {tolerance}" + (f" ({credit}%)" if credit != 100 else "")
        for value, tolerance, credit in answers
    )


def _check_matching(mine: dict, their: dict) -> None:
    for key, what in (("pairs", "pairs"), ("distractors", "extra matches (= -> ...)")):
        old, new = len(mine.get(key) or []), len(their.get(key) or [])
        if old != new:
            raise _Refused(f"the number of {what} differs: {old} in the quiz, {new} here")


def _check_true_false(mine: dict, their: dict) -> None:
    if mine.get("answer") is not their["answer"]:
        answer = str(mine.get("answer")).lower()
        raise _Refused(f"the answer is {answer} in the quiz, {str(their['answer']).lower()} here")


def _number(value) -> float:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else math.nan


def _same(a, b) -> bool:
    return math.isclose(_number(a), _number(b), rel_tol=1e-9, abs_tol=1e-12)


_CHECKS = {
    "single": _check_choices,
    "multiple": _check_choices,
    "numeric": _check_numeric,
    "matching": _check_matching,
    "true_false": _check_true_false,
}


# -- Adding the texts ---------------------------------------------------------------------


def _add_texts(mine: dict, their: dict, language: str) -> None:
    for key in _QUESTION_TEXTS:
        _set(mine, key, language, their.get(key, {}).get(language))
    for part, keys in _PARTS:
        # Same lengths: _check compared them (short answers have no parts).
        for old, new in zip(mine.get(part) or [], their.get(part) or [], strict=False):
            for key in keys:
                _set(old, key, language, new.get(key, {}).get(language))
    if mine["type"] == "short":
        _set(mine, "answers", language, their["answers"][language])


def _set(container: dict, key: str, language: str, value) -> None:
    """Put `value` in the language map `container[key]`; None removes that language."""
    current = container.get(key)
    if current is None and value is None:
        return
    if current is None:
        container[key] = {language: value}
    elif not isinstance(current, dict):
        raise _Refused(_PLAIN_TEXT + f" (its {key})")
    elif value is not None:
        current[language] = value
    else:
        current.pop(language, None)
        if not current:
            del container[key]

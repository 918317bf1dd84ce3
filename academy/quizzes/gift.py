"""Moodle GIFT conversion for quiz files: pure functions, no Flask, no database.

`parse_gift` reads GIFT written in one language; `merge_gift` adds a GIFT
translation to an existing quiz, matching questions by order and refusing any
difference in the answer key; `write_gift` writes one language back as GIFT.
They work on the plain data of a quiz file (dicts and lists, as YAML reads it).
"""

from __future__ import annotations

import math

from academy.messages import gettext as _
from academy.quizzes.gift_parser import GiftError, GiftFile, parse_gift, read_gift
from academy.quizzes.gift_writer import write_gift

__all__ = ["GiftError", "merge_bank", "merge_gift", "parse_gift", "write_gift"]

# Optional texts: a language the GIFT file lacks is removed from them, so
# re-importing a language leaves no stale text behind.
_QUESTION_TEXTS = ("text", "feedback", "feedback_true", "feedback_false", "feedback_other")
_PARTS = (
    ("choices", ("text", "feedback")),
    ("pairs", ("prompt", "match")),
    ("distractors", ("text",)),
)
_MALFORMED = (KeyError, TypeError, ValueError, AttributeError, IndexError)


class _Refused(Exception):
    """A question of the GIFT file does not fit the quiz; the message says how."""


def merge_gift(
    quiz: dict, text: str, language: str, path: str = "<gift>", *, quiz_path: str = "<quiz>"
) -> dict:
    """A copy of `quiz` with the `language` texts of the GIFT `text`.

    Ids and the answer key come from `quiz`; the GIFT file must agree with them.
    """
    return merge_bank(quiz, read_gift(text, language, path), language, path, quiz_path=quiz_path)


def merge_bank(
    quiz: dict, gift: GiftFile, language: str, path: str, *, quiz_path: str = "<quiz>"
) -> dict:
    """Like `merge_gift`, from a question bank already read (GIFT or Moodle XML)."""
    merged = _plain(quiz)
    if not isinstance(merged, dict) or not isinstance(merged.get("questions"), list):
        raise GiftError([(quiz_path, 1, _("the quiz has no list of questions"))])
    questions, theirs = merged["questions"], gift.quiz["questions"]
    problems = []
    if len(questions) != len(theirs):
        line = gift.lines[min(len(questions), len(theirs) - 1)]
        message = _(
            "the number of questions differs: %(in_quiz)s in the quiz, %(in_gift)s here; "
            "questions are matched by order",
            in_quiz=len(questions),
            in_gift=len(theirs),
        )
        problems.append((path, line, message))
    pairs = zip(questions, theirs, gift.lines, strict=False)  # the count is reported above
    for number, (mine, their, line) in enumerate(pairs, 1):
        try:
            _check(mine, their)
            _add_texts(mine, their, language)
        except _Refused as refused:
            problems.append((path, line, _about(_name(number, mine), str(refused))))
        except _MALFORMED:
            message = _("the quiz's question does not follow the quiz file format")
            problems.append((path, line, _about(_name(number, mine), message)))
    if gift.category and not problems:
        _set_title(merged, language, gift.category, quiz_path)
    if problems:
        raise GiftError(problems)
    return merged


def _name(number: int, question) -> str:
    if isinstance(question, dict) and "id" in question:
        # TRANSLATORS: %(id)s is the question's id in the quiz file; keep the quotes around it.
        return _("question %(number)s ('%(id)s')", number=number, id=question["id"])
    return _("question %(number)s", number=number)


def _about(question: str, problem: str) -> str:
    # TRANSLATORS: %(question)s is "question 2 ('definition')"; %(problem)s says what is wrong.
    return _("%(question)s: %(problem)s", question=question, problem=problem)


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
        message = _("the title: %(problem)s", problem=str(refused))
        raise GiftError([(quiz_path, 1, message)]) from None


# -- Comparing the answer key ---------------------------------------------------------


def _check(mine, their: dict) -> None:
    if not isinstance(mine, dict):
        raise _Refused(_("the quiz's question is not a mapping"))
    kind = mine.get("type")
    if kind == "ordering":
        raise _Refused(_("the quiz has an ordering question here, which GIFT cannot hold"))
    if kind != their["type"]:
        # TRANSLATORS: the types are question types of the quiz file (single, numeric...);
        # keep them in English.
        message = _(
            "the type differs: %(in_quiz)s in the quiz, %(in_gift)s here",
            in_quiz=kind,
            in_gift=their["type"],
        )
        raise _Refused(message)
    _CHECKS.get(kind, lambda _mine, _their: None)(mine, their)


def _check_choices(mine: dict, their: dict) -> None:
    old, new = mine.get("choices") or [], their["choices"]
    if len(old) != len(new):
        message = _(
            "the number of choices differs: %(in_quiz)s in the quiz, %(in_gift)s here",
            in_quiz=len(old),
            in_gift=len(new),
        )
        raise _Refused(message)
    for number, (a, b) in enumerate(zip(old, new, strict=True), 1):
        if "credit" in a and "credit" in b and not _same(a["credit"], b["credit"]):
            message = _(
                "choice %(number)s is worth %(in_quiz)s%% in the quiz, %(in_gift)s%% here",
                number=number,
                in_quiz=a["credit"],
                in_gift=b["credit"],
            )
            raise _Refused(message)
        if _correct(a) != _correct(b):
            raise _Refused(_correct_differs(number, _correct(a)))


def _correct_differs(number: int, in_quiz: bool) -> str:
    if in_quiz:
        return _("choice %(number)s is correct in the quiz, not here", number=number)
    return _("choice %(number)s is correct here, not in the quiz", number=number)


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
        message = _(
            "the numeric answers differ: %(in_quiz)s in the quiz, %(in_gift)s here",
            in_quiz=_show(old),
            in_gift=_show(new),
        )
        raise _Refused(message)


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
    for key in ("pairs", "distractors"):
        old, new = len(mine.get(key) or []), len(their.get(key) or [])
        if old != new:
            raise _Refused(_count_differs(key, old, new))


def _count_differs(key: str, in_quiz: int, in_gift: int) -> str:
    if key == "pairs":
        return _(
            "the number of pairs differs: %(in_quiz)s in the quiz, %(in_gift)s here",
            in_quiz=in_quiz,
            in_gift=in_gift,
        )
    # TRANSLATORS: "= -> ..." is GIFT syntax; keep it as it is.
    return _(
        "the number of extra matches (= -> ...) differs: %(in_quiz)s in the quiz, %(in_gift)s here",
        in_quiz=in_quiz,
        in_gift=in_gift,
    )


def _check_true_false(mine: dict, their: dict) -> None:
    if mine.get("answer") is not their["answer"]:
        # TRANSLATORS: the answers are the YAML values true and false; keep them in English.
        message = _(
            "the answer is %(in_quiz)s in the quiz, %(in_gift)s here",
            in_quiz=str(mine.get("answer")).lower(),
            in_gift=str(their["answer"]).lower(),
        )
        raise _Refused(message)


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
    if mine["type"] == "numeric":
        _add_numeric_feedback(mine, their.get("answers") or [], language)


def _add_numeric_feedback(mine: dict, theirs: list[dict], language: str) -> None:
    """Each answer's feedback; one answer written compactly becomes a list to hold it."""
    if "answer" in mine and any("feedback" in answer for answer in theirs):
        answer = {"value": mine.pop("answer")}
        if "tolerance" in mine:
            answer["tolerance"] = mine.pop("tolerance")
        mine["answers"] = [answer]
    # Same lengths: _check compared them.
    for old, new in zip(mine.get("answers") or [], theirs, strict=False):
        _set(old, "feedback", language, new.get("feedback", {}).get(language))


def _set(container: dict, key: str, language: str, value) -> None:
    """Put `value` in the language map `container[key]`; None removes that language."""
    current = container.get(key)
    if current is None and value is None:
        return
    if current is None:
        container[key] = {language: value}
    elif not isinstance(current, dict):
        raise _Refused(_plain_text(key))
    elif value is not None:
        current[language] = value
    else:
        current.pop(language, None)
        if not current:
            del container[key]


def _plain_text(key: str) -> str:
    # TRANSLATORS: "{en: ...}" is YAML and %(key)s a YAML key (text, feedback...); keep them.
    return _(
        "the quiz writes this text without a language (a one-language course); "
        "write its texts as maps such as {en: ...} before adding a language (its %(key)s)",
        key=key,
    )

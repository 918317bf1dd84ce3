"""Read a Moodle XML question export into the quiz file format, in one language.

Moodle writes every question as <question type="...">; the graded types the
quiz format holds come across with their feedback (mapped by `bank_questions`,
as GIFT is), categories name the quiz, and anything else (essays,
descriptions, cloze, calculated, drag and drop, random...) is left out with a
warning naming its line and type. Problems in a question that should come
across are errors, all reported together as one GiftError, as for GIFT.
Pure: no Flask, no database.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from pathlib import PurePath

from academy.messages import gettext as _
from academy.quizzes import bank_questions as build
from academy.quizzes.bank_questions import MoodleAnswer, Notes, Problem, Skipped
from academy.quizzes.gift_parser import (
    DESCRIPTION,
    ESSAY,
    GiftError,
    GiftFile,
    category_name,
    question_id,
)
from academy.quizzes.gift_text import convert
from academy.quizzes.moodle_xml_reader import Element, read_xml

__all__ = ["looks_like_xml", "read_moodle_xml"]

_FORMATS = {"html": "html", "moodle_auto_format": "moodle", "plain_text": "plain"}
_FORMATS["markdown"] = "markdown"
_FILES = "@@PLUGINFILE@@"
# A link or image to a file of the Moodle export: its text stays, the file does not.
_FILE_LINK = re.compile(r"""\s(?:href|src)\s*=\s*(["'])@@PLUGINFILE@@.*?\1""", re.IGNORECASE)
_START = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*<(?:\?xml|quiz\b|!--|!DOCTYPE)", re.IGNORECASE)
_TRUE = ("true", "1")


def looks_like_xml(data: bytes) -> bool:
    """Moodle XML starts with <?xml or <quiz; GIFT never starts with "<"-something like it."""
    return bool(_START.match(data))


def read_moodle_xml(data: bytes, language: str, path: str = "<xml>") -> GiftFile:
    """The quiz of a Moodle XML export, with its lines, first category and warnings."""
    root = read_xml(data, path)
    if root.tag != "quiz":
        message = _("this is not a Moodle XML question export: it does not start with <quiz>")
        raise GiftError([(path, root.line, message)])
    problems, questions, lines, warnings = [], [], [], []
    category, total, used, shuffles = None, 0, set(), []
    for element in root.all("question"):
        kind = element.attributes.get("type", "")
        if kind == "category":
            category = category or category_name(element.text_of("category"))
            continue
        total += 1
        notes = Notes()
        try:
            question = _question(element, kind, language, notes)
        except Skipped as skipped:
            warnings.append((path, skipped.offset, skipped.message))
            continue
        except Problem as problem:
            problems.append((path, problem.offset, problem.message))
            continue
        finally:
            warnings.extend((path, line, message) for line, message in notes.items)
        if kind in ("multichoice", "matching"):
            shuffles.append(element.text_of("shuffleanswers", "true").lower() in _TRUE)
        name = element.text_of("name")
        lines.append(element.line)
        questions.append({"id": question_id(name, total, used), **question})
    if not total:
        problems.append((path, root.line, _("the file has no questions")))
    elif not questions and not problems:
        message = _("the file has no question that can be graded automatically")
        problems.append((path, root.line, message))
    if problems:
        raise GiftError(problems)
    quiz = {"title": {language: category or PurePath(path).stem or "quiz"}}
    quiz.update(_shuffle(shuffles, path, root.line, warnings))
    quiz["questions"] = questions
    warnings.sort(key=lambda warning: warning[1])  # stable: a line's warnings keep their order
    return GiftFile(quiz, lines, category, total, warnings)


def _shuffle(shuffles: list[bool], path: str, line: int, warnings: list) -> dict:
    """The quiz shuffles the choices of all its questions or of none."""
    if shuffles and all(shuffles):
        return {"shuffle_choices": True}
    if any(shuffles):
        message = _(
            "some questions shuffle their choices and some do not; a quiz shuffles all or "
            "none, so this one does not (set shuffle_choices: true to shuffle them all)"
        )
        warnings.append((path, line, message))
    return {}


def _question(element: Element, kind: str, language: str, notes: Notes) -> dict:
    if kind not in _READERS:
        raise Skipped(element.line, _left_out(kind))
    stem, text_format = _stem(element, notes)
    question: dict = {"type": "", "text": {language: stem}}
    question.update(_READERS[kind](element, language, notes, text_format))
    general = _text(element.find("generalfeedback"), text_format, notes)
    if general:
        question["feedback"] = {language: general}
    points = _points(element)
    if points is not None:
        question["points"] = points
    _not_carried(element, notes)
    return question


def _left_out(kind: str) -> str:
    if kind == "essay":
        return str(ESSAY)
    if kind == "description":
        return str(DESCRIPTION)
    # TRANSLATORS: %(type)s is a Moodle question type, such as cloze or calculated.
    return _(
        "this question of type %(type)s was left out: the quiz file format has no such question",
        type=kind or "?",
    )


def _stem(element: Element, notes: Notes) -> tuple[str, str]:
    """(Markdown text, format): the format is the default of the question's other texts."""
    questiontext = element.find("questiontext")
    if questiontext is None:
        raise Problem(element.line, _("the question has no text"))
    text_format = _FORMATS.get(questiontext.attributes.get("format", "html"), "html")
    stem = _text(questiontext, text_format, notes)
    if not stem:
        raise Problem(questiontext.line, _("the question has no text"))
    return stem, text_format


def _text(element: Element | None, default_format: str, notes: Notes) -> str:
    """Markdown from an element holding <text> in its format attribute's format."""
    if element is None:
        return ""
    inner = element.find("text")
    raw = (inner.text if inner is not None else "").strip()
    text_format = _FORMATS.get(element.attributes.get("format", ""), default_format)
    if _FILES in raw or element.find("file") is not None:
        notes.add(element.line, _("images and files are not carried over; add them by hand"))
        raw = _FILE_LINK.sub("", raw).replace(_FILES, "")
    return convert(raw, text_format)


def _points(element: Element) -> int | float | None:
    raw = element.text_of("defaultgrade")
    try:
        points = build.plain(Decimal(raw)) if raw else None
    except InvalidOperation:
        return None
    return points if points is not None and points > 0 and points != 1 else None


def _not_carried(element: Element, notes: Notes) -> None:
    """Learner-facing texts the quiz format has no place for, said once each."""
    combined = ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback")
    found = [tag for tag in combined if element.text_of(tag)]
    if found:
        message = _(
            "the feedback for correct, partly correct and incorrect answers is not "
            "carried over: the quiz format shows each answer's feedback and the general feedback"
        )
        notes.add(element.find(found[0]).line, message)
    image = element.find("image") or element.find("image_base64")
    if image is not None and image.text.strip():  # Moodle 1.x exports: one picture
        notes.add(image.line, _("images and files are not carried over; add them by hand"))
    hints = [hint for hint in element.all("hint") if hint.text_of("text")]
    if hints:
        notes.add(hints[0].line, _("hints are not carried over: the quiz format has no hints"))


def _fraction(answer: Element) -> int | float:
    raw = answer.attributes.get("fraction", "0")
    try:
        return build.plain(Decimal(raw))
    except InvalidOperation:
        message = _("the answer's fraction '%(text)s' is not a number", text=raw[:30])
        raise Problem(answer.line, message) from None


def _answers(element: Element, text_format: str, notes: Notes) -> list[MoodleAnswer]:
    return [
        MoodleAnswer(
            _text(answer, text_format, notes),
            _fraction(answer),
            _text(answer.find("feedback"), text_format, notes),
            answer.line,
        )
        for answer in element.all("answer")
    ]


# -- One reader per question type --------------------------------------------------


def _multichoice(element: Element, language: str, notes: Notes, text_format: str) -> dict:
    one_answer = element.text_of("single", "true").lower() in _TRUE
    answers = _answers(element, text_format, notes)
    return build.choices(answers, one_answer, language, notes, element.line)


def _truefalse(element: Element, language: str, notes: Notes, text_format: str) -> dict:
    found = {}
    for answer in element.all("answer"):
        value = answer.text_of("text").lower()
        if value in ("true", "false"):
            found[value] = (_fraction(answer), _text(answer.find("feedback"), text_format, notes))
    if set(found) != {"true", "false"}:
        message = _("a true/false question needs an answer 'true' and an answer 'false'")
        raise Problem(element.line, message)
    correct = found["true"][0] >= found["false"][0]
    return build.true_false(correct, found["true"][1], found["false"][1], language)


def _shortanswer(element: Element, language: str, notes: Notes, text_format: str) -> dict:
    answers = []
    for answer in element.all("answer"):
        text = answer.text_of("text")
        feedback = _text(answer.find("feedback"), text_format, notes)
        moodle = MoodleAnswer(text, _fraction(answer), feedback, answer.line)
        if text == "*":
            moodle.anything = True
        elif "*" in text.replace("\\*", ""):
            message = _(
                "the * wildcard cannot be imported: SSE Academy compares short answers as written"
            )
            raise Problem(answer.line, message)
        moodle.text = text.replace("\\*", "*")
        answers.append(moodle)
    case_matters = element.text_of("usecase", "0").lower() in _TRUE
    return build.short(answers, language, notes, element.line, case_matters)


def _numerical(element: Element, language: str, notes: Notes, text_format: str) -> dict:
    answers = []
    for answer in element.all("answer"):
        text = answer.text_of("text")
        feedback = _text(answer.find("feedback"), text_format, notes)
        moodle = MoodleAnswer(text, _fraction(answer), feedback, answer.line)
        if text == "*":
            moodle.anything = True
        else:
            moodle.value = build.plain(build.read_number(text, answer.line))
            tolerance = build.read_number(answer.text_of("tolerance") or "0", answer.line)
            moodle.tolerance = build.plain(abs(tolerance))
        answers.append(moodle)
    units = element.find("units")
    if units is not None and units.all("unit"):
        message = _("units are not carried over: learners type the number only")
        notes.add(units.line, message)
    return build.numeric(answers, language, notes, element.line)


def _matching(element: Element, language: str, notes: Notes, text_format: str) -> dict:
    pairs = []
    for sub in element.all("subquestion"):
        answer = sub.find("answer")
        match = convert(answer.text_of("text"), "plain") if answer is not None else ""
        pairs.append((_text(sub, text_format, notes), match, sub.line))
    return build.matching(pairs, language, element.line)


_READERS = {
    "multichoice": _multichoice,
    "truefalse": _truefalse,
    "shortanswer": _shortanswer,
    "numerical": _numerical,
    "matching": _matching,
}

"""Write one language of a quiz as Moodle GIFT (the to-gift command).

GIFT holds less than the quiz file format. Settings and options it has no
place for become // comment lines a person can read (from-gift ignores
comments); ordering questions and missing translations are refused.
Every text is written with a [markdown] tag, since quiz texts are Markdown.
"""

from __future__ import annotations

import json
import math

from academy.messages import gettext as _
from academy.quizzes.gift_parser import BLANK, GiftError
from academy.quizzes.gift_text import FORMAT_TAG, escape

__all__ = ["write_gift"]

# The keys each type writes in GIFT; any other key becomes a comment.
_WRITTEN = {
    "single": {"choices"},
    "multiple": {"choices", "scoring"},
    "true_false": {"answer", "feedback_true", "feedback_false"},
    "numeric": {"answer", "tolerance", "answers", "feedback_other"},
    "matching": {"pairs", "distractors"},
    "short": {"answers", "feedback_other"},
}
_COMMON = {"id", "type", "text", "feedback"}
_MALFORMED = (KeyError, TypeError, ValueError, AttributeError, IndexError)


class _Unwritable(Exception):
    """A question that cannot be written; the message says why."""


class _Texts:
    """Looks texts up in one language, noting every one that is missing."""

    def __init__(self, language: str):
        self.language = language
        self.missing: list[str] = []

    def get(self, value, what: str) -> str:
        if isinstance(value, dict):
            value = value.get(self.language)
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)  # YAML reads a text like 2024 as a number
        if not isinstance(value, str) or not value.strip():
            self.missing.append(what)
            return ""
        return value.strip()

    def optional(self, value, what: str) -> str:
        return "" if value is None else self.get(value, what)


def write_gift(quiz: dict, language: str, path: str = "<quiz>") -> str:
    """GIFT text for the `language` texts of `quiz`, or GiftError naming what is missing."""
    if not isinstance(quiz, dict) or not isinstance(quiz.get("questions"), list):
        raise GiftError([(path, 1, _("the quiz has no list of questions"))])
    problems: list[tuple[str, int, str]] = []
    parts = _header(quiz, language, path, problems)
    for number, question in enumerate(quiz["questions"], 1):
        name = _("question %(number)s", number=number)
        try:
            if "id" in question:
                name = _named(number, question["id"])
            parts.append(_question(question, language))
        except _Unwritable as error:
            problems.append((path, _line(question), _about(name, str(error))))
        except _MALFORMED:
            message = _(
                "%(question)s cannot be written: it does not follow the quiz file format",
                question=name,
            )
            problems.append((path, _line(question), message))
    if problems:
        raise GiftError(problems)
    return "\n\n".join(parts) + "\n"


def _named(number: int, question_id) -> str:
    # TRANSLATORS: %(id)s is the question's id in the quiz file; keep the quotes around it.
    return _("question %(number)s ('%(id)s')", number=number, id=question_id)


def _about(question: str, problem: str) -> str:
    # TRANSLATORS: %(question)s is "question 2 ('definition')"; %(problem)s says what is wrong.
    return _("%(question)s: %(problem)s", question=question, problem=problem)


def _line(mapping, key: str | None = None) -> int:
    """The YAML line, when the quiz was read with academy.packagefiles.yamlfile."""
    if key is not None and hasattr(mapping, "line_of"):
        return mapping.line_of(key)
    return getattr(mapping, "line", 1)


def _header(quiz: dict, language: str, path: str, problems: list) -> list[str]:
    """Settings as comments, then the title as the category."""
    comments = [
        f"// {key}: {_flow(value, language)}"
        for key, value in quiz.items()
        if key not in ("title", "questions")
    ]
    if comments:
        # TRANSLATORS: a comment line in the GIFT file written; from-gift is a command name.
        settings = _("Quiz settings (GIFT has no place for them; from-gift ignores them):")
        comments.insert(0, f"// {settings}")
    texts = _Texts(language)
    title = texts.get(quiz.get("title"), "title")
    if texts.missing:
        # TRANSLATORS: %(language)s is a language code such as fr; keep the quotes around it.
        message = _("the title has no '%(language)s' text", language=language)
        problems.append((path, _line(quiz, "title"), message))
    category = "$CATEGORY: " + escape(title).replace("/", "//")
    return ["\n".join([*comments, category])]


def _flow(value, language: str) -> str:
    """A setting on one line; of a text map, only the language written."""
    if isinstance(value, dict) and language in value:
        value = value[language]
    return json.dumps(value, ensure_ascii=False, default=str)


def _question(question: dict, language: str) -> str:
    kind = question["type"]
    if kind == "ordering":
        raise _Unwritable(_("ordering questions cannot be written in GIFT"))
    if kind not in _WRITERS:
        # TRANSLATORS: %(type)s is the value of the quiz file's 'type' key, as written there.
        raise _Unwritable(_("the type %(type)s is not a quiz question type", type=repr(kind)))
    texts = _Texts(language)
    stem = texts.get(question["text"], "text")
    body, notes = _WRITERS[kind](question, texts)
    feedback = texts.optional(question.get("feedback"), "feedback")
    if texts.missing:
        # TRANSLATORS: %(language)s is a language code such as fr; %(texts)s lists the
        # texts without it, such as "text, choice c2, feedback" (YAML keys stay in English).
        message = _(
            "no '%(language)s' text for: %(texts)s",
            language=language,
            texts=", ".join(texts.missing),
        )
        raise _Unwritable(message)
    if feedback:
        body.append("####" + _element(feedback))
    skipped = [key for key in question if key not in _COMMON | _WRITTEN[kind]]
    comments = [f"// {key}: {_flow(question[key], language)}" for key in skipped]
    return "\n".join([*comments, *notes, _assemble(str(question["id"]), stem, body)])


def _assemble(question_id: str, stem: str, body: list[str]) -> str:
    """::id::[markdown]text {answers}; the block goes where a missing word's blank is."""
    head = "::" + escape(question_id).replace(":", "\\:") + "::[markdown]"
    gap = stem.find(BLANK)
    after = stem[gap + len(BLANK) :] if gap >= 0 else ""
    if after.strip():
        return head + escape(stem[:gap]) + "{" + " ".join(body) + "}" + escape(after)
    if len(body) == 1:
        return f"{head}{escape(stem)} {{{body[0]}}}"
    # Numeric answers, one a line, follow the # that makes them numeric, as in Moodle.
    opening, body = ("{#", body[1:]) if body[0] == "#" else ("{", body)
    return f"{head}{escape(stem)} {opening}\n" + "".join(f"\t{line}\n" for line in body) + "}"


def _element(text: str, arrows: bool = False) -> str:
    """An answer or feedback text; a tag keeps "[html]..." or "%50%..." as text."""
    escaped = escape(text)
    if arrows:  # GIFT has no escape for ->; a matching prompt reads -\> back as ->
        escaped = escaped.replace("->", "-\\>")
    if FORMAT_TAG.match(text) or text.startswith("%"):
        escaped = "[markdown]" + escaped
    return escaped


def _number(value) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _Unwritable(_("%(value)s is not a number", value=repr(value)))
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


# -- Answer blocks: each returns (block lines, comment lines) ---------------------------


def _choice(choice: dict, texts: _Texts) -> str:
    # TRANSLATORS: names a text missing from a quiz; %(id)s is the choice's id.
    text = texts.get(choice["text"], _("choice %(id)s", id=choice.get("id")))
    # TRANSLATORS: names a text missing from a quiz; %(id)s is the choice's id.
    what = _("choice %(id)s feedback", id=choice.get("id"))
    feedback = texts.optional(choice.get("feedback"), what)
    return _element(text) + ("#" + _element(feedback) if feedback else "")


def _single(question: dict, texts: _Texts) -> tuple[list[str], list[str]]:
    """= before the first correct choice, ~%100% before any other (Moodle reads it alike).

    A block of = answers only would read back as short answers.
    """
    lines, marked = [], False
    for choice in question["choices"]:
        marker = "~"
        if choice.get("correct") is True:
            marker, marked = ("~%100%" if marked else "="), True
        lines.append(marker + _choice(choice, texts))
    return lines, []


def _multiple(question: dict, texts: _Texts) -> tuple[list[str], list[str]]:
    choices, notes = question["choices"], []
    if any("credit" in choice for choice in choices):
        credits = [choice.get("credit", 0) for choice in choices]
    else:
        credits = _partial_credits([choice.get("correct") is True for choice in choices])
        if question.get("scoring") != "partial":
            # TRANSLATORS: a comment line in the GIFT file written; "scoring: all_or_nothing"
            # is a quiz file setting (YAML key and value); keep it in English.
            note = _("scoring: all_or_nothing has no GIFT form; written as partial weights")
            notes.append(f"// {note}")
    lines = [
        "~" + (f"%{_number(credit)}%" if credit else "") + _choice(choice, texts)
        for choice, credit in zip(choices, credits, strict=True)
    ]
    return lines, notes


def _partial_credits(correct: list[bool]) -> list[float]:
    """Weights that score like `scoring: partial`: right ones add, wrong ones take away."""
    right, wrong = correct.count(True), correct.count(False)
    if not right:
        raise _Unwritable(_("no choice is correct"))
    return [round(100 / right, 5) if flag else round(-100 / wrong, 5) for flag in correct]


def _true_false(question: dict, texts: _Texts) -> tuple[list[str], list[str]]:
    answer = question["answer"]
    if not isinstance(answer, bool):
        raise _Unwritable(_("the answer is not true or false"))
    for_true = texts.optional(question.get("feedback_true"), "feedback_true")
    for_false = texts.optional(question.get("feedback_false"), "feedback_false")
    # GIFT writes the feedback for a wrong answer first.
    wrong, right = (for_false, for_true) if answer else (for_true, for_false)
    line = "TRUE" if answer else "FALSE"
    if wrong or right:
        line += f"#{_element(wrong) if wrong else ''}#{_element(right) if right else ''}"
    return [line], []


def _numeric(question: dict, texts: _Texts) -> tuple[list[str], list[str]]:
    answers = question.get("answers")
    if answers is None:
        answers = [{"value": question["answer"], "tolerance": question.get("tolerance", 0)}]
    written = []
    for number, answer in enumerate(answers, 1):
        credit, tolerance = answer.get("credit", 100), answer.get("tolerance", 0)
        weight = f"%{_number(credit)}%" if credit != 100 else ""
        margin = f":{_number(tolerance)}" if tolerance else ""
        # TRANSLATORS: names a text missing from a quiz; %(number)s counts the answers.
        what = _("answer %(number)s feedback", number=number)
        written.append(weight + _number(answer["value"]) + margin + _feedback(answer, texts, what))
    if not written:
        raise _Unwritable(_("the numeric question has no answer"))
    other = _feedback(question, texts, "feedback_other", "feedback_other")
    if len(written) == 1 and not written[0].startswith("%") and not other:
        return ["#" + written[0]], []
    return ["#", *(f"={answer}" for answer in written), *([f"~{other}"] if other else [])], []


def _feedback(owner: dict, texts: _Texts, what: str, key: str = "feedback") -> str:
    """#feedback of an answer, or ""; a text in one language (short answers) or a map."""
    feedback = texts.optional(owner.get(key), what)
    return "#" + _element(feedback) if feedback else ""


def _matching(question: dict, texts: _Texts) -> tuple[list[str], list[str]]:
    lines = []
    for pair in question["pairs"]:
        # TRANSLATORS: names a text missing from a quiz; %(id)s is the pair's id.
        prompt = texts.get(pair["prompt"], _("pair %(id)s prompt", id=pair.get("id")))
        # TRANSLATORS: names a text missing from a quiz; %(id)s is the pair's id.
        match = texts.get(pair["match"], _("pair %(id)s match", id=pair.get("id")))
        lines.append(f"={_element(prompt, arrows=True)} -> {_element(match)}")
    for distractor in question.get("distractors") or []:
        # TRANSLATORS: names a text missing from a quiz; %(id)s is the distractor's id.
        text = texts.get(distractor["text"], _("distractor %(id)s", id=distractor.get("id")))
        lines.append(f"= -> {_element(text)}")
    return lines, []


def _short(question: dict, texts: _Texts) -> tuple[list[str], list[str]]:
    answers = question["answers"]
    accepted = answers.get(texts.language) if isinstance(answers, dict) else answers
    if not accepted:
        texts.missing.append(_("accepted answers"))
        return [], []
    lines = []
    for answer in accepted:
        if isinstance(answer, str):
            text, credit, feedback = answer.strip(), 100, ""
        else:
            text, credit = str(answer["text"]).strip(), answer.get("credit", 100)
            feedback = _feedback(answer, texts, _("feedback of the answer %(text)s", text=text))
        # An explicit weight keeps a leading "%" from reading as one.
        weight = f"%{_number(credit)}%" if credit != 100 or text.startswith("%") else ""
        # In short answers a star is Moodle's wildcard, so a literal one is escaped.
        escaped = escape(text).replace("*", "\\*").replace("->", "-\\>")
        lines.append(f"={weight}{escaped}{feedback}")
    other = _feedback(question, texts, "feedback_other", "feedback_other")
    if other:
        lines.append(f"=%0%*{other}")  # Moodle's answer that matches anything
    return lines, []


_WRITERS = {
    "single": _single,
    "multiple": _multiple,
    "true_false": _true_false,
    "numeric": _numeric,
    "matching": _matching,
    "short": _short,
}

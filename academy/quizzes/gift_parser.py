"""Read Moodle GIFT into the quiz structure of the quiz file format, in one language.

Pure: no Flask, no database. Every problem is collected with its line and all
are raised together as one GiftError; nothing else escapes, whatever the text.
The answer blocks themselves are read by `gift_answers`.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import PurePath

from academy.messages import gettext as _
from academy.messages import lazy_gettext as _l
from academy.packagefiles.fields import MAX_ID_LENGTH
from academy.quizzes.bank_questions import Notes
from academy.quizzes.gift_answers import ESSAY, Problem, Skipped, read_answers
from academy.quizzes.gift_text import (
    DEFAULT_FORMAT,
    find,
    rfind,
    take_format,
    to_markdown,
    unescape,
)

__all__ = ["BLANK", "DESCRIPTION", "ESSAY", "GiftError", "GiftFile", "parse_gift", "read_gift"]

DESCRIPTION = _l("this description was left out: it is not a question; put its text in a lesson")
# Where a missing-word question's answer block was, as Moodle shows it.
BLANK = "_____"
# Stands for that block while the text around it is converted; removed from
# the input first, so it can only come from there.
_GAP = "\ufffc"
_CATEGORY = "$CATEGORY:"
_LINE_END = re.compile(r"\r\n|\r|\n")
_CONTEXT = re.compile(r"\$\w+\$")


class GiftError(Exception):
    """GIFT that cannot be converted; `problems` lists (path, line, message)."""

    def __init__(self, problems: list[tuple[str, int, str]]):
        self.problems = list(problems)
        super().__init__("\n".join(f"{p}:{line}: error: {m}" for p, line, m in self.problems))


class _Block:
    """The lines of one question (comment lines left out), joined, with their file lines."""

    def __init__(self, items: list[tuple[int, str]]):
        self.items = items
        self.text = "\n".join(line for _, line in items)
        self.starts = list(accumulate((len(line) + 1 for _, line in items[:-1]), initial=0))

    def line_at(self, offset: int) -> int:
        index = max(bisect_right(self.starts, offset) - 1, 0)
        return self.items[index][0]


@dataclass
class GiftFile:
    """A parsed GIFT file: the quiz, each question's first line, its first category.

    `total` counts the questions of the file, those left out included; `warnings`
    are (path, line, message), such as a question left out.
    """

    quiz: dict
    lines: list[int]
    category: str | None
    total: int = 0
    warnings: list[tuple[str, int, str]] = field(default_factory=list)


def parse_gift(text: str, language: str, path: str = "<gift>") -> dict:
    """Read a GIFT file's text as a quiz whose texts are all in `language`."""
    return read_gift(text, language, path).quiz


def read_gift(text: str, language: str, path: str = "<gift>") -> GiftFile:
    """Like `parse_gift`, keeping the lines, category and warnings merging reports on."""
    problems, questions, lines, warnings, category, total = [], [], [], [], None, 0
    used: set[str] = set()
    for block in _blocks(_clean(text)):
        name, block = _take_category(block)
        category = category or name
        if block is None:
            continue
        total += 1
        notes = Notes()
        try:
            title, question = _read_question(block, language, notes)
        except Skipped as skipped:  # named by the question's first line
            warnings.append((path, block.line_at(0), skipped.message))
            continue
        except Problem as problem:
            problems.append((path, block.line_at(problem.offset), problem.message))
            continue
        finally:
            warnings.extend((path, block.line_at(at), message) for at, message in notes.items)
        lines.append(block.line_at(0))
        questions.append({"id": question_id(title, total, used), **question})
    if not total:
        problems.append((path, 1, _("the file has no questions")))
    elif not questions and not problems:
        problems.append((path, 1, _("the file has no question that can be graded automatically")))
    if problems:
        raise GiftError(problems)
    title = category or PurePath(path).stem or "quiz"
    quiz = {"title": {language: title}, "questions": questions}
    warnings.sort(key=lambda warning: warning[1])  # stable: a line's warnings keep their order
    return GiftFile(quiz, lines, category, total, warnings)


def _clean(text: str) -> str:
    # Lone surrogates cannot reach nh3 (nor a UTF-8 file); they become U+FFFD.
    text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text.removeprefix("\ufeff").replace(_GAP, "")


def _blocks(text: str) -> list[_Block]:
    """Questions are separated by blank lines; lines starting with // are comments."""
    blocks, items = [], []
    for number, line in enumerate(_LINE_END.split(text), 1):
        line = line.strip()
        if not line and items:
            blocks.append(_Block(items))
            items = []
        elif line and not line.startswith("//"):
            items.append((number, line))
    if items:
        blocks.append(_Block(items))
    return blocks


def _take_category(block: _Block) -> tuple[str | None, _Block | None]:
    """Split off a $CATEGORY: line; what follows it in the block is a question."""
    if not block.text.startswith(_CATEGORY):
        return None, block
    name = category_name(unescape(block.items[0][1][len(_CATEGORY) :]))
    rest = block.items[1:]
    return name, _Block(rest) if rest else None


def category_name(path: str) -> str | None:
    """The last name of a category path ("$course$/top/Co-ops" is "Co-ops"); // is a /."""
    names = [name.replace("//", "/").strip() for name in re.split(r"(?<!/)/(?!/)", path)]
    names = [name for name in names if name]
    if names and _CONTEXT.fullmatch(names[0]):
        names = names[1:]
    if len(names) > 1 and names[0] == "top":
        names = names[1:]
    return names[-1] if names else None


def _read_question(block: _Block, language: str, notes: Notes) -> tuple[str | None, dict]:
    """(title, question without id) from one block, or Problem."""
    text = block.text
    title, start = _title(text)
    opening, closing = find(text, "{", start), find(text, "}", start)
    if opening < 0 and closing < 0:
        raise Skipped(0, DESCRIPTION)
    if opening < 0 or 0 <= closing < opening:
        # TRANSLATORS: } and \} are GIFT syntax; keep them.
        message = _("this } closes no answer block; write \\} for a brace in text")
        raise Problem(closing, message)
    if closing < 0:
        # TRANSLATORS: } is GIFT syntax; keep it.
        raise Problem(opening, _("the answer block opened here is not closed with }"))
    found = (find(text, "{", closing + 1), find(text, "}", closing + 1))
    extra = min((index for index in found if index >= 0), default=-1)
    if extra >= 0:
        # TRANSLATORS: \{ and \} are GIFT syntax; keep them.
        message = _("a question has one answer block; write \\{ and \\} for braces")
        raise Problem(extra, message)
    text_format, stem = _stem(text[start:opening], text[closing + 1 :])
    inner = text[opening + 1 : closing]
    split_at = rfind(inner, "####")
    answers = inner if split_at < 0 else inner[:split_at]
    body = read_answers(answers, opening + 1, text_format, language, notes)
    question = {"type": body.pop("type"), "text": {language: stem}, **body}
    feedback = _feedback(inner[split_at + 4 :], text_format) if split_at >= 0 else ""
    if feedback:
        question["feedback"] = {language: feedback}
    return title, question


def _feedback(raw: str, text_format: str) -> str:
    """General feedback, in the question's format unless it starts with its own tag."""
    own_format, raw = take_format(raw, text_format)
    return to_markdown(raw, own_format)


def _title(text: str) -> tuple[str | None, int]:
    """The ::title:: at the start, if any, and where the question text starts."""
    if not text.startswith("::"):
        return None, 0
    end = find(text, "::", 2)
    if end < 0:
        # TRANSLATORS: :: is GIFT syntax; keep it.
        raise Problem(0, _("the question title is not closed with ::"))
    return unescape(text[2:end]).strip(), end + 2


def _stem(before: str, after: str) -> tuple[str, str]:
    """(format, Markdown question text); text after the block makes a missing word."""
    raw = before + _GAP + after if after.strip() else before
    text_format, raw = take_format(raw, DEFAULT_FORMAT)
    stem = to_markdown(raw, text_format).replace(_GAP, BLANK)
    if not stem.replace(BLANK, "").strip():
        raise Problem(0, _("the question has no text"))
    return text_format, stem


def question_id(title: str | None, number: int, used: set[str]) -> str:
    """The slug of the title, else q<number>; made unique within the quiz."""
    slug = _slug(title or "") or f"q{number}"
    candidate, count = slug, 1
    while candidate in used:
        count += 1
        suffix = f"-{count}"
        candidate = slug[: MAX_ID_LENGTH - len(suffix)].rstrip("-") + suffix
    used.add(candidate)
    return candidate


def _slug(title: str) -> str:
    """Lowercase a-z0-9 words joined by single hyphens, starting with a letter."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", re.sub("'", "", ascii_title.lower())).strip("-")
    if slug and not slug[0].isalpha():
        slug = "q-" + slug
    return slug[:MAX_ID_LENGTH].rstrip("-")

"""Lesson containers (the boxes `::: note`, `::: tip` ...): their titles and their problems.

A container comes out of the parser bare; `add_callout_titles` gives it its
classes and a title, the author's or the label of its kind in the lesson's
language. `container_problems` finds what the parser lets pass silently (a box
never closed, a kind that does not exist), so the checker can report it with its
line. Both are kept together because they share the one definition of a box.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from markdown_it.token import Token

from academy.courses.parsers import INLINE, LESSON, STRUCTURE_LABELS
from academy.courses.sanitising import CONTAINER_KINDS
from academy.messages import gettext as _

DEFAULT_LABELS = {
    "note": "Note",
    "tip": "Tip",
    "warning": "Warning",
    "activity": "Activity",
    **STRUCTURE_LABELS,
}

# A container fence, possibly inside a list item or a block quote.
_CONTAINER_LINE = re.compile(r"[ \t>]*(:{3,})[ \t]*(\S*)")


def add_callout_titles(tokens: list[Token], labels: Mapping[str, str], env: dict) -> list[Token]:
    """Give each callout its classes and a title paragraph (the author's or the label)."""
    result = []
    for token in tokens:
        result.append(token)
        if not (token.type.startswith("container_") and token.nesting == 1):
            continue
        kind, *rest = token.info.split(maxsplit=1)
        title = rest[0].strip() if rest else ""
        token.attrSet("class", f"callout callout-{kind}")
        token.attrSet("role", "note")
        if title:
            # Parsed without the footnote plugin: the footnotes are already placed.
            inline = INLINE.parseInline(title, env)[0]
        else:
            # A label is plain text, never Markdown.
            label = labels.get(kind) or DEFAULT_LABELS[kind]
            inline = Token("inline", "", 0, children=[Token("text", "", 0, content=label)])
        inline.map = [token.map[0], token.map[0] + 1]
        heading = Token("paragraph_open", "p", 1, block=True, attrs={"class": "callout-title"})
        result += [heading, inline, Token("paragraph_close", "p", -1, block=True)]
    return result


def container_problems(markdown: str, first_line: int = 1) -> list[tuple[int, str]]:
    """(file line, message) for unknown container names and unclosed containers."""
    lines = re.split(r"\r\n|\r|\n", markdown)
    problems = []
    for token in LESSON.parse(markdown, {}):
        if token.type.startswith("container_") and token.nesting == 1:
            start, end = token.map
            closer = _CONTAINER_LINE.fullmatch(lines[end]) if end < len(lines) else None
            if not closer or closer.group(2) or len(closer.group(1)) < len(token.markup):
                kind = token.info.split()[0]
                # TRANSLATORS: a box in a lesson (::: note ... :::) has no closing line ':::'.
                # Keep ':::' as it is.
                message = _(
                    "the box '%(kind)s' is not closed: end it with a line of colons (:::)",
                    kind=kind,
                )
                problems.append((start + first_line, message))
        elif token.type == "inline" and token.map is not None:
            # An unknown name leaves its fence as paragraph text, line for line.
            for number, text in enumerate(token.content.split("\n")):
                opener = _CONTAINER_LINE.match(text)
                if opener and opener.group(2) and opener.group(2) not in CONTAINER_KINDS:
                    line = token.map[0] + number + first_line
                    # TRANSLATORS: a box in a lesson (::: name ... :::) with a name that is
                    # not note, tip, warning or activity. Keep those four words in English: authors
                    # write them so in every language.
                    message = _(
                        "unknown box '%(kind)s': the kinds are note, tip, warning and activity",
                        kind=opener.group(2),
                    )
                    problems.append((line, message))
    return sorted(problems)

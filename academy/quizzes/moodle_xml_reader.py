"""Read XML safely into small element trees that know their line, for Moodle XML.

Moodle XML comes from people's uploads, so no DTD is read: a document type
declaration or an entity declaration refuses the whole file before anything is
expanded (no "billion laughs", no external entities), and expat is told never
to read external parameter entities. Only the standard library is used.
Pure: no Flask, no database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.parsers import expat

from academy.messages import gettext as _
from academy.quizzes.gift_parser import GiftError

# Looked for in the raw bytes first, so that expat never sees a DTD at all.
_DECLARATION = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


@dataclass
class Element:
    """An XML element: its tag, attributes, line, children and text (CDATA included)."""

    tag: str
    attributes: dict[str, str]
    line: int
    children: list[Element] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def find(self, tag: str) -> Element | None:
        return next((child for child in self.children if child.tag == tag), None)

    def all(self, tag: str) -> list[Element]:
        return [child for child in self.children if child.tag == tag]

    def text_of(self, tag: str, default: str = "") -> str:
        """The text of the child `tag`, or of its own <text> child (Moodle nests both ways)."""
        child = self.find(tag)
        if child is None:
            return default
        inner = child.find("text")
        return (inner.text if inner is not None else child.text).strip()


class _Declared(Exception):
    """The document declares a DTD or an entity."""


def _refuse(*_args) -> None:
    raise _Declared


def read_xml(data: bytes, path: str) -> Element:
    """The root element of `data`, or GiftError with the line of the problem."""
    found = _DECLARATION.search(data)
    if found:
        raise GiftError([(path, data.count(b"\n", 0, found.start()) + 1, _declared())])
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse
    stack: list[Element] = [Element("", {}, 1)]

    def start(tag: str, attributes: dict[str, str]) -> None:
        element = Element(tag, attributes, parser.CurrentLineNumber)
        stack[-1].children.append(element)
        stack.append(element)

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda _tag: stack.pop()
    parser.CharacterDataHandler = lambda text: stack[-1].parts.append(text)
    try:
        parser.Parse(data, True)
    except _Declared:
        raise GiftError([(path, parser.CurrentLineNumber, _declared())]) from None
    except expat.ExpatError as error:
        reason = expat.ErrorString(error.code)
        # TRANSLATORS: %(reason)s is the XML parser's own explanation, in English.
        message = _("the file is not well-formed XML: %(reason)s", reason=reason)
        raise GiftError([(path, error.lineno, message)]) from None
    return stack[0].children[0]


def _declared() -> str:
    # TRANSLATORS: DOCTYPE and ENTITY are XML syntax; keep them.
    return _(
        "the file declares a DOCTYPE or an ENTITY, which is refused for safety; "
        "Moodle's own exports have none"
    )

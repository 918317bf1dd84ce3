"""GIFT text: escapes, escape-aware scanning, and the four text formats.

GIFT marks structure with ~ = # { } : and lets authors escape those with a
backslash. Every scan here skips escaped characters, and a text is unescaped
only once the structure around it is known, as Moodle's own importer does.
Quiz texts are inline Markdown (see the quiz file format), so each GIFT text
format is converted to Markdown here.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nh3

from academy.courses.sanitising import URL_SCHEMES, is_safe_url

# What a backslash escapes in GIFT; any other backslash is kept as written,
# which leaves Markdown's own escapes (\*, \_) working in Markdown texts.
_ESCAPES = {"~": "~", "=": "=", "#": "#", "{": "{", "}": "}", ":": ":", "n": "\n", "\\": "\\"}
# Written escaped by `escape` (":" only matters in titles and numbers, and
# leaving it alone keeps URLs readable for translators).
_SPECIAL = frozenset("\\~=#{}")
FORMAT_TAG = re.compile(r"\[(markdown|html|plain|moodle)\]")
DEFAULT_FORMAT = "markdown"
# Inline Markdown syntax that plain text must not trigger; "&" only where it
# would start an entity.
_MARKDOWN_SPECIAL = re.compile(r"[\\`*_\[\]<>~]|&(?=#?[A-Za-z0-9]+;)")
HARD_BREAK = "\\\n"


def find(text: str, token: str, start: int = 0) -> int:
    """The index of the first unescaped `token` at or after `start`, or -1."""
    index = start
    while index < len(text):
        if text[index] == "\\":
            index += 2
        elif text.startswith(token, index):
            return index
        else:
            index += 1
    return -1


def rfind(text: str, token: str) -> int:
    """The index of the last unescaped `token`, or -1."""
    last, index = -1, find(text, token)
    while index >= 0:
        last, index = index, find(text, token, index + 1)
    return last


def split(text: str, markers: str, maxsplit: int = -1) -> list[tuple[str, str, int]]:
    """Split at unescaped marker characters: (marker, piece, piece offset) each.

    The first piece has the marker "" (the text before any marker).
    """
    pieces, marker, begin, index = [], "", 0, 0
    while index < len(text) and len(pieces) != maxsplit:
        if text[index] == "\\":
            index += 2
            continue
        if text[index] in markers:
            pieces.append((marker, text[begin:index], begin))
            marker, begin = text[index], index + 1
        index += 1
    pieces.append((marker, text[begin:], begin))
    return pieces


def partition(text: str, token: str) -> tuple[str, str]:
    """Split at the first unescaped `token`; the second part is "" without one."""
    index = find(text, token)
    if index < 0:
        return text, ""
    return text[:index], text[index + len(token) :]


def unescape(text: str, literal: str = "") -> str:
    """Undo GIFT escapes; `literal` adds characters a backslash makes literal."""
    out, index = [], 0
    while index < len(text):
        char = text[index]
        following = text[index + 1 : index + 2]
        if char == "\\" and following and (following in _ESCAPES or following in literal):
            out.append(_ESCAPES.get(following, following))
            index += 2
        else:
            out.append(char)
            index += 1
    return "".join(out)


def escape(text: str) -> str:
    """Write `text` for GIFT: specials escaped, line ends as \\n (one line)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    escaped = "".join("\\" + char if char in _SPECIAL else char for char in text)
    return escaped.replace("\n", "\\n")


def take_format(raw: str, default: str) -> tuple[str, str]:
    """Split a leading [format] tag off a raw text: (format, rest)."""
    raw = raw.strip()
    match = FORMAT_TAG.match(raw)
    if not match:
        return default, raw
    return match.group(1), raw[match.end() :]


def to_markdown(raw: str, text_format: str, literal: str = "") -> str:
    """Unescape a raw GIFT text and convert it from `text_format` to Markdown."""
    return convert(unescape(raw, literal), text_format)


def convert(text: str, text_format: str) -> str:
    """Markdown from a text in one of Moodle's four formats (markdown, html, plain, moodle)."""
    if text_format == "plain":
        text = escape_markdown(text)
    elif text_format == "moodle":
        text = escape_markdown(text.strip()).replace("\n", HARD_BREAK)
    elif text_format == "html":
        text = html_to_markdown(text)
    return text.strip()


def escape_markdown(text: str) -> str:
    """Plain text as Markdown that renders exactly that text."""
    return _MARKDOWN_SPECIAL.sub(lambda match: "\\" + match.group(0), text)


# -- HTML ---------------------------------------------------------------------

# Untrusted HTML is first cut down to the tags that have a Markdown form; nh3
# drops <script> and <style> with their content, comments and unsafe URLs.
_CLEANER = nh3.Cleaner(
    tags={"p", "br", "em", "i", "strong", "b", "a", "code"},
    attributes={"a": {"href"}},
    attribute_filter=lambda _tag, _name, value: value if is_safe_url(value) else None,
    url_schemes=set(URL_SCHEMES),
    link_rel=None,
    strip_comments=True,
)
_WRAPPERS = {"em": "*", "i": "*", "strong": "**", "b": "**"}


class _MarkdownWriter(HTMLParser):
    """Turn the cleaned HTML into inline Markdown, one open element at a time."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str, list[str]]] = [("", "", [])]

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("br", "p"):
            self.stack[-1][2].append(HARD_BREAK)
        else:
            self.stack.append((tag, dict(attrs).get("href") or "", []))

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self.stack[-1][2].append(HARD_BREAK)
        elif len(self.stack) > 1 and self.stack[-1][0] == tag:
            name, href, parts = self.stack.pop()
            self.stack[-1][2].append(_wrap(name, href, "".join(parts)))

    def handle_data(self, data: str) -> None:
        inside_code = any(name == "code" for name, _, _ in self.stack)
        data = re.sub(r"\s+", " ", data)
        self.stack[-1][2].append(data if inside_code else escape_markdown(data))

    def result(self) -> str:
        while len(self.stack) > 1:
            self.handle_endtag(self.stack[-1][0])
        text = "".join(self.stack[0][2])
        # Paragraph ends and line breaks in a row make one line break.
        text = re.sub(r"(?:\\\n *)+", HARD_BREAK, text).strip(" ")
        # A break at either end would show as a stray backslash.
        text = text.removeprefix(HARD_BREAK).strip(" ")
        return text.removesuffix(HARD_BREAK).strip(" ")


def _wrap(name: str, href: str, inner: str) -> str:
    """Markdown for one element; spaces go outside emphasis so it still works."""
    core = inner.strip()
    if not core:
        return inner
    before, after = inner[: len(inner) - len(inner.lstrip())], inner[len(inner.rstrip()) :]
    if name in _WRAPPERS:
        core = _WRAPPERS[name] + core + _WRAPPERS[name]
    elif name == "code":
        fence = "`" * (max(map(len, re.findall("`+", core)), default=0) + 1)
        core = f"{fence} {core} {fence}" if "`" in core else f"{fence}{core}{fence}"
    elif name == "a" and href and not re.search(r"[<>\s]", href):
        core = f"[{core}](<{href}>)" if "(" in href or ")" in href else f"[{core}]({href})"
    return before + core + after


def html_to_markdown(html: str) -> str:
    """Sanitise HTML and keep what inline Markdown can say: p, br, em, strong, a, code."""
    writer = _MarkdownWriter()
    writer.feed(_CLEANER.clean(html))
    writer.close()
    return writer.result()

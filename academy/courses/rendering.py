"""Lesson Markdown to sanitised HTML, rendered once when a course is imported.

Pure functions, no Flask and no database: the importer stores `Rendered.html`
and checks `Rendered.references`. Trainers' Markdown is not trusted: raw HTML
comes out as text, and the result always goes through `sanitise`.

The pipeline: markdown-it parses to tokens; a few passes over the tokens add
callout titles, heading ids, table alignment classes and link attributes (and
collect every URL with its source line); the renderer makes HTML; nh3 cleans it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from markdown_it import MarkdownIt, rules_inline
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.footnote.index import footnote_inline

from academy.courses.sanitising import CONTAINER_KINDS, ID_PREFIX, sanitise
from academy.messages import gettext as _

__all__ = [
    "CONTAINER_KINDS",
    "DEFAULT_LABELS",
    "ID_PREFIX",
    "Reference",
    "Rendered",
    "container_problems",
    "render_inline",
    "render_lesson",
    "sanitise",
    "slugify",
]

DEFAULT_LABELS = {"note": "Note", "tip": "Tip", "warning": "Warning", "activity": "Activity"}


@dataclass(frozen=True)
class Reference:
    url: str  # as written by the author (percent-escapes decoded)
    line: int  # 1-based line in the source file
    kind: str  # "link" or "image"


@dataclass(frozen=True)
class Rendered:
    html: str
    references: tuple[Reference, ...]  # every link and image URL, in source order


RewriteUrl = Callable[[Reference], str | None]

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_ALIGN_STYLE = re.compile(r"text-align:(left|center|right)")
# Apostrophes join words in French ("l'ESS"), so they vanish from slugs.
_APOSTROPHES = re.compile("['\u2019\u02bc]")
# The footnote plugin's ids (fn1, fnref1); headings must not take them.
_FOOTNOTE_ID = re.compile(r"fn(ref)?\d+")
# A container fence, possibly inside a list item or a block quote.
_CONTAINER_LINE = re.compile(r"[ \t>]*(:{3,})[ \t]*(\S*)")
_TRACKED_TOKENS = ("link_open", "image", "footnote_ref")


# -- Parsers ----------------------------------------------------------------


def _tracking(rule: Callable) -> Callable:
    """Wrap an inline rule so its link/image token records its source offset.

    markdown-it keeps lines only for blocks; with the offset, a link's line in a
    multi-line paragraph is the paragraph's first line plus the newlines before it.
    """

    def tracked(state, silent: bool) -> bool:
        start, count = state.pos, len(state.tokens)
        if not rule(state, silent):
            return False
        for token in state.tokens[count:]:
            if token.type in _TRACKED_TOKENS:
                token.meta["offset"] = start
                break
        return True

    return tracked


def _number_lines(state) -> None:
    """Core rule: note each link's and image's line (0-based) in the body.

    Runs before the footnote plugin moves definitions to the end (dropping
    unreferenced ones), while every block still has its line map.
    """
    for block in state.tokens:
        if block.type == "inline" and block.map is not None:
            _number_inline(block.children or [], block.content, block.map[0], state.env)


def _number_inline(children: list[Token], source: str, line: int, env: dict) -> None:
    for token in children:
        if token.type not in _TRACKED_TOKENS:
            continue
        token.meta["line"] = line + source.count("\n", 0, token.meta.get("offset", 0))
        if token.type == "footnote_ref":
            note = env["footnotes"]["list"].get(token.meta["id"], {})
            if "tokens" in note:  # an inline footnote, ^[...], parsed on its own
                _number_inline(note["tokens"], note["content"], token.meta["line"], env)


def _base_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    for name in ("link", "image", "autolink"):
        md.inline.ruler.at(name, _tracking(getattr(rules_inline, name)))
    return md


def _render_table_open(self, tokens, idx, options, env) -> str:
    # The wrapper lets wide tables scroll sideways on phones (see the CSS).
    return '<div class="table-wrap">\n' + self.renderToken(tokens, idx, options, env)


def _render_table_close(self, tokens, idx, options, env) -> str:
    return self.renderToken(tokens, idx, options, env) + "</div>\n"


def _render_plain(self, tokens, idx, options, env) -> str:
    # Callout attributes are set on the tokens by `_add_callout_titles`.
    return self.renderToken(tokens, idx, options, env)


def _prefix_ids(rule: Callable) -> Callable:
    """Prefix the ids and fragments of the footnote plugin's fixed markup."""

    def render(self, tokens, idx, options, env) -> str:
        html = rule(tokens, idx, options, env)
        return html.replace(' id="', f' id="{ID_PREFIX}').replace(
            ' href="#', f' href="#{ID_PREFIX}'
        )

    return render


def _lesson_parser() -> MarkdownIt:
    md = _base_parser()
    md.use(footnote_plugin)
    md.inline.ruler.at("footnote_inline", _tracking(footnote_inline))
    md.core.ruler.before("footnote_tail", "number_lines", _number_lines)
    for name in ("footnote_ref", "footnote_open", "footnote_anchor"):
        md.add_render_rule(name, _prefix_ids(md.renderer.rules[name]))
    for kind in CONTAINER_KINDS:
        md.use(
            container_plugin,
            kind,
            validate=lambda params, *_, kind=kind: params.split(maxsplit=1)[:1] == [kind],
            render=_render_plain,
        )
    md.add_render_rule("table_open", _render_table_open)
    md.add_render_rule("table_close", _render_table_close)
    return md


_LESSON = _lesson_parser()
# Quiz text: no footnotes (there is no page bottom to put them at) nor blocks.
_INLINE = _base_parser()


# -- Block passes ------------------------------------------------------------


def _add_callout_titles(tokens: list[Token], labels: Mapping[str, str], env: dict) -> list[Token]:
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
            inline = _INLINE.parseInline(title, env)[0]
        else:
            # A label is plain text, never Markdown.
            label = labels.get(kind) or DEFAULT_LABELS[kind]
            inline = Token("inline", "", 0, children=[Token("text", "", 0, content=label)])
        inline.map = [token.map[0], token.map[0] + 1]
        heading = Token("paragraph_open", "p", 1, block=True, attrs={"class": "callout-title"})
        result += [heading, inline, Token("paragraph_close", "p", -1, block=True)]
    return result


def slugify(text: str) -> str:
    """A heading's slug: lowercase letters and digits of any script, joined by "-"."""
    text = _APOSTROPHES.sub("", unicodedata.normalize("NFC", text).lower())
    # Marks (Arabic harakat, Indic vowel signs) belong to their letter.
    slug = "".join(ch if unicodedata.category(ch)[0] in "LNM" else "-" for ch in text)
    return re.sub("-{2,}", "-", slug).strip("-") or "section"


def _unique(slug: str, used: set[str]) -> str:
    candidate, number = slug, 1
    while candidate in used or _FOOTNOTE_ID.fullmatch(candidate):
        number += 1
        candidate = f"{slug}-{number}"
    used.add(candidate)
    return candidate


def _decorate_blocks(tokens: list[Token]) -> None:
    """Heading ids; table alignment as classes (the CSP forbids style attributes)."""
    used: set[str] = set()
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            children = tokens[index + 1].children or []
            text = "".join(c.content for c in children if c.type in ("text", "code_inline"))
            token.attrSet("id", ID_PREFIX + _unique(slugify(text), used))
        elif token.type in ("th_open", "td_open") and token.attrGet("style"):
            match = _ALIGN_STYLE.fullmatch(str(token.attrGet("style")))
            del token.attrs["style"]
            if match:
                token.attrSet("class", f"align-{match.group(1)}")
        elif token.type == "fence":
            # No "language-*" class: nothing highlights code, and the allow-list
            # has no open-ended classes.
            token.info = ""


# -- Links and images ----------------------------------------------------------


def _is_relative(url: str) -> bool:
    return not (_SCHEME.match(url) or url.startswith(("#", "/")))


def _is_external(url: str) -> bool:
    return url.lower().startswith(("http:", "https:", "//"))


def _fix_links(
    md: MarkdownIt, tokens: list[Token], first_line: int, rewrite_url: RewriteUrl | None
) -> list[Reference]:
    """Fix up link and image attributes in place; return their references."""
    references = []
    for block in tokens:
        if block.type != "inline":
            continue
        # Callout titles and quiz text have no numbered lines: they are one-liners.
        fallback = block.map[0] if block.map else 0
        for token in block.children or []:
            if token.type in ("link_open", "image"):
                line = token.meta.get("line", fallback) + first_line
                references.append(_fix_url(md, token, line, rewrite_url))
    # Footnote definitions were moved to the end; list them where they were written.
    return sorted(references, key=lambda reference: reference.line)


def _fix_url(md: MarkdownIt, token: Token, line: int, rewrite_url: RewriteUrl | None) -> Reference:
    attribute, kind = ("src", "image") if token.type == "image" else ("href", "link")
    written = str(token.attrGet(attribute))
    url = md.normalizeLinkText(written)  # undo markdown-it's %-encoding
    reference = Reference(url=url, line=line, kind=kind)
    if url.startswith("#") and len(url) > 1:
        token.attrSet(attribute, "#" + ID_PREFIX + written[1:])
    elif _is_relative(url):
        new = rewrite_url(reference) if rewrite_url else None
        if new is not None:
            token.attrSet(attribute, md.normalizeLink(new))
    elif kind == "link" and _is_external(url):
        token.attrSet("rel", "noopener")
    if kind == "image":
        token.attrSet("loading", "lazy")
        token.attrSet("decoding", "async")
    return reference


# -- Public API ----------------------------------------------------------------


def render_lesson(
    markdown: str,
    *,
    first_line: int = 1,
    rewrite_url: RewriteUrl | None = None,
    labels: Mapping[str, str] = DEFAULT_LABELS,
) -> Rendered:
    """Render a lesson body; `first_line` is the file line where the body starts.

    `rewrite_url` is called with the reference of every relative link and image
    (no scheme, not "/..." nor "#..."); a string it returns replaces the URL
    as is (percent-encoded, a fragment in it is not prefixed), None keeps it.
    `labels` titles the callouts that have no title of their own.
    """
    env: dict = {}
    tokens = _add_callout_titles(_LESSON.parse(markdown, env), labels, env)
    _decorate_blocks(tokens)
    references = _fix_links(_LESSON, tokens, first_line, rewrite_url)
    html = sanitise(_LESSON.renderer.render(tokens, _LESSON.options, env))
    return Rendered(html=html, references=tuple(references))


def render_inline(text: str) -> str:
    """Render inline Markdown (emphasis, code, links) without a paragraph."""
    env: dict = {}
    tokens = _INLINE.parseInline(text, env)
    _fix_links(_INLINE, tokens, 1, None)
    return sanitise(_INLINE.renderer.render(tokens, _INLINE.options, env))


def container_problems(markdown: str, first_line: int = 1) -> list[tuple[int, str]]:
    """(file line, message) for unknown container names and unclosed containers."""
    lines = re.split(r"\r\n|\r|\n", markdown)
    problems = []
    for token in _LESSON.parse(markdown, {}):
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

"""Lesson Markdown to sanitised HTML, rendered once when a course is imported.

Pure functions, no Flask and no database: the importer stores `Rendered.html`
and checks `Rendered.references`. Trainers' Markdown is not trusted: raw HTML
comes out as text, and the result always goes through `sanitise`. The pipeline
is here, with its pass over headings, tables and code blocks; each other step
has its own module: markdown-it parses to tokens (academy.courses.parsers),
passes over the tokens add callout titles (academy.courses.containers), heading
ids, table alignment classes and link attributes (academy.courses.references,
which collects every URL with its source line), the renderer makes HTML, and
nh3 cleans it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from markdown_it.token import Token

from academy.courses.containers import DEFAULT_LABELS, add_callout_titles
from academy.courses.parsers import INLINE, LESSON
from academy.courses.references import Reference, RewriteUrl, fix_links
from academy.courses.sanitising import ID_PREFIX, sanitise

__all__ = [
    "Rendered",
    "render_inline",
    "render_lesson",
    "slugify",
]


@dataclass(frozen=True)
class Rendered:
    html: str
    references: tuple[Reference, ...]  # every link and image URL, in source order


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
    `labels` titles the callouts that have no title of their own and names the
    tables, the footnotes' heading and their back links (see parsers.STRUCTURE_LABELS).
    """
    env: dict = {"labels": {**DEFAULT_LABELS, **labels}}
    tokens = add_callout_titles(LESSON.parse(markdown, env), labels, env)
    _decorate_blocks(tokens)
    references = fix_links(LESSON, tokens, first_line, rewrite_url)
    html = sanitise(LESSON.renderer.render(tokens, LESSON.options, env))
    return Rendered(html=html, references=tuple(references))


def render_inline(text: str) -> str:
    """Render inline Markdown (emphasis, code, links) without a paragraph."""
    env: dict = {}
    tokens = INLINE.parseInline(text, env)
    fix_links(INLINE, tokens, 1, None)
    return sanitise(INLINE.renderer.render(tokens, INLINE.options, env))


# -- Headings, tables and code blocks --------------------------------------------


_ALIGN_STYLE = re.compile(r"text-align:(left|center|right)")
# Apostrophes join words in French ("l'ESS"), so they vanish from slugs.
_APOSTROPHES = re.compile("['\u2019\u02bc]")
# The footnote plugin's ids (fn1, fnref1); headings must not take them.
_FOOTNOTE_ID = re.compile(r"fn(ref)?\d+")


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

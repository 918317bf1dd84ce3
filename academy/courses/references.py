"""The links and images of rendered Markdown: their references, and their attributes.

`fix_links` walks the tokens once, after parsing and before the HTML is made: it
records every link and image URL with the file line it was written on (a
`Reference`, which the checker judges), lets the caller rewrite relative URLs
(academy.courses.links resolves them to site URLs), prefixes fragments like the
heading ids, and marks external links and images. One pass does all of it so a
URL is judged by the same code that rewrites it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from academy.courses.sanitising import ID_PREFIX


@dataclass(frozen=True)
class Reference:
    url: str  # as written by the author (percent-escapes decoded)
    line: int  # 1-based line in the source file
    kind: str  # "link" or "image"


RewriteUrl = Callable[[Reference], str | None]

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def _is_relative(url: str) -> bool:
    return not (_SCHEME.match(url) or url.startswith(("#", "/")))


def _is_external(url: str) -> bool:
    return url.lower().startswith(("http:", "https:", "//"))


def fix_links(
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

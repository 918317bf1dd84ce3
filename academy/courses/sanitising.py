"""The HTML allow-list for course content.

Everything the lesson renderer emits passes through `sanitise`, and so can any
other HTML that reaches a page from a course package (GIFT `[html]` questions).
The policy allows exactly the markup the renderer makes and nothing more, so a
bug in the renderer or a Markdown plugin cannot smuggle in anything executable.
"""

from __future__ import annotations

import re

import nh3

# Every id and same-page fragment carries this prefix, so lesson content can
# never clash with (or target) the ids of the page around it.
ID_PREFIX = "c-"

CONTAINER_KINDS = ("note", "tip", "warning", "activity")

URL_SCHEMES = frozenset({"http", "https", "mailto"})

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_ALIGN_CLASSES = frozenset({"align-left", "align-center", "align-right"})

_TAGS = frozenset(
    {
        *_HEADINGS,
        *("p", "ul", "ol", "li", "blockquote", "pre", "code", "em", "strong", "s", "del"),
        *("a", "img", "table", "thead", "tbody", "tr", "th", "td", "hr", "br"),
        *("sup", "sub", "section", "div", "span"),
    }
)

# Free-valued attributes; `class`, `rel`, `role`, `loading` and `decoding` are
# only allowed with the fixed values listed further down.
_ATTRIBUTES = {
    "a": {"href", "title", "id", "aria-label"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "li": {"id"},
    "div": {"aria-label"},  # a table's scrolling region
    **{heading: {"id"} for heading in _HEADINGS},
}

_ATTRIBUTE_VALUES = {
    "a": {"rel": {"noopener"}},
    "img": {"loading": {"lazy"}, "decoding": {"async"}},
    "div": {"role": {"note", "region"}, "tabindex": {"0"}},
}

_CLASSES = {
    "div": {"callout", "table-wrap", *(f"callout-{kind}" for kind in CONTAINER_KINDS)},
    "p": {"callout-title"},
    "th": _ALIGN_CLASSES,
    "td": _ALIGN_CLASSES,
    # The footnote plugin's markup.
    "sup": {"footnote-ref"},
    "hr": {"footnotes-sep"},
    "section": {"footnotes"},
    "ol": {"footnotes-list"},
    "li": {"footnote-item"},
    "a": {"footnote-backref"},
}

# Whatever a browser ignores inside a URL (whitespace, control and format
# characters); removed before looking for a scheme.
_IGNORABLE = re.compile(
    r"[\s\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]"
)


def is_safe_url(url: str) -> bool:
    """Whether `url` is an allowed absolute URL, a prefixed fragment or relative.

    Stricter than a browser: a colon anywhere before the first "/" counts as a
    scheme, which must be an allowed one, even where a browser would see none
    (`jav%09ascript:`, `java\ufffdscript:`, `&#x01;javascript:`). The price: a
    relative URL with a colon in its query or fragment ("a.md#x:y") is dropped.
    """
    compact = _IGNORABLE.sub("", url)
    if compact.startswith("#"):
        return compact.startswith("#" + ID_PREFIX)
    head = compact.split("/", 1)[0]
    if ":" not in head:
        return True
    return head.split(":", 1)[0].lower() in URL_SCHEMES


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    """Drop what nh3's allow-lists cannot express: value rules on ids and URLs."""
    if attribute == "id":
        return value if value.startswith(ID_PREFIX) else None
    if attribute in ("href", "src"):
        return value if is_safe_url(value) else None
    if attribute == "class":
        # nh3 would leave an empty class="" behind; drop the attribute instead.
        kept = [name for name in value.split() if name in _CLASSES.get(tag, ())]
        return " ".join(kept) or None
    return value


_CLEANER = nh3.Cleaner(
    tags=_TAGS,
    attributes=_ATTRIBUTES,
    tag_attribute_values=_ATTRIBUTE_VALUES,
    allowed_classes=_CLASSES,
    attribute_filter=_filter_attribute,
    url_schemes=URL_SCHEMES,
    url_relative="pass_through",
    # The renderer sets rel="noopener" on external links itself; nh3 would
    # otherwise add rel to every link, internal ones included.
    link_rel=None,
    strip_comments=True,
)


def sanitise(html: str) -> str:
    """Clean `html` down to the course content allow-list."""
    return _CLEANER.clean(html)

"""Nothing executable survives rendering: the XSS corpus through every entry point.

Each payload in xss_payloads.txt (blocks separated by a `%%%%` line) is
rendered as a lesson, as inline quiz text and sanitised as raw HTML; the output
is parsed back and checked element by element, attribute by attribute.
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest

from academy.courses.references import Reference
from academy.courses.rendering import render_inline, render_lesson
from academy.courses.sanitising import sanitise

_CORPUS = Path(__file__).with_name("xss_payloads.txt").read_text(encoding="utf-8")
PAYLOADS = [block.strip("\n") for block in re.split(r"^%%%%\n", _CORPUS, flags=re.MULTILINE)]

# Control characters cannot sit comfortably in a text file.
CONTROL_PAYLOADS = [
    "[x](java\x00script:alert(1))",
    "[x](\x01javascript:alert(1))",
    "[x](jav\tascript:alert(1))",
    "[x](java\x0bscript:alert(1))",
    "![x](\x1fjavascript:alert(1))",
    "[x](javascript\u2028:alert(1))",
    "[x](<java\rscript:alert(1)>)",
    '<a href="java\x00script:alert(1)">x</a>',
    '<a href="\x01javascript:alert(1)">x</a>',
    '<a href="jav\tascript:alert(1)">x</a>',
    '<img src="jav\nascript:alert(1)">',
    "\x00<script>alert(1)</script>",
]

FORBIDDEN_ELEMENTS = {
    *("script", "style", "iframe", "object", "embed", "svg", "math", "form", "input"),
    *("button", "base", "meta", "link", "frame", "frameset", "applet", "template"),
    *("textarea", "select", "noscript", "video", "audio", "source", "details"),
}
ALLOWED_ATTRIBUTES = {
    *("href", "src", "alt", "title", "rel", "id", "class", "role", "start"),
    *("loading", "decoding", "width", "height", "tabindex", "aria-label"),
}
SAFE_URL_STARTS = ("http:", "https:", "mailto:", "#c-")


class _Collector(HTMLParser):
    """Every start tag with its (already entity-decoded) attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))


def _compact(url: str) -> str:
    """The URL as a browser's scheme check sees it, and then some."""
    kept = (ch for ch in url if not ch.isspace() and unicodedata.category(ch)[0] != "C")
    return "".join(kept).lower()


def assert_harmless(output: str) -> None:
    collector = _Collector()
    collector.feed(output)
    collector.close()
    for tag, attrs in collector.elements:
        assert tag not in FORBIDDEN_ELEMENTS, output
        for name, value in attrs:
            assert not name.startswith("on"), output
            assert name != "style", output
            assert name in ALLOWED_ATTRIBUTES, output
            if name in ("href", "src"):
                url = _compact(value or "")
                assert url.startswith(SAFE_URL_STARTS) or ":" not in url.split("/")[0], output
                assert not url.startswith("#") or url.startswith("#c-"), output
            if name == "id":
                assert (value or "").startswith("c-"), output
            if name == "rel":
                assert value == "noopener", output
            if name == "role":
                assert value in ("note", "region"), output
            if name == "tabindex":
                assert value == "0", output


def test_corpus_is_large_and_distinct():
    assert len(PAYLOADS) >= 120
    assert len(set(PAYLOADS)) == len(PAYLOADS)
    assert all(payload.strip() for payload in PAYLOADS)


@pytest.mark.parametrize("index", range(len(PAYLOADS)))
def test_payload_is_harmless(index):
    payload = PAYLOADS[index]
    assert_harmless(render_lesson(payload).html)
    assert_harmless(render_lesson(payload, rewrite_url=lambda ref: ref.url).html)
    assert_harmless(render_inline(payload))
    assert_harmless(sanitise(payload))


@pytest.mark.parametrize("payload", CONTROL_PAYLOADS)
def test_control_character_payload_is_harmless(payload):
    assert_harmless(render_lesson(payload).html)
    assert_harmless(render_inline(payload))
    assert_harmless(sanitise(payload))


def test_harmless_check_catches_what_it_should():
    # The checker itself must fail on the things it exists to catch.
    for dangerous in (
        "<script>x</script>",
        '<a href="jav&#x09;ascript:alert(1)">x</a>',
        '<a href="&#x01;javascript:alert(1)">x</a>',
        '<a href="#top">x</a>',
        '<img src="x" onerror="y">',
        '<p style="color:red">x</p>',
        '<h2 id="top">x</h2>',
    ):
        with pytest.raises(AssertionError):
            assert_harmless(dangerous)


@pytest.mark.parametrize(
    "replacement",
    [
        '"x" onclick="y',
        "x' onclick='y",
        '"><script>alert(1)</script>',
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "#top",
    ],
)
def test_rewritten_urls_cannot_break_out(replacement):
    def rewrite(reference: Reference) -> str:
        return replacement

    out = render_lesson("[link](page.md) ![image](pic.png)", rewrite_url=rewrite).html
    assert_harmless(out)
    assert "<script" not in out


def test_rewritten_url_is_kept_escaped():
    def rewrite(reference: Reference) -> str:
        return '"x" onclick="y'

    out = render_lesson("[link](page.md)", rewrite_url=rewrite).html
    assert out == '<p><a href="%22x%22%20onclick=%22y">link</a></p>\n'

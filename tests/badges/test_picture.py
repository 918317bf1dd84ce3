"""The badge image: accessible SVG, a small PNG of it, right to left, bakeable."""

from __future__ import annotations

import io

from defusedxml.minidom import parseString
from openbadgeslib import baking as openbadgeslib_baking
from PIL import Image

from academy.badges.layout import MAX_TITLE_LINES, badge_text
from academy.badges.picture import badge_png, badge_svg
from academy.badges.png import bake_png, extract_png
from academy.badges.svg import bake_svg, extract_svg
from tests.badges.helpers import JWT

ARABIC_TITLE = "الاقتصاد الاجتماعي والتضامني: مدخل"


def record(title: str, language: str = "en") -> dict:
    return {"course_title": title, "language": language, "issued_at": "2026-12-07T21:40:00+00:00"}


def texts(svg: str) -> list[str]:
    document = parseString(svg.encode())
    found = []
    for node in document.getElementsByTagName("text"):
        parts = node.getElementsByTagName("tspan") or [node]
        found += [
            "".join(c.data for c in part.childNodes if c.nodeType == c.TEXT_NODE) for part in parts
        ]
    return found


def test_the_svg_is_an_image_with_a_title_and_a_description():
    svg = badge_svg(badge_text(record("Understanding cooperatives"), "SSE Academy"))

    root = parseString(svg.encode()).documentElement
    assert (root.getAttribute("role"), root.getAttribute("lang")) == ("img", "en")
    assert root.getAttribute("aria-labelledby") == "badge-title badge-desc"
    title = root.getElementsByTagName("title")[0].firstChild.data
    assert title == "Certificate of completion: Understanding cooperatives"
    assert root.getElementsByTagName("desc")[0].firstChild.data == "SSE Academy, December 7, 2026"
    assert texts(svg) == [
        "Certificate of completion",
        "Understanding",  # wrapped: the two words are wider than the ring
        "cooperatives",
        "SSE Academy",
        "December 7, 2026",
    ]


def test_arabic_is_right_to_left_with_an_arabic_font_first_and_an_arabic_date():
    text = badge_text(record(ARABIC_TITLE, "ar"), "أكاديمية الاقتصاد الاجتماعي والتضامني")

    svg = badge_svg(text)

    root = parseString(svg.encode()).documentElement
    assert (root.getAttribute("lang"), root.getAttribute("direction")) == ("ar", "rtl")
    group = root.getElementsByTagName("g")[0]
    assert group.getAttribute("direction") == "rtl"
    assert group.getAttribute("font-family").startswith("'Noto Naskh Arabic', ")
    assert text.title_lines == ("الاقتصاد الاجتماعي", "والتضامني: مدخل")
    assert text.issued_on == "7 ديسمبر 2026"


def test_a_long_title_is_wrapped_and_cut_at_four_lines():
    title = "Cooperatives " * 30 + "end"

    text = badge_text(record(title), "SSE Academy")

    assert len(text.title_lines) == MAX_TITLE_LINES
    assert text.title_lines[-1].endswith("Cooperatives…")
    assert text.title_lines[:3] == ("Cooperatives",) * 3


def test_markup_in_a_title_is_text_not_markup():
    svg = badge_svg(badge_text(record('<script>alert("x")</script>&co'), "<b>SSE</b>"))

    assert "<script>" not in svg
    assert "<b>" not in svg
    assert texts(svg)[1:3] == ['<script>alert("x")</script>&co', "<b>SSE</b>"]


def test_the_png_is_small_square_and_opens():
    png = badge_png(badge_text(record(ARABIC_TITLE, "ar"), "أكاديمية الاقتصاد الاجتماعي والتضامني"))

    assert len(png) < 40_000
    with Image.open(io.BytesIO(png)) as image:
        image.load()
        assert (image.format, image.size) == ("PNG", (400, 400))


def test_both_images_carry_a_credential_another_library_reads():
    text = badge_text(record("Understanding cooperatives"), "SSE Academy")

    png = bake_png(badge_png(text), JWT)
    svg = bake_svg(badge_svg(text), JWT)

    assert extract_png(png) == extract_svg(svg) == JWT
    keyword = openbadgeslib_baking.ITXT_KEYWORD_OB3
    assert openbadgeslib_baking.extract_png(png, keyword=keyword) == JWT
    element = openbadgeslib_baking.SVG_ELEMENT_OB3
    assert openbadgeslib_baking.extract_svg(svg.encode(), element=element) == JWT

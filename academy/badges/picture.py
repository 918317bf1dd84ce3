"""The badge image drawn by us: an SVG, and a PNG of the same drawing.

A round seal in the academy's colours: a label, the course title in the
certificate's language on up to four lines, the academy's name and the issue
date. Centred lines read the same in either direction; right-to-left languages
also get direction="rtl", so mixed Arabic and Latin text is ordered rightly,
and an Arabic font first. The SVG is an image with a title and a description for
screen readers. The PNG is drawn with Pillow (raqm shapes Arabic), twice as
large and scaled down for smooth edges, in a small palette: tens of kilobytes.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape, quoteattr

from PIL import Image, ImageDraw

from academy.badges.layout import (
    ACCENT,
    BRAND,
    BRAND_DARK,
    PAPER,
    SIZE,
    SMALL_SIZE,
    TITLE_SIZE,
    BadgeText,
    families_for,
    font_for,
    shaping,
)

CENTRE = SIZE // 2
TITLE_LINE_HEIGHT = 30
SCALE = 2  # the PNG is drawn at twice its size, then scaled down


def _title_top(text: BadgeText) -> int:
    """The first title line's baseline, so the title block sits in the middle."""
    return 205 - (len(text.title_lines) - 1) * TITLE_LINE_HEIGHT // 2


def badge_svg(text: BadgeText) -> str:
    """The badge as an SVG document (text; UTF-8 when written to a file)."""
    fonts = ", ".join(f"'{family}'" for family in text.families) + ", sans-serif"
    heading = text.heading
    description = f"{text.academy}, {text.issued_on}"
    top = _title_top(text)
    title_lines = "".join(
        f'<tspan x="{CENTRE}" y="{top + i * TITLE_LINE_HEIGHT}">{escape(line)}</tspan>'
        for i, line in enumerate(text.title_lines)
    )
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400" width="400" height="400"'
        f' role="img" aria-labelledby="badge-title badge-desc" xml:lang={quoteattr(text.language)}'
        f" lang={quoteattr(text.language)} direction={quoteattr(text.direction)}>"
        f'<title id="badge-title">{escape(heading)}</title>'
        f'<desc id="badge-desc">{escape(description)}</desc>'
        f'<circle cx="200" cy="200" r="196" fill="{BRAND_DARK}"/>'
        f'<circle cx="200" cy="200" r="184" fill="{PAPER}"/>'
        f'<circle cx="200" cy="200" r="176" fill="none" stroke="{BRAND}" stroke-width="4"/>'
        f'<circle cx="200" cy="70" r="22" fill="{ACCENT}"/>'
        f'<path d="M189 70 l8 8 l15 -16" fill="none" stroke="{PAPER}" stroke-width="5"'
        ' stroke-linecap="round" stroke-linejoin="round"/>'
        f'<g font-family="{fonts}" text-anchor="middle" fill="{BRAND_DARK}"'
        f" direction={quoteattr(text.direction)}>"
        f'<text x="200" y="122" font-size="{SMALL_SIZE}">{escape(text.label)}</text>'
        f'<text font-size="{TITLE_SIZE}" font-weight="bold">{title_lines}</text>'
        f'<text x="200" y="300" font-size="{SMALL_SIZE}" font-weight="bold">'
        f"{escape(text.academy)}</text>"
        f'<text x="200" y="326" font-size="{SMALL_SIZE}">{escape(text.issued_on)}</text>'
        "</g></svg>"
    )


def badge_png(text: BadgeText) -> bytes:
    """The same badge as a 400 x 400 PNG."""
    big = SIZE * SCALE
    image = Image.new("RGBA", (big, big), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)

    def circle(radius: int, **style) -> None:
        r, c = radius * SCALE, CENTRE * SCALE
        draw.ellipse((c - r, c - r, c + r, c + r), **style)

    circle(196, fill=BRAND_DARK)
    circle(184, fill=PAPER)
    circle(176, outline=BRAND, width=4 * SCALE)
    draw.ellipse(
        [v * SCALE for v in (178, 48, 222, 92)],
        fill=ACCENT,
    )
    draw.line(
        [(v[0] * SCALE, v[1] * SCALE) for v in ((189, 70), (197, 78), (212, 62))],
        fill=PAPER,
        width=5 * SCALE,
        joint="curve",
    )
    top = _title_top(text)
    rows = [(text.label, SMALL_SIZE, False, 122)]
    rows += [
        (line, TITLE_SIZE, True, top + i * TITLE_LINE_HEIGHT)
        for i, line in enumerate(text.title_lines)
    ]
    rows += [(text.academy, SMALL_SIZE, True, 300), (text.issued_on, SMALL_SIZE, False, 326)]
    for line, size, bold, baseline in rows:
        font = font_for(families_for(line), bold=bold, size=size * SCALE)
        options = {"direction": text.direction, "language": text.language} if shaping() else {}
        draw.text(
            (CENTRE * SCALE, baseline * SCALE),
            line,
            font=font,
            fill=BRAND_DARK,
            anchor="ms",  # middle, baseline: as the SVG's text-anchor and y
            **options,
        )
    small = image.resize((SIZE, SIZE), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    small.quantize(colors=48, method=Image.Quantize.FASTOCTREE).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()

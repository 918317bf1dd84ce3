"""What a badge image says and where: its texts, fonts and lines, for SVG and PNG alike.

The lines are measured with the fonts the PNG is drawn with (Pillow, with raqm
shaping Arabic), so both images break a long title at the same words.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from PIL import ImageFont, features

from academy.messages import gettext as _

SIZE = 400  # the badge is drawn on a 400 x 400 square
TITLE_WIDTH = 270  # what fits inside the ring at the title's height
MAX_TITLE_LINES = 4
TITLE_SIZE, SMALL_SIZE = 24, 17
BRAND, BRAND_DARK, ACCENT, PAPER = "#0b5c4a", "#073d31", "#b23a0a", "#ffffff"
# Fonts by script; the SVG names them, the PNG draws with them (fc-match finds the files).
LATIN_FONTS = ("Noto Sans", "DejaVu Sans")
ARABIC_FONTS = ("Noto Naskh Arabic", "Noto Sans Arabic")
ARABIC_SCRIPT_LANGUAGES = {"ar", "fa", "ur", "ps", "ckb", "sd", "ug"}
ARABIC_RE = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


@dataclass(frozen=True)
class BadgeText:
    """The texts of one badge, all in the certificate's language."""

    language: str
    direction: str  # "ltr" or "rtl"
    label: str  # "Certificate of completion"
    heading: str  # the image's accessible name: the label and the whole title
    title_lines: tuple[str, ...]
    academy: str
    issued_on: str

    @property
    def families(self) -> tuple[str, ...]:
        """The fonts the SVG names: a viewer falls back from one to the next, glyph by glyph."""
        arabic = self.language.split("-")[0] in ARABIC_SCRIPT_LANGUAGES
        return (ARABIC_FONTS if arabic else ()) + LATIN_FONTS


def families_for(line: str) -> tuple[str, ...]:
    """The fonts a PNG line is drawn with: Pillow has no fallback, so the line's script decides."""
    return ARABIC_FONTS + LATIN_FONTS if ARABIC_RE.search(line) else LATIN_FONTS


def badge_text(record: dict, academy_name: str) -> BadgeText:
    """The badge texts of a certificate record (Certificate.as_record()).

    The label is translated with academy.messages: call it in the certificate's
    language (flask_babel.force_locale) for the label to be in it too.
    """
    language = record["language"]
    locale = _locale(language)
    title = record["course_title"]
    # TRANSLATORS: printed on the badge image, above the course title.
    label = _("Certificate of completion")
    text = BadgeText(
        language=language,
        direction=locale.text_direction,
        label=label,
        # TRANSLATORS: the badge image's name for screen readers, e.g.
        # "Certificate of completion: Understanding cooperatives".
        heading=_("%(label)s: %(course)s", label=label, course=title),
        title_lines=(),
        academy=academy_name,
        issued_on=format_date(datetime.fromisoformat(record["issued_at"]), "long", locale=locale),
    )
    font = font_for(families_for(title), bold=True, size=TITLE_SIZE)
    lines = wrap(title, font, TITLE_WIDTH, text.direction, language)
    return replace(text, title_lines=tuple(lines))


def wrap(text: str, font, width: int, direction: str, language: str) -> list[str]:
    """text broken at spaces into lines no wider than width; an overlong last line ends in …."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and measure(font, candidate, direction, language) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    if len(lines) > MAX_TITLE_LINES:
        last = " ".join(lines[MAX_TITLE_LINES - 1 :])
        while measure(font, last + "…", direction, language) > width:
            # Whole words off the end while there are several; letters off a lone one.
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        lines = [*lines[: MAX_TITLE_LINES - 1], last + "…"]
    return lines


def measure(font, text: str, direction: str, language: str) -> float:
    if shaping():
        return font.getlength(text, direction=direction, language=language)
    return font.getlength(text)


@lru_cache(maxsize=1)
def shaping() -> bool:
    """Whether Pillow lays text out with raqm, which shapes Arabic and orders it right to left."""
    return bool(features.check("raqm"))


def font_for(families: tuple[str, ...], *, bold: bool, size: int):
    # Opened afresh each time (about a millisecond): a FreeType face is not to be
    # shared between threads, and a badge is drawn once per download.
    for family in families:
        path = _font_file(family, bold)
        if path:
            layout = ImageFont.Layout.RAQM if shaping() else ImageFont.Layout.BASIC
            return ImageFont.truetype(path, size, layout_engine=layout)
    return ImageFont.load_default(size)


@lru_cache(maxsize=32)
def _font_file(family: str, bold: bool) -> str | None:
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    pattern = f"{family}:{'bold' if bold else 'regular'}"
    found = subprocess.run(  # noqa: S603 - fc-match with a fixed family name
        [fc_match, "--format=%{family}\n%{file}", pattern],
        capture_output=True,
        text=True,
        check=False,
        timeout=10,
    ).stdout.split("\n")
    # fc-match always answers; only a font of the family asked for will do.
    if len(found) == 2 and family in found[0].split(","):
        return found[1]
    return None


def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("_", "-"), sep="-")
    except (ValueError, UnknownLocaleError):
        return Locale("en")

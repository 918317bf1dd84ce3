"""A certificate's badge image (SVG or PNG), worded in the certificate's language.

The drawing and the baking are pure (academy.badges); here the words that come
from the interface's translations (the academy's name, the label) are taken in
the certificate's language, whatever the reader's. Bake the signed credential
into the result with academy.badges.png.bake_png or academy.badges.svg.bake_svg.
"""

from __future__ import annotations

from flask_babel import force_locale
from flask_babel import gettext as _

from academy.badges.layout import BadgeText, badge_text
from academy.badges.picture import badge_png, badge_svg
from academy.metrics import timed_render


def badge_text_for(record: dict) -> BadgeText:
    """The badge's texts for a certificate record (Certificate.as_record())."""
    with force_locale(record["language"]):
        return badge_text(record, academy_name=_("SSE Academy"))


def badge_svg_for(record: dict) -> str:
    with timed_render("badge_svg"):
        return badge_svg(badge_text_for(record))


def badge_png_for(record: dict) -> bytes:
    with timed_render("badge_png"):
        return badge_png(badge_text_for(record))

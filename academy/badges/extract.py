"""The credential in an uploaded badge image, PNG or SVG, told apart by its bytes.

For the verification page: a visitor uploads a file and says nothing of its
type, and a file's name or declared type proves nothing, so the first bytes decide.
"""

from __future__ import annotations

from academy.badges.carried import MAX_SVG_CHARS, BakingError
from academy.badges.png import SIGNATURE, extract_png
from academy.badges.svg import extract_svg
from academy.messages import gettext as _


def extract_credential(data: bytes) -> str | None:
    """The credential baked into a PNG or SVG image, None if it carries none.

    Raises BakingError, with a message for the visitor, for anything else: another
    kind of file, a damaged or oversized image, an SVG that declares entities.
    """
    if data.startswith(SIGNATURE):
        return extract_png(data)
    if len(data) > MAX_SVG_CHARS:  # bytes, not characters: checked before decoding
        raise BakingError(
            _("The image is larger than %(size)s MB.", size=MAX_SVG_CHARS // (1024 * 1024))
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BakingError(_("The file is neither a PNG nor an SVG image.")) from None
    if not text.lstrip().startswith("<"):
        raise BakingError(_("The file is neither a PNG nor an SVG image."))
    return extract_svg(text)

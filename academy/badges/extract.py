"""The credential in an uploaded badge image, PNG or SVG, told apart by its bytes.

For the verification page: a visitor uploads a file and says nothing of its
type, and a file's name or declared type proves nothing, so the first bytes decide.
"""

from __future__ import annotations

from academy.badges.carried import BakingError
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
    # XML starts with "<", after a byte order mark or white space; the parser reads the
    # encoding from the XML declaration.
    if not data.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"<"):
        raise BakingError(_("The file is neither a PNG nor an SVG image."))
    return extract_svg(data)

"""Checks on asset files: the content matches the type, SVGs are inert."""

from __future__ import annotations

import re

from academy.messages import gettext as _
from academy.messages import lazy_gettext as _l
from academy.packagefiles.problems import Problems

# The first bytes each binary type must start with; a renamed file is refused
# so a browser never guesses another type from the content.
_SIGNATURES = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".pdf": (b"%PDF-",),
    ".ogg": (b"OggS",),
}

# What makes an SVG active or lets it fetch other things. Served SVGs also get
# a sandboxing Content-Security-Policy; refusing them here says why at once.
_SVG_DANGERS = [
    (re.compile(pattern, re.I), message)
    for pattern, message in (
        # TRANSLATORS: <script> is SVG code; keep it as it is.
        (r"<\s*script\b", _l("SVG contains a <script>")),
        # TRANSLATORS: <foreignObject> is SVG code; keep it as it is.
        (r"<\s*foreignObject\b", _l("SVG contains a <foreignObject>")),
        # TRANSLATORS: on...= is SVG code (onclick=, onload=); keep it as it is.
        (r"\son[a-z]+\s*=", _l("SVG contains an event handler attribute (on...=)")),
        (r"<!ENTITY", _l("SVG declares XML entities")),
        # TRANSLATORS: javascript: is SVG code; keep it as it is.
        (r"javascript\s*:", _l("SVG contains a javascript: URL")),
        # TRANSLATORS: #ids are links inside the image itself, like #part-1.
        (r"\bhref\s*=\s*[\"']\s*(?!#)", _l("SVG links to another document (only #ids)")),
        (r"@import|url\(\s*[\"']?\s*(?!#)", _l("SVG loads external styles or images")),
        # TRANSLATORS: src= is SVG code; keep it as it is.
        (r"\ssrc\s*=\s*[\"']\s*(?!#)", _l("SVG loads another file (src=)")),
    )
]


def check_asset(path: str, suffix: str, data: bytes, problems: Problems) -> bool:
    signatures = _SIGNATURES.get(suffix)
    if signatures and not data.startswith(signatures):
        problems.error(path, 1, _content_message(suffix))
        return False
    if suffix == ".webp" and not (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        problems.error(path, 1, _content_message(".webp"))
        return False
    if suffix in (".svg", ".txt", ".csv"):
        return _check_text_asset(path, suffix, data, problems)
    return True


def _content_message(suffix: str) -> str:
    # TRANSLATORS: %(extension)s is a file extension, like .png.
    return _("its content is not a %(extension)s file", extension=suffix)


def _check_text_asset(path: str, suffix: str, data: bytes, problems: Problems) -> bool:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.error(path, line, _("is not UTF-8 text; save it as UTF-8"))
        return False
    if suffix != ".svg":
        return True
    if "<svg" not in text:
        # TRANSLATORS: <svg> is SVG code; keep it as it is.
        problems.error(path, 1, _("is not an SVG image (no <svg> element)"))
        return False
    safe = True
    for pattern, message in _SVG_DANGERS:
        for match in pattern.finditer(text):
            problems.error(path, text.count("\n", 0, match.start()) + 1, str(message))
            safe = False
    return safe

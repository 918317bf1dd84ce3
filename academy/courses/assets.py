"""Checks on asset files: the content matches the type, SVGs are inert."""

from __future__ import annotations

from academy.courses.problems import Problems
from academy.courses.svg import svg_problems
from academy.messages import gettext as _

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
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.error(path, line, _("is not UTF-8 text; save it as UTF-8"))
        return False
    if suffix != ".svg":
        return True
    found = svg_problems(data)
    for line, message in found:
        problems.error(path, line, message)
    return not found

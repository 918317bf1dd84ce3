"""Checks on asset files: the content matches the type, SVGs are inert."""

from __future__ import annotations

import re

from academy.courses.problems import Problems

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
    (re.compile(r"<\s*script\b", re.I), "contains a <script>"),
    (re.compile(r"<\s*foreignObject\b", re.I), "contains a <foreignObject>"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "contains an event handler attribute (on...=)"),
    (re.compile(r"<!ENTITY", re.I), "declares XML entities"),
    (re.compile(r"javascript\s*:", re.I), "contains a javascript: URL"),
    (re.compile(r"\bhref\s*=\s*[\"']\s*(?!#)", re.I), "links to another document (only #ids)"),
    (re.compile(r"@import|url\(\s*[\"']?\s*(?!#)", re.I), "loads external styles or images"),
    (re.compile(r"\ssrc\s*=\s*[\"']\s*(?!#)", re.I), "loads another file (src=)"),
]


def check_asset(path: str, suffix: str, data: bytes, problems: Problems) -> bool:
    signatures = _SIGNATURES.get(suffix)
    if signatures and not data.startswith(signatures):
        problems.error(path, 1, f"its content is not a {suffix} file")
        return False
    if suffix == ".webp" and not (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        problems.error(path, 1, "its content is not a .webp file")
        return False
    if suffix in (".svg", ".txt", ".csv"):
        return _check_text_asset(path, suffix, data, problems)
    return True


def _check_text_asset(path: str, suffix: str, data: bytes, problems: Problems) -> bool:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.error(path, line, "is not UTF-8 text; save it as UTF-8")
        return False
    if suffix != ".svg":
        return True
    if "<svg" not in text:
        problems.error(path, 1, "is not an SVG image (no <svg> element)")
        return False
    safe = True
    for pattern, message in _SVG_DANGERS:
        for match in pattern.finditer(text):
            problems.error(path, text.count("\n", 0, match.start()) + 1, f"SVG {message}")
            safe = False
    return safe

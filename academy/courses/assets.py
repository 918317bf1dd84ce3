"""Checks on asset files: the content matches the type, SVGs are inert, refusals are named."""

from __future__ import annotations

from academy.courses.svg import svg_problems
from academy.messages import gettext as _
from academy.packagefiles.problems import WARNING, Problem, Problems

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


def missing_asset_message(refused: dict[str, Problem], target: str) -> str:
    """Why target (assets/...) is not published: refused, a source file, or missing.

    Lessons and course.yaml that use a refused file say so, with the file's own
    problem, rather than that it does not exist, which would mislead the author.
    """
    problem = refused.get(target.removeprefix("assets/"))
    if problem is None:
        return _("the file '%(path)s' does not exist", path=target)
    where = f"{problem.path}:{problem.line}: {problem.message}"
    if problem.severity == WARNING:
        # TRANSLATORS: %(problem)s is the file's own problem, as file:line: message.
        return _("the file '%(path)s' is not published (%(problem)s)", path=target, problem=where)
    # TRANSLATORS: %(problem)s is the file's own problem, as file:line: message.
    return _("the file '%(path)s' is refused (%(problem)s)", path=target, problem=where)


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

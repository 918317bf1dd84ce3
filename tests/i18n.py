"""Look up what the catalogues say, so tests don't hard-code translations."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from babel.support import Translations

from academy.typography import typeset

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"
ACADEMY = Path(__file__).resolve().parent.parent / "academy"


@cache
def _catalogue(language: str) -> Translations:
    return Translations.load(str(TRANSLATIONS), [language])


def translated(message: str, language: str, **values) -> str:
    """message in language; fails if the catalogue has no translation of it."""
    text = _catalogue(language).gettext(message)
    assert language == "en" or text != message, f"{message!r} is not translated into {language}"
    text = typeset(text, language)  # as the interface shows it (academy.i18n.InterfaceDomain)
    return text % values if values else text


def template_messages() -> set[str]:
    """Every message a template passes to _() as a literal."""
    found = set()
    for path in ACADEMY.glob("**/templates/**/*.html"):
        text = path.read_text(encoding="utf-8")
        found.update(re.findall(r'\b_\(\s*"((?:[^"\\]|\\.)*)"', text))
        found.update(re.findall(r"\b_\(\s*'((?:[^'\\]|\\.)*)'", text))
    return found

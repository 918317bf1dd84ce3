"""Look up what the catalogues say, so tests don't hard-code translations."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from babel.support import Translations

from academy.typography import typeset

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"


@cache
def _catalogue(language: str) -> Translations:
    return Translations.load(str(TRANSLATIONS), [language])


def translated(message: str, language: str, **values) -> str:
    """message in language; fails if the catalogue has no translation of it."""
    text = _catalogue(language).gettext(message)
    assert language == "en" or text != message, f"{message!r} is not translated into {language}"
    text = typeset(text, language)  # as the interface shows it (academy.i18n.InterfaceDomain)
    return text % values if values else text

"""Course content languages: which one a course offers, how it is named, and picking a text in it.

Course content comes in the languages of its package, separate from the
interface languages; every title, summary and audience is stored as a
mapping per language. These helpers choose the text to show from such a
mapping, falling back to the course's complete default language, and carry
the language along (`Text`) so pages can mark content with its own
`lang` and `dir`. They read no database, so any feature can use them.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel import Locale, UnknownLocaleError

from academy.courses.models import Course


@dataclass(frozen=True)
class Text:
    """A piece of course content and the language it is written in."""

    text: str
    lang: str

    def __str__(self) -> str:
        return self.text


def base_language(code: str) -> str:
    return code.replace("_", "-").split("-")[0].lower()


def offered_language(course: Course, code: str | None) -> str | None:
    """The course language matching code (exactly, else by its base language), or None."""
    if not code:
        return None
    for language in course.languages:
        if language.lower() == code.lower():
            return language
    for language in course.languages:
        if base_language(language) == base_language(code):
            return language
    return None


def _locale(code: str) -> Locale | None:
    try:
        return Locale.parse(code.replace("_", "-"), sep="-")
    except (ValueError, UnknownLocaleError):
        return None


def language_name(code: str, interface_language: str) -> str:
    """code named in the interface language ("anglais"), or code itself if unknown."""
    locale = _locale(code)
    name = locale.get_display_name(interface_language) if locale else None
    return name or code


def language_choices(course: Course, interface_language: str) -> list[tuple[str, str]]:
    """The course's languages as (code, name in the interface language)."""
    return [(code, language_name(code, interface_language)) for code in course.languages]


def direction_of(code: str) -> str:
    locale = _locale(code)
    return locale.text_direction if locale else "ltr"


def pick(mapping: dict | None, language: str, default: str) -> Text | None:
    """The text in language, else in default (the course's complete language), else any."""
    if not mapping:
        return None
    for code in (language, default):
        if mapping.get(code):
            return Text(mapping[code], code)
    code, text = next(iter(mapping.items()))
    return Text(text, code)

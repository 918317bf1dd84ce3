"""Helpers shared by every feature's forms."""

from __future__ import annotations

from collections.abc import Iterable

from wtforms import SelectChoice

from academy.i18n import LANGUAGES


def choices(pairs: Iterable[tuple[str, str]]) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


def language_choices() -> list[SelectChoice]:
    """Each language named in itself, marked with its lang for screen readers."""
    return [SelectChoice(code, name, render_kw={"lang": code}) for code, name in LANGUAGES.items()]

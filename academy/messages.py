"""Translatable messages for the pure-logic modules, which know nothing of Flask.

Package checking, quiz parsing and GIFT conversion mark their messages with
these functions. Until an app installs its translator (create_app does), they
return English; inside the app they go through Flask-Babel, so the command
line and the pages get the user's language. pybabel extracts them like any
`_`, `_l` and `ngettext` call.
"""

from __future__ import annotations

from collections.abc import Callable

from babel.support import LazyProxy


def _english_plural(singular: str, plural: str, num: int) -> str:
    return singular if num == 1 else plural


_translate: Callable[[str], str] = str
_translate_plural: Callable[[str, str, int], str] = _english_plural


def install(translate: Callable[[str], str], translate_plural: Callable[[str, str, int], str]):
    """Route every message through the app's translations from now on."""
    global _translate, _translate_plural
    _translate, _translate_plural = translate, translate_plural


def gettext(message: str, **values) -> str:
    text = _translate(message)
    return text % values if values else text


def ngettext(singular: str, plural: str, num: int, **values) -> str:
    values.setdefault("num", num)
    return _translate_plural(singular, plural, num) % values


def lazy_gettext(message: str, **values) -> LazyProxy:
    """A message translated when it is turned into text, for module-level constants."""
    return LazyProxy(gettext, message, enable_cache=False, **values)

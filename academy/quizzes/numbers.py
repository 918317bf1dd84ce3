"""Read a number a learner typed, in their interface locale, refusing to guess.

Babel reads the locale's decimal symbol: "3.5" in en, "3,5" in fr. Grouped numbers
are refused rather than misread: Babel's strict mode still accepts well-formed
groups ("1,000" in en, "1\u202f000" in fr), so any group symbol, any space, apostrophes
and "_" (which Python's Decimal would skip) are refused first, with GROUPED_NUMBER so the
page can say "write 1000". Letters are refused too: Decimal would read "NaN",
"Infinity" and "1e3".

Where the decimal symbol is not ".", Babel reads "." as a decimal point anyway,
when the group symbol is a space as in fr: "3.5" is 3.5, and "1.000" is 1.
In de and es, where "." groups, "3.5" is refused.
"""

from __future__ import annotations

from decimal import Decimal

from babel import Locale
from babel.numbers import NumberFormatError, get_group_symbol, parse_decimal

NOT_A_NUMBER = "not_a_number"
GROUPED_NUMBER = "grouped_number"
MAX_LENGTH = 100
# Bidi marks that some locales put before signs, and the minus sign of sv, fi, nb...
# Apostrophes group digits in Swiss and other usage whatever a locale's CLDR data says
# (de_CH moved from U+2019 to U+0027 between releases): never digits, never decimals.
_ALWAYS_GROUPING = "_'\u2019"
_INVISIBLE = dict.fromkeys(map(ord, "\u200e\u200f\u061c"), None) | {ord("\u2212"): "-"}


def as_locale(locale) -> Locale:
    """A babel Locale from a Locale or an identifier: "fr", "pt_BR" or "pt-BR"."""
    if isinstance(locale, Locale):
        return locale
    return Locale.parse(str(locale).replace("-", "_"))


def parse_number(text: str, locale) -> tuple[Decimal | None, str | None]:
    """(number, None) or (None, NOT_A_NUMBER or GROUPED_NUMBER)."""
    text = text.translate(_INVISIBLE).strip()
    if not text or len(text) > MAX_LENGTH:
        return None, NOT_A_NUMBER
    locale = as_locale(locale)  # an unknown locale is the caller's bug: it raises
    group = get_group_symbol(locale)
    if group in text or any(c in _ALWAYS_GROUPING or c.isspace() for c in text):
        return None, GROUPED_NUMBER
    if any(c.isalpha() for c in text):
        return None, NOT_A_NUMBER
    try:
        value = parse_decimal(text, locale=locale, strict=True)
    except (NumberFormatError, ValueError, ArithmeticError):
        return None, NOT_A_NUMBER
    if not value.is_finite():
        return None, NOT_A_NUMBER
    return value, None

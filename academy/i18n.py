"""Interface languages: choosing the locale, its direction, localised lists."""

from __future__ import annotations

import os
import unicodedata
from functools import cache

from babel import Locale, localedata
from babel.dates import format_date, format_time, get_datetime_format
from flask import current_app, has_request_context, request
from flask_babel import Domain, get_locale, get_timezone, get_translations
from flask_login import current_user
from markupsafe import Markup, escape

from academy.time_zones import UTC_ZONE, country_zone, time_zones
from academy.typography import SPACED_LANGUAGES, typeset

# The interface languages, each named in itself for the switcher.
LANGUAGES: dict[str, str] = {
    "en": "English",
    "fr": "Français",
    "es": "Español",
    "ar": "العربية",
}
DEFAULT_LANGUAGE = "en"
LANGUAGE_COOKIE = "academy_lang"
# Where the command line learns its user's language, in the order gettext reads them.
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

# Babel's two-letter territories also hold codes that ISO 3166-1 only
# reserves (AC, CP, DG, TA, ...), groupings (EU, UN) and private-use codes;
# without them the list is exactly the 249 countries of ISO 3166-1.
_NOT_ISO_3166 = frozenset(
    {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "XK", "ZZ"}
)


def normalise_language(value: str | None) -> str | None:
    """Return the interface language matching value, or None."""
    if not value:
        return None
    code = value.strip().replace("_", "-").split("-")[0].lower()
    return code if code in LANGUAGES else None


def command_line_language() -> str:
    """The interface language of the terminal's locale (LANG=fr_FR.UTF-8: fr), else English."""
    for name in LOCALE_VARIABLES:
        for value in os.environ.get(name, "").split(":"):
            code = normalise_language(value.split(".")[0].split("@")[0])
            if code:
                return code
    return DEFAULT_LANGUAGE


def select_locale() -> str:
    """Pick the interface language: ?lang=, profile, cookie, browser, English.

    Outside a request (the command line), the terminal's language. Mails, PDFs
    and rendered lessons choose their own language with force_locale.
    """
    if not has_request_context():
        return command_line_language()
    candidates = [
        request.args.get("lang"),
        getattr(current_user, "locale", None) if current_user.is_authenticated else None,
        request.cookies.get(LANGUAGE_COOKIE),
    ]
    for candidate in candidates:
        code = normalise_language(candidate)
        if code:
            return code
    return request.accept_languages.best_match(list(LANGUAGES)) or DEFAULT_LANGUAGE


def _signed_in_user():
    if has_request_context() and current_user.is_authenticated:
        return current_user
    return None


def user_time_zone(user) -> str:
    """The zone user reads times in: chosen, else their country's only one, else UTC."""
    chosen = getattr(user, "time_zone", None)
    if chosen in time_zones():
        return chosen
    return country_zone(getattr(user, "country", None)) or UTC_ZONE


def select_time_zone() -> str:
    """Flask-Babel's time zone: the signed-in user's; UTC for visitors and the command line."""
    user = _signed_in_user()
    return user_time_zone(user) if user is not None else UTC_ZONE


def format_locale(language: str | None = None, country: str | None = None) -> Locale:
    """The locale dates are written in: the language in the profile's country when Babel knows it.

    The interface is "en", but a British learner writes 7 December, not December 7:
    "en" with the country GB formats as en_GB. Without a known pairing, the language.
    """
    language = language or current_language()
    if country is None:
        user = _signed_in_user()
        country = getattr(user, "country", None) if user is not None else None
    if country and localedata.exists(f"{language}_{country}"):
        return Locale.parse(f"{language}_{country}")
    return Locale.parse(language)


def format_moment(moment, *, time: bool = True, width: str = "medium") -> str:
    """A stored UTC time as the reader reads it: their zone, their locale's order.

    Every date or time a page shows goes through here (time=False for a date
    alone). Certificates' PDFs keep their own rule: the certificate's language.
    """
    if moment is None:
        return ""
    locale = format_locale()
    local = moment.astimezone(get_timezone())
    day = format_date(local, width, locale=locale)
    if not time:
        return day
    clock = format_time(local, "short", locale=locale)
    return get_datetime_format(width, locale=locale).replace("{1}", day).replace("{0}", clock)


def format_day(day, width: str = "medium") -> str:
    """A calendar date (a course's first day): no zone to convert, the reader's locale."""
    return format_date(day, width, locale=format_locale()) if day else ""


def format_clock(moment) -> str:
    """The time of day alone (a deadline within the hour), in the reader's zone and locale."""
    return format_time(moment.astimezone(get_timezone()), "short", locale=format_locale())


def current_language() -> str:
    return str(get_locale() or DEFAULT_LANGUAGE)


def text_direction(language: str | None = None) -> str:
    return Locale.parse(language or current_language()).text_direction


def _sort_key(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def _countries(language: str) -> tuple[tuple[str, str], ...]:
    territories = Locale.parse(language).territories
    pairs = [
        (code, name)
        for code, name in territories.items()
        if len(code) == 2 and code.isalpha() and code not in _NOT_ISO_3166
    ]
    return tuple(sorted(pairs, key=lambda pair: _sort_key(pair[1])))


def countries(language: str | None = None) -> list[tuple[str, str]]:
    """ISO 3166-1 alpha-2 codes with their names in the given language, sorted."""
    return list(_countries(language or current_language()))


COUNTRY_CODES = frozenset(code for code, _ in _countries(DEFAULT_LANGUAGE))


def country_name(code: str | None, language: str | None = None) -> str:
    if not code:
        return ""
    return Locale.parse(language or current_language()).territories.get(code, code)


def bdi(value) -> Markup:
    """value isolated from the text around it (a name, an address, a course title).

    A Latin name inside an Arabic sentence, or an Arabic one inside French,
    would otherwise pull the sentence's punctuation to its own side.
    """
    return Markup("<bdi>{}</bdi>").format(value)


def isolate(message: str, **values) -> Markup:
    """A translated message (from _ without values) filled with each value in <bdi>.

    For flashes and other text built in Python: the message is escaped, the
    values escaped and isolated, so the result is safe to show as it is.
    """
    return escape(message) % {name: bdi(value) for name, value in values.items()}


def reading_arrows(direction: str) -> dict[str, str]:
    """Arrows for "previous" and "next": back points against the reading direction."""
    if direction == "rtl":
        return {"previous": "\u2192", "next": "\u2190"}
    return {"previous": "\u2190", "next": "\u2192"}


def inject_i18n() -> dict:
    """Template globals for every page."""
    language = current_language()
    direction = text_direction(language)
    return {
        "current_language": language,
        "text_direction": direction,
        "interface_languages": LANGUAGES,
        "format_moment": format_moment,
        "format_day": format_day,
        "arrows": reading_arrows(direction),
    }


def install_message_translations() -> None:
    """Let the Flask-free modules (package checks, GIFT) translate through Flask-Babel."""
    from academy import messages

    messages.install(
        lambda message: get_translations().ugettext(message),
        lambda singular, plural, num: get_translations().ungettext(singular, plural, num),
    )


class InterfaceDomain(Domain):
    """The interface's catalogues, with French spacing set once as each is loaded.

    Flask-Babel keeps one loaded catalogue per locale, so the spacing costs one
    pass over the French messages per process; every way the interface
    translates (templates, views, mails, the Flask-free modules) reads it here.
    """

    def get_translations(self):
        translations = super().get_translations()
        language = str(get_locale() or DEFAULT_LANGUAGE)
        catalogue = getattr(translations, "_catalog", None)
        if catalogue and language in SPACED_LANGUAGES and not getattr(translations, "typeset", 0):
            for key, text in catalogue.items():
                if key:  # "" holds the catalogue's metadata, not words
                    catalogue[key] = typeset(text, language)
            translations.typeset = True
        return translations


def install_interface_domain(babel) -> None:
    """Make babel translate through InterfaceDomain (call after init_app).

    The Babel object is shared by every app of the process, and so is its
    domain's cache of loaded catalogues: install it once, keep the cache.
    """
    if not isinstance(vars(babel).get("domain_instance"), InterfaceDomain):
        babel.domain_instance = InterfaceDomain()


def babel_options() -> dict:
    return {
        "default_locale": DEFAULT_LANGUAGE,
        "default_translation_directories": "../translations",
        "locale_selector": select_locale,
        "timezone_selector": select_time_zone,
    }


def set_language_cookie(response, language: str):
    """Remember the interface language for visitors, signed in or not."""
    response.set_cookie(
        LANGUAGE_COOKIE,
        language,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        httponly=True,
        secure=current_app.config["SESSION_COOKIE_SECURE"],
    )
    return response

"""The time zones a learner may choose, their localised names, and a country's zone.

The zones are those of the IANA database that belong to a country (its
zone.tab), plus UTC: the aliases kept only for backward compatibility
(US/Eastern, Asia/Calcutta) and the Etc/ offsets would only make the list
longer and harder to read. They come from pytz because Flask-Babel converts
with pytz, so every zone offered is one it can use.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime
from functools import cache, lru_cache

import pytz
from babel import Locale
from babel.dates import get_timezone_gmt, get_timezone_location

UTC_ZONE = "UTC"


@cache
def _zones_by_country() -> dict[str, tuple[str, ...]]:
    return {code: tuple(zones) for code, zones in pytz.country_timezones.items()}


def time_zones() -> frozenset[str]:
    """Every zone a learner may choose."""
    return _all_zones()


@cache
def _all_zones() -> frozenset[str]:
    zones = {zone for zones in _zones_by_country().values() for zone in zones}
    return frozenset(zones | {UTC_ZONE})


def country_zone(country: str | None) -> str | None:
    """The country's time zone when it has exactly one, else None."""
    zones = _zones_by_country().get((country or "").upper(), ())
    return zones[0] if len(zones) == 1 else None


def _sort_key(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=16)
def _labelled_zones(language: str, hour: str) -> tuple[tuple[str, str], ...]:
    """Every country zone with its name in language ("Jordan Time (GMT+03:00)").

    hour only keys the cache: the offsets shown change with daylight saving time.
    """
    locale = Locale.parse(language)
    now = datetime.now(pytz.utc)
    territories = locale.territories
    rows = []
    for country, zones in _zones_by_country().items():
        for zone in zones:
            tz = pytz.timezone(zone)
            offset = get_timezone_gmt(now.astimezone(tz), locale=locale)
            label = f"{get_timezone_location(tz, locale=locale)} ({offset})"
            city = get_timezone_location(tz, locale=locale, return_city=True)
            key = (_sort_key(territories.get(country, country)), _sort_key(city))
            rows.append((key, zone, label))
    rows.sort()
    return tuple((zone, label) for _, zone, label in rows)


def zone_choices(language: str) -> list[tuple[str, str]]:
    """(zone, label) pairs sorted by country name then city, in the given language."""
    return list(_labelled_zones(language, datetime.now(pytz.utc).strftime("%Y%m%d%H")))

"""Dates and times in the reader's time zone, written in their locale's order."""

from __future__ import annotations

from datetime import UTC, datetime

from flask_login import login_user

from academy.i18n import format_clock, format_locale, format_moment, user_time_zone
from academy.time_zones import country_zone, time_zones, zone_choices
from tests.factories import make_user

MOMENT = datetime(2026, 3, 4, 10, 5, tzinfo=UTC)


def shown(app, user=None, **request) -> str:
    with app.test_request_context(**request):
        if user is not None:
            login_user(user)
        return format_moment(MOMENT)


def test_a_learner_in_amman_reads_amman_time(app):
    learner = make_user(country="JO")
    assert user_time_zone(learner) == "Asia/Amman"
    assert shown(app, learner) == "Mar 4, 2026, 1:05\u202fPM"


def test_a_chosen_zone_wins_over_the_country(app):
    learner = make_user(country="JO", time_zone="America/Lima")
    assert shown(app, learner) == "Mar 4, 2026, 5:05\u202fAM"


def test_english_in_great_britain_puts_the_day_first(app):
    learner = make_user(country="GB")
    assert shown(app, learner) == "4 Mar 2026, 10:05"
    with app.test_request_context():
        login_user(learner)
        assert format_moment(MOMENT, time=False, width="long") == "4 March 2026"
        assert format_clock(MOMENT) == "10:05"


def test_the_format_locale_pairs_language_and_country_only_when_babel_knows_it(app):
    with app.test_request_context():
        assert str(format_locale("en", "GB")) == "en_GB"
        assert str(format_locale("ar", "JO")) == "ar_JO"
        assert str(format_locale("en", "JO")) == "en"
        assert str(format_locale("fr", None)) == "fr"


def test_nothing_known_means_utc(app):
    assert shown(app) == "Mar 4, 2026, 10:05\u202fAM"
    several = make_user(country="US")
    assert user_time_zone(several) == "UTC"
    assert shown(app, several) == "Mar 4, 2026, 10:05\u202fAM"


def test_a_stored_zone_no_longer_offered_falls_back_to_the_country(app):
    learner = make_user(country="JO", time_zone="Mars/Olympus_Mons")
    assert user_time_zone(learner) == "Asia/Amman"


def test_french_reads_french_dates(app):
    learner = make_user(country="SN", locale="fr")
    with app.test_request_context("/?lang=fr"):
        login_user(learner)
        assert format_moment(MOMENT) == "4 mars 2026, 10:05"


def test_a_country_with_one_zone_gives_it_and_one_with_several_gives_none():
    assert (country_zone("JO"), country_zone("sn"), country_zone("US"), country_zone(None)) == (
        "Asia/Amman", "Africa/Dakar", None, None,
    )  # fmt: skip


def test_the_choices_are_every_zone_once_named_in_the_language():
    choices = dict(zone_choices("fr"))
    assert set(choices) == time_zones() - {"UTC"}
    assert choices["Asia/Amman"].startswith("heure : Jordanie (UTC+")
    assert "Etc/GMT+5" not in time_zones()
    assert "US/Eastern" not in time_zones()

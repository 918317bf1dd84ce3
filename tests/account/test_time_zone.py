"""The time zone on the profile: chosen from the list, or following the country."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from academy.auth.models import User
from academy.extensions import db
from tests.account.test_account import PROFILE
from tests.auth.test_registration_takeover import (
    ATTACKER_PASSWORD,
    OWNER_PASSWORD,
    VICTIM,
    confirm_link,
    register,
)
from tests.factories import make_user, reload, sign_in
from tests.i18n import translated


@pytest.fixture
def learner(client):
    user = make_user("karim@example.org", name="Karim Haddad", country="JO")
    sign_in(client, user.email)
    return user


def test_the_profile_offers_the_zones_with_automatic_first(client, learner):
    html = client.get("/account/").text
    assert '<label for="time_zone">Time zone</label>' in html
    assert '<option selected value="">Automatic, from my country</option>' in html
    assert '<option value="Asia/Amman">Jordan Time (GMT+03:00)</option>' in html
    assert '<option value="UTC">Coordinated Universal Time (UTC)</option>' in html


def test_a_chosen_zone_is_saved_and_shown_chosen(client, learner):
    response = client.post("/account/", data={**PROFILE, "time_zone": "Asia/Beirut"})
    assert response.status_code == 302
    assert reload(learner).time_zone == "Asia/Beirut"
    assert '<option selected value="Asia/Beirut">' in client.get("/account/").text


def test_automatic_is_saved_as_no_choice(client, learner):
    learner.time_zone = "Asia/Beirut"
    db.session.commit()
    response = client.post("/account/", data={**PROFILE, "time_zone": ""})
    assert response.status_code == 302
    assert reload(learner).time_zone is None


def test_an_unknown_zone_is_refused_and_nothing_changes(client, learner):
    response = client.post(
        "/account/", data={**PROFILE, "name": "Karim H.", "time_zone": "Mars/Olympus_Mons"}
    )
    assert response.status_code == 200
    assert (
        '<p class="field-error" id="time_zone-error">\n      '
        '<span class="visually-hidden">Error:</span> Choose a time zone from the list.'
    ) in response.text
    assert 'aria-invalid="true"' in response.text
    learner = reload(learner)
    assert (learner.name, learner.time_zone) == ("Karim Haddad", None)


def test_the_refusal_is_in_the_learners_language(client, learner):
    response = client.post(
        "/account/?lang=fr", data={**PROFILE, "locale": "fr", "time_zone": "Nowhere"}
    )
    assert response.status_code == 200
    assert translated("Choose a time zone from the list.", "fr") in response.text
    assert reload(learner).locale == "en"


def test_registration_asks_the_browser_not_the_learner(client):
    html = client.get("/auth/register").text
    assert '<input id="time_zone" name="time_zone" type="hidden" value="">' in html
    assert '<script src="/static/js/time-zone.js?v=' in html
    assert '<label for="time_zone">' not in html


@pytest.mark.parametrize(
    ("country", "told", "kept"),
    [
        ("US", "America/Chicago", "America/Chicago"),  # several zones: the browser's
        ("JO", "Europe/Paris", None),  # one zone: the country's, followed from NULL
        ("US", "Mars/Olympus_Mons", None),  # not a zone the list offers: dropped
        ("US", "", None),  # scripts off
    ],
)
def test_registration_keeps_the_browsers_zone_only_where_the_country_cannot_tell(
    app, outbox, country, told, kept
):
    owner = app.test_client()
    data = {
        "email": "new@example.org",
        "name": "New Learner",
        "password": OWNER_PASSWORD,
        "locale": "en",
        "country": country,
        "constituent_group": "workers",
        "time_zone": told,
    }
    assert owner.post("/auth/register", data=data).status_code == 302
    assert owner.post(confirm_link(outbox, outbox.last())).status_code == 302
    user = db.session.scalar(select(User).where(User.email == "new@example.org"))
    assert (user.country, user.time_zone) == (country, kept)


def test_the_chosen_zone_is_in_the_personal_data(client, learner):
    client.post("/account/", data={**PROFILE, "time_zone": "Asia/Beirut"})
    data = json.loads(client.get("/account/data.json").data)
    assert data["account"]["time_zone"] == "Asia/Beirut"


def test_an_unconfirmed_account_taken_over_takes_the_registrations_zone(app, outbox):
    squatted = make_user(VICTIM, ATTACKER_PASSWORD, confirmed=False, time_zone="Pacific/Tahiti")
    owner = app.test_client()
    register(owner, "Wanjiru Owner", OWNER_PASSWORD)
    assert owner.post(confirm_link(outbox, outbox.last())).status_code == 302
    user = reload(squatted)
    assert (user.name, user.country, user.time_zone) == ("Wanjiru Owner", "KE", None)

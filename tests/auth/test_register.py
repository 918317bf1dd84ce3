"""Registering and confirming an email address."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from academy.auth.models import Registration, User
from academy.extensions import db
from tests.factories import PASSWORD, make_user, reload, without_tokens

FORM = {
    "email": "  Amina.Diallo@Example.ORG ",
    "password": "river lantern autumn 42",
    "name": "Amina  Diallo",
    "locale": "fr",
    "country": "SN",
    "constituent_group": "sse_entity",
    "organization": "Coopérative des femmes de Thiès",
    "sex": "woman",
}


def register(client, **changes):
    return client.post("/auth/register", data={**FORM, **changes})


def count_users() -> int:
    return db.session.scalar(select(func.count()).select_from(User))


def count_registrations() -> int:
    return db.session.scalar(select(func.count()).select_from(Registration))


@pytest.mark.database
def test_registering_records_a_registration_and_mails_a_link(client, outbox, database_backend):
    response = register(client)
    assert response.status_code == 302
    assert response.location == "/auth/check-your-inbox"
    # No account exists until the address is confirmed.
    assert count_users() == 0
    registration = db.session.scalar(select(Registration))
    assert registration.email == "amina.diallo@example.org"
    assert registration.name == "Amina Diallo"
    assert (registration.locale, registration.country, registration.sex) == ("fr", "SN", "woman")
    assert registration.constituent_group == "sse_entity"
    assert registration.password_hash.startswith("$argon2id$")
    mail = outbox.last()
    assert mail["To"] == "amina.diallo@example.org"
    assert mail["Content-Language"] == "fr"
    assert outbox.link(contains="/auth/confirm/").startswith("http://academy.test/auth/confirm/")


def test_the_mail_is_in_the_recipients_language(client, outbox):
    register(client, locale="es")
    from tests.i18n import translated

    assert outbox.last()["Subject"] == translated("Activate your SSE Academy account", "es")


def test_confirmation_link_activates_and_signs_in(client, outbox):
    register(client)
    link = outbox.link(contains="/auth/confirm/").removeprefix("http://academy.test")
    page = client.get(link)
    assert page.status_code == 200
    assert '<form method="post">' in page.text
    assert "Amina Diallo" in page.text
    # Opening the link (as mail scanners do) changes nothing.
    assert count_users() == 0
    response = client.post(link)
    assert response.status_code == 302
    user = db.session.scalar(select(User))
    assert user.email == "amina.diallo@example.org"
    assert (user.name, user.locale, user.country, user.sex) == ("Amina Diallo", "fr", "SN", "woman")
    assert user.organization == "Coopérative des femmes de Thiès"
    assert user.confirmed_at is not None
    assert count_registrations() == 0
    assert client.get("/account/").status_code == 200


def test_confirmation_link_works_once(client, outbox):
    register(client)
    link = outbox.link(contains="/auth/confirm/").removeprefix("http://academy.test")
    client.post(link)
    client.post("/auth/sign-out")
    assert client.get(link).status_code == 400
    assert client.post(link).status_code == 400


@pytest.mark.parametrize("token", ["garbage", "eyJ1IjoxfQ.forged.signature"])
def test_forged_confirmation_links_are_refused(client, token):
    response = client.get(f"/auth/confirm/{token}")
    assert response.status_code == 400
    assert "<h1>" in response.text


def test_registering_a_known_address_reveals_nothing_and_warns_its_owner(client, outbox):
    owner = make_user("amina.diallo@example.org", name="Amina Diallo")
    first_hash = owner.password_hash
    response = register(client, email="AMINA.DIALLO@example.org", password="another password 9")
    assert response.status_code == 302
    assert response.location == "/auth/check-your-inbox"
    assert count_users() == 1
    assert reload(owner).password_hash == first_hash
    mail = outbox.last()
    assert mail["To"] == "amina.diallo@example.org"
    assert "/auth/confirm/" not in mail.get_content()
    assert "/auth/reset" in mail.get_content()


def test_new_and_known_addresses_get_the_same_page(client):
    make_user("known@example.org")
    known = client.get(register(client, email="known@example.org").location).text
    new = client.get(register(client, email="new@example.org").location).text
    assert without_tokens(known) == without_tokens(new)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"email": "not-an-email"}, "email"),
        ({"email": ""}, "email"),
        ({"password": "short"}, "password"),
        ({"password": "password123"}, "password"),
        ({"password": "amina.diallo-secret"}, "password"),
        ({"name": "   "}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"country": "XX"}, "country"),
        ({"country": ""}, "country"),
        ({"constituent_group": "aliens"}, "constituent_group"),
        ({"sex": "robot"}, "sex"),
        ({"locale": "de"}, "locale"),
    ],
)
def test_bad_input_gets_a_message_beside_the_field_and_changes_nothing(
    client, outbox, changes, field
):
    response = register(client, **changes)
    assert response.status_code == 200
    html = response.text
    assert 'class="error-summary"' in html
    assert f'id="{field}-error"' in html
    assert 'aria-invalid="true"' in html
    assert count_users() == count_registrations() == 0
    assert len(outbox) == 0


def test_weak_password_message_says_what_to_do(client):
    html = register(client, password="short").text
    assert "Use at least 10 characters." in html


def test_optional_fields_may_be_left_empty(client):
    response = register(client, sex="", organization="")
    assert response.status_code == 302
    registration = db.session.scalar(select(Registration))
    assert registration.sex is None
    assert registration.organization == ""


def test_registration_form_explains_why_personal_details_are_asked(client):
    html = client.get("/auth/register").text
    assert 'id="privacy-notice"' in html
    assert "only ever reported as totals" in html


def test_signed_in_people_are_sent_home_from_register(client):
    user = make_user()
    client.post("/auth/sign-in", data={"email": user.email, "password": PASSWORD})
    assert client.get("/auth/register").status_code == 302


def test_a_name_over_200_characters_gets_a_message_and_is_never_cut(client, outbox):
    html = client.get("/auth/register").text
    name_input = re.search(r'<input[^>]*id="name"[^>]*>', html).group(0)
    # A maxlength attribute would let the browser cut the name without a word.
    assert "maxlength" not in name_input

    response = register(client, name="N" * 201)
    assert response.status_code == 200
    assert 'aria-invalid="true"' in re.search(r'<input[^>]*id="name"[^>]*>', response.text).group(0)
    assert "Use at most 200 characters." in response.text
    assert "<title>Error: Create your account · SSE Academy</title>" in response.text
    assert count_registrations() == 0
    assert outbox.messages() == []

    assert register(client, name="N" * 200).status_code == 302
    assert db.session.scalar(select(Registration.name)) == "N" * 200

"""The account pages: profile, email, password, my data, deletion."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import select

from academy.auth.models import User
from academy.extensions import db
from tests.factories import PASSWORD, make_user, reload, sign_in
from tests.i18n import translated

NEW_PASSWORD = "orchard compass willow 5"


@pytest.fixture
def user(client):
    user = make_user("amina@example.org", name="Amina Diallo", locale="fr", country="SN")
    sign_in(client, user.email)
    return user


PROFILE = {
    "name": "Amina N. Diallo",
    "locale": "ar",
    "country": "LB",
    "constituent_group": "government",
    "organization": "Ministry of Labour",
    "sex": "woman",
}


def test_profile_shows_the_current_details(client, user):
    html = client.get("/account/").text
    assert 'value="Amina Diallo"' in html
    assert '<option selected value="SN">' in html


def test_profile_changes_are_saved_and_the_language_follows(client, user):
    response = client.post("/account/", data=PROFILE)
    assert response.status_code == 302
    user = reload(user)
    assert (user.name, user.locale, user.country) == ("Amina N. Diallo", "ar", "LB")
    assert (user.constituent_group, user.organization, user.sex) == (
        "government",
        "Ministry of Labour",
        "woman",
    )
    assert '<html lang="ar" dir="rtl">' in client.get("/account/").text


def test_bad_profile_input_changes_nothing(client, user):
    response = client.post("/account/", data={**PROFILE, "country": "XX", "name": ""})
    assert response.status_code == 200
    assert 'id="country-error"' in response.text
    assert 'id="name-error"' in response.text
    assert reload(user).name == "Amina Diallo"


def test_changing_the_email_confirms_the_new_address_first(client, user, outbox):
    response = client.post(
        "/account/email", data={"email": "Amina.New@Example.org", "current_password": PASSWORD}
    )
    assert response.status_code == 200
    assert reload(user).email == "amina@example.org"
    mail = outbox.last()
    assert mail["To"] == "amina.new@example.org"
    link = outbox.link(contains="/account/email/confirm/").removeprefix("http://academy.test")
    assert client.get(link).status_code == 200
    assert client.post(link).status_code == 302
    assert reload(user).email == "amina.new@example.org"
    # The old address is told, in case someone else made the change.
    notice = outbox.last()
    assert notice["To"] == "amina@example.org"
    assert "amina.new@example.org" in notice.get_content()
    # The link is spent.
    assert client.post(link).status_code == 400
    client.post("/auth/sign-out")
    assert sign_in(client, "amina.new@example.org").status_code == 302


def test_email_change_needs_the_current_password(client, user, outbox):
    response = client.post(
        "/account/email", data={"email": "other@example.org", "current_password": "wrong one!"}
    )
    assert 'id="current_password-error"' in response.text
    assert len(outbox) == 0


def test_email_change_to_a_taken_address_reveals_nothing_and_sends_nothing(client, user, outbox):
    make_user("taken@example.org")
    before = len(outbox)
    response = client.post(
        "/account/email", data={"email": "taken@example.org", "current_password": PASSWORD}
    )
    assert response.status_code == 200
    assert "taken@example.org" in response.text
    assert len(outbox) == before


def test_email_change_link_belongs_to_its_account(make_app, client, user, outbox):
    client.post("/account/email", data={"email": "new@example.org", "current_password": PASSWORD})
    link = outbox.link(contains="/account/email/confirm/").removeprefix("http://academy.test")
    intruder = make_user("intruder@example.org")
    other = make_app().test_client()
    sign_in(other, intruder.email)
    assert other.post(link).status_code == 400
    assert reload(user).email == "amina@example.org"


def test_changing_the_password_keeps_this_session_and_ends_the_others(make_app, client, user):
    phone = make_app().test_client()
    sign_in(phone, user.email, remember=True)
    response = client.post(
        "/account/password", data={"current_password": PASSWORD, "password": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/account/").status_code == 200
    assert phone.get("/account/").status_code == 302
    phone.delete_cookie("session")
    assert phone.get("/account/").status_code == 302
    client.post("/auth/sign-out")
    assert sign_in(client, user.email, NEW_PASSWORD).status_code == 302


def test_password_change_refuses_a_wrong_current_or_weak_new_password(client, user):
    wrong = client.post(
        "/account/password", data={"current_password": "not it at all", "password": NEW_PASSWORD}
    )
    assert 'id="current_password-error"' in wrong.text
    weak = client.post("/account/password", data={"current_password": PASSWORD, "password": "abc"})
    assert 'id="password-error"' in weak.text
    client.post("/auth/sign-out")
    assert sign_in(client, user.email, PASSWORD).status_code == 302


def test_download_my_data(client, user):
    response = client.get("/account/data.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"
    data = json.loads(response.data)
    assert data["account"]["email"] == "amina@example.org"
    assert data["account"]["name"] == "Amina Diallo"
    assert data["account"]["country"] == "SN"
    assert "password_hash" not in json.dumps(data)
    assert "$argon2" not in response.text


def test_my_data_is_mine_only(client):
    assert client.get("/account/data.json").status_code == 302


def test_deleting_the_account_erases_personal_data_and_signs_out(client, user):
    user_id = user.id
    response = client.post(
        "/account/delete", data={"current_password": PASSWORD, "understood": "y"}
    )
    assert response.status_code == 302
    assert client.get("/account/").status_code == 302
    row = db.session.get(User, user_id)
    assert row.deleted_at is not None
    assert row.email is None
    assert row.password_hash is None
    assert row.name == ""
    assert row.country is None
    assert row.organization == ""
    assert sign_in(client, "amina@example.org").status_code == 200
    # The address is free again.
    assert make_user("amina@example.org").id != user_id


def test_deletion_needs_the_password_and_the_tick(client, user):
    no_tick = client.post("/account/delete", data={"current_password": PASSWORD})
    assert 'id="understood-error"' in no_tick.text
    wrong = client.post(
        "/account/delete", data={"current_password": "nope nope", "understood": "y"}
    )
    assert 'id="current_password-error"' in wrong.text
    assert db.session.scalar(select(User.deleted_at).where(User.id == user.id)) is None


def test_the_email_change_notice_names_the_support_address(make_app, app, outbox):
    user = make_user("owner@example.org")
    client = make_app(SUPPORT_EMAIL="help@academy.example").test_client()
    sign_in(client, user.email)
    client.post("/account/email", data={"email": "new@example.org", "current_password": PASSWORD})
    link = outbox.link(contains="/account/email/confirm/").removeprefix("http://academy.test")
    client.post(link)
    notice = outbox.last()
    assert notice["To"] == "owner@example.org"
    assert "help@academy.example" in notice.get_content()


def test_a_profile_name_over_200_characters_gets_a_message_and_is_never_cut(client, user):
    response = client.post("/account/", data={**PROFILE, "name": "Ñ" * 201})
    assert response.status_code == 200
    name_input = re.search(r'<input[^>]*id="name"[^>]*>', response.text).group(0)
    assert "maxlength" not in name_input
    assert 'aria-invalid="true"' in name_input
    assert translated("Use at most 200 characters.", "fr") in response.text
    # The title says what happened, in the learner's language.
    page_title = translated("Error: %(title)s", "fr", title=translated("My account", "fr"))
    site = translated("SSE Academy", "fr")
    assert f"<title>{page_title} · {site}</title>" in response.text
    assert reload(user).name == "Amina Diallo"

"""Every state-changing request needs a CSRF token; a forged form changes nothing."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from academy.auth.models import User
from academy.extensions import db
from tests.factories import PASSWORD, make_user, reload


@pytest.fixture
def csrf_client(make_app, app):
    return make_app(WTF_CSRF_ENABLED=True).test_client()


def token_from(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def signed_in(client, user) -> None:
    token = token_from(client.get("/auth/sign-in").text)
    response = client.post(
        "/auth/sign-in", data={"email": user.email, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302


def test_forged_registration_changes_nothing(csrf_client, outbox):
    response = csrf_client.post(
        "/auth/register",
        data={
            "email": "forged@example.org",
            "password": "river lantern autumn 42",
            "name": "Forged",
            "locale": "en",
            "country": "FR",
            "constituent_group": "other",
        },
    )
    assert response.status_code == 400
    assert "nothing was changed" in response.text
    assert db.session.scalar(select(func.count()).select_from(User)) == 0
    assert len(outbox) == 0


def test_forged_profile_change_changes_nothing(csrf_client):
    user = make_user(name="Original Name")
    signed_in(csrf_client, user)
    response = csrf_client.post(
        "/account/",
        data={"name": "Forged", "locale": "en", "country": "FR", "constituent_group": "other"},
    )
    assert response.status_code == 400
    assert reload(user).name == "Original Name"


def test_forged_sign_out_and_language_change_do_nothing(csrf_client):
    user = make_user()
    signed_in(csrf_client, user)
    assert csrf_client.post("/auth/sign-out").status_code == 400
    assert csrf_client.post("/language", data={"switch-language": "ar"}).status_code == 400
    assert csrf_client.get("/account/").status_code == 200
    assert reload(user).locale == "en"


def test_csrf_error_page_is_in_the_users_language(csrf_client):
    response = csrf_client.post("/auth/sign-in?lang=fr", data={})
    assert response.status_code == 400
    assert '<html lang="fr"' in response.text


def test_a_real_form_with_its_token_works(csrf_client):
    user = make_user()
    signed_in(csrf_client, user)
    html = csrf_client.get("/").text
    token = re.search(r'name="switch-csrf_token" value="([^"]+)"', html)
    response = csrf_client.post(
        "/language",
        data={"switch-language": "es", "switch-next": "/", "switch-csrf_token": token.group(1)},
    )
    assert response.status_code == 302
    assert "academy_lang=es" in response.headers["Set-Cookie"]
    assert reload(user).locale == "es"

"""Signing in and out, sessions, remember-me, the sign-in throttle."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, inspect, select

from academy.auth import throttle
from academy.auth.models import SignInFailure
from academy.extensions import db
from tests.factories import PASSWORD, make_user, reload, sign_in, without_tokens


def is_signed_in(client) -> bool:
    return client.get("/account/").status_code == 200


def test_sign_in_with_the_right_password(client):
    user = make_user("Someone@Example.org")
    response = sign_in(client, "  SOMEONE@example.org")
    assert response.status_code == 302
    assert is_signed_in(client)
    assert reload(user).last_sign_in_at is not None


def test_sign_in_returns_to_the_page_asked_for(client):
    user = make_user()
    client.get("/account/password")
    response = client.post(
        "/auth/sign-in?next=/account/password", data={"email": user.email, "password": PASSWORD}
    )
    assert response.location == "/account/password"


def test_sign_in_never_redirects_to_another_site(client):
    user = make_user()
    response = client.post(
        "/auth/sign-in?next=https://evil.example/",
        data={"email": user.email, "password": PASSWORD},
    )
    assert response.location == "/"


def test_protected_pages_send_visitors_to_sign_in(client):
    response = client.get("/account/")
    assert response.status_code == 302
    assert response.location.startswith("/auth/sign-in?next=")


def test_wrong_password_and_unknown_account_get_the_same_answer(client):
    make_user("known@example.org")
    wrong = sign_in(client, "known@example.org", "wrong password here")
    unknown = sign_in(client, "unknown@example.org", "wrong password here")
    assert wrong.status_code == unknown.status_code == 200
    assert without_tokens(wrong.text).replace("known@", "") == without_tokens(unknown.text).replace(
        "unknown@", ""
    )
    assert not is_signed_in(client)


def test_unconfirmed_account_cannot_sign_in_and_gets_a_new_link(client, outbox):
    user = make_user(confirmed=False)
    response = sign_in(client, user.email)
    assert response.status_code == 200
    assert not is_signed_in(client)
    assert "/auth/confirm/" in outbox.last().get_content()


def test_sign_out_needs_a_post(client):
    user = make_user()
    sign_in(client, user.email)
    assert client.get("/auth/sign-out").status_code == 405
    assert is_signed_in(client)
    client.post("/auth/sign-out")
    assert not is_signed_in(client)


def test_sign_out_ends_every_other_session_remember_me_included(app, make_app):
    app = make_app()
    user = make_user()
    laptop, phone = app.test_client(), app.test_client()
    sign_in(laptop, user.email, remember=True)
    sign_in(phone, user.email, remember=True)
    assert is_signed_in(phone)
    laptop.post("/auth/sign-out")
    assert not is_signed_in(phone)
    # Even the remember-me cookie alone no longer signs in.
    phone.delete_cookie("session")
    assert not is_signed_in(phone)


def test_remember_me_survives_the_end_of_the_browser_session(client):
    user = make_user()
    sign_in(client, user.email, remember=True)
    client.delete_cookie("session")
    assert is_signed_in(client)


def test_without_remember_me_closing_the_browser_signs_out(client):
    user = make_user()
    sign_in(client, user.email)
    client.delete_cookie("session")
    assert not is_signed_in(client)


def test_session_cookie_flags(client):
    user = make_user()
    response = sign_in(client, user.email, remember=True)
    cookies = response.headers.getlist("Set-Cookie")
    session_cookie = next(c for c in cookies if c.startswith("session="))
    remember_cookie = next(c for c in cookies if c.startswith("remember_token="))
    for cookie in (session_cookie, remember_cookie):
        assert "HttpOnly" in cookie
        assert "SameSite=Lax" in cookie


def test_cookies_are_secure_behind_https(app, make_app):
    app = make_app(SESSION_COOKIE_SECURE=True, REMEMBER_COOKIE_SECURE=True)
    user = make_user()
    client = app.test_client()
    response = client.post(
        "/auth/sign-in",
        data={"email": user.email, "password": PASSWORD, "remember": "y"},
        base_url="https://academy.test",
    )
    assert all("Secure" in c for c in response.headers.getlist("Set-Cookie"))


def test_deleted_or_unconfirmed_accounts_lose_their_session(client):
    user = make_user()
    sign_in(client, user.email)
    user.confirmed_at = None
    db.session.commit()
    assert not is_signed_in(client)


def sign_in_from(client, address: str, email: str, password: str = PASSWORD):
    return client.post(
        "/auth/sign-in",
        data={"email": email, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


@pytest.mark.database
def test_guessing_one_account_from_one_address_is_blocked_there(client, database_backend):
    user = make_user()
    for _ in range(throttle.PAIR.limit):
        assert (
            sign_in_from(client, "203.0.113.9", user.email, "wrong password!!").status_code == 200
        )
    # Now even the right password is refused from that address for a while...
    assert sign_in_from(client, "203.0.113.9", user.email).status_code == 429
    assert not is_signed_in(client)
    # ... but the owner, elsewhere, is not locked out.
    assert sign_in_from(client, "198.51.100.7", user.email).status_code == 302


@pytest.mark.database
def test_guessing_one_account_from_many_addresses_is_blocked_everywhere(client, database_backend):
    user = make_user()
    for number in range(throttle.ACCOUNT.limit):
        sign_in_from(client, f"203.0.113.{number}", user.email, "wrong password!!")
    assert sign_in_from(client, "198.51.100.7", user.email).status_code == 429
    assert not is_signed_in(client)


@pytest.mark.database
def test_failed_sign_ins_are_throttled_per_address(client, database_backend):
    for number in range(throttle.ADDRESS.limit):
        sign_in(client, f"guess{number}@example.org", "wrong password!!")
    user = make_user()
    assert sign_in(client, user.email).status_code == 429


@pytest.mark.database
def test_throttle_counts_are_shared_by_every_app_server(app, make_app, database_backend):
    user = make_user()
    servers = [make_app().test_client() for _ in range(throttle.PAIR.limit)]
    for server in servers:
        sign_in(server, user.email, "wrong password!!")
    assert sign_in(make_app().test_client(), user.email).status_code == 429


@pytest.mark.database
def test_the_throttle_window_expires(client, database_backend):
    user = make_user()
    for _ in range(throttle.PAIR.limit):
        sign_in(client, user.email, "wrong password!!")
    old = throttle.utcnow() - timedelta(hours=1)
    for row in db.session.scalars(select(SignInFailure)):
        row.window_started_at = old
    db.session.commit()
    assert sign_in(client, user.email).status_code == 302


def test_success_clears_the_account_counters(client):
    user = make_user()
    for _ in range(throttle.PAIR.limit - 1):
        sign_in(client, user.email, "wrong password!!")
    assert sign_in(client, user.email).status_code == 302
    client.post("/auth/sign-out")
    for _ in range(throttle.PAIR.limit - 1):
        assert sign_in(client, user.email, "wrong password!!").status_code == 200
    assert sign_in(client, user.email).status_code == 302


def test_the_throttle_keeps_no_email_or_network_address(client):
    user = make_user()
    sign_in_from(client, "203.0.113.9", user.email, "wrong password!!")
    keys = " ".join(db.session.scalars(select(SignInFailure.key)))
    assert keys.count(":") == 4  # pair:<account>:<address>, account:<..>, address:<..>
    assert user.email not in keys
    assert "203.0.113.9" not in keys


def test_throttle_can_use_a_limits_storage(app, make_app):
    app = make_app(THROTTLE_STORAGE="memory://")
    user = make_user()
    client = app.test_client()
    for _ in range(throttle.PAIR.limit):
        sign_in(client, user.email, "wrong password!!")
    assert sign_in(client, user.email).status_code == 429
    assert db.session.scalar(select(SignInFailure)) is None


def test_counters_of_old_passwords_do_not_pile_up(client):
    user = make_user()
    sign_in(client, user.email, "wrong password!!")
    for row in db.session.scalars(select(SignInFailure)):
        row.window_started_at = throttle.utcnow() - timedelta(days=2)
    db.session.commit()
    sign_in_from(client, "198.51.100.7", "someone@example.org", "wrong password!!")
    assert db.session.scalar(select(func.count()).select_from(SignInFailure)) == 3


@pytest.mark.database
def test_stale_counters_are_found_through_an_index(app, database_backend):
    # Every new count deletes the rows whose window is long past.
    indexes = inspect(db.engine).get_indexes("sign_in_failures")
    assert [index["column_names"] for index in indexes] == [["window_started_at"]]


@pytest.mark.parametrize("storage", ["database", "memory://"])
def test_take_counts_first_then_compares(make_app, app, storage):
    rule = throttle.Rule("test-take", 2, window_seconds=60)
    with make_app(THROTTLE_STORAGE=storage).app_context():
        key = throttle.email_key(rule, f"{storage}@example.org")
        assert [throttle.take(rule, key) for _ in range(4)] == [True, True, False, False]
        assert throttle.is_over(rule, key)

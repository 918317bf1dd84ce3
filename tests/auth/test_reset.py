"""Password reset by an emailed, expiring, single-use link."""

from __future__ import annotations

import time

import pytest

from academy.auth import throttle
from tests.factories import PASSWORD, make_user, reload, sign_in, without_tokens

NEW_PASSWORD = "harbour violet thunder 7"


def ask_for_reset(client, outbox, email: str) -> str:
    client.post("/auth/reset", data={"email": email})
    return outbox.link(contains="/auth/reset/").removeprefix("http://academy.test")


def test_reset_link_sets_a_new_password_and_ends_every_session(make_app, app, outbox):
    user = make_user()
    other_device = make_app().test_client()
    sign_in(other_device, user.email)
    client = app.test_client()
    link = ask_for_reset(client, outbox, user.email.upper())
    assert client.get(link).status_code == 200
    response = client.post(link, data={"password": NEW_PASSWORD})
    assert response.status_code == 302
    assert other_device.get("/account/").status_code == 302
    assert sign_in(client, user.email, PASSWORD).status_code == 200
    assert sign_in(client, user.email, NEW_PASSWORD).status_code == 302
    # The owner is told, in case it was not them.
    assert "/auth/reset" in outbox.last().get_content()


def test_reset_link_works_only_once(client, outbox):
    user = make_user()
    link = ask_for_reset(client, outbox, user.email)
    client.post(link, data={"password": NEW_PASSWORD})
    response = client.post(link, data={"password": "yet another pass phrase"})
    assert response.status_code == 400
    assert sign_in(client, user.email, NEW_PASSWORD).status_code == 302


def test_reset_link_expires(make_app, app, outbox):
    user = make_user()
    short = make_app(RESET_TOKEN_MAX_AGE=1).test_client()
    link = ask_for_reset(short, outbox, user.email)
    time.sleep(2.1)
    response = short.post(link, data={"password": NEW_PASSWORD})
    assert response.status_code == 400
    assert sign_in(short, user.email, PASSWORD).status_code == 302


def test_unknown_and_known_addresses_get_the_same_answer(client, outbox):
    make_user("known@example.org")
    known = client.post("/auth/reset", data={"email": "known@example.org"})
    unknown = client.post("/auth/reset", data={"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 200
    assert without_tokens(known.text) == without_tokens(unknown.text)
    assert [m["To"] for m in outbox.messages()] == ["known@example.org"]


def test_weak_new_password_is_refused_with_a_message(client, outbox):
    user = make_user()
    link = ask_for_reset(client, outbox, user.email)
    response = client.post(link, data={"password": "short"})
    assert response.status_code == 200
    assert 'id="password-error"' in response.text
    assert sign_in(client, user.email, PASSWORD).status_code == 302


def test_reset_confirms_an_unconfirmed_address(client, outbox):
    user = make_user(confirmed=False)
    link = ask_for_reset(client, outbox, user.email)
    client.post(link, data={"password": NEW_PASSWORD})
    assert reload(user).confirmed_at is not None


@pytest.mark.parametrize("token", ["nope", "a.b.c"])
def test_malformed_reset_links_get_a_clear_page(client, token):
    response = client.get(f"/auth/reset/{token}")
    assert response.status_code == 400
    assert "/auth/reset" in response.text


def test_one_mailbox_gets_three_reset_links_an_hour(make_app, app, outbox):
    make_user("amina@example.org")
    site = make_app(RATELIMIT_ENABLED=True)
    pages = []
    for number in range(throttle.RESET_MAILS.limit + 1):
        # From a new address each time: the per-address limit is not what stops it.
        response = site.test_client().post(
            "/auth/reset",
            data={"email": "amina@example.org"},
            environ_base={"REMOTE_ADDR": f"203.0.113.{number}"},
        )
        assert response.status_code == 200
        pages.append(without_tokens(response.text))
    assert len(outbox) == throttle.RESET_MAILS.limit
    assert pages[-1] == pages[0]


def test_reset_requests_for_an_unknown_address_count_the_same(client, outbox):
    for _ in range(throttle.RESET_MAILS.limit):
        client.post("/auth/reset", data={"email": "nobody@example.org"})
    make_user("nobody@example.org")
    client.post("/auth/reset", data={"email": "nobody@example.org"})
    assert len(outbox) == 0

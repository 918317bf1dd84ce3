"""The current-password fields are throttled like sign-in; address changes are rate-limited."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from academy.account.forms import ChangePasswordForm
from academy.auth import throttle
from academy.auth.models import SignInFailure, User
from academy.extensions import db
from tests.factories import PASSWORD, make_user, reload, sign_in

NEW_PASSWORD = "orchard compass willow 5"
THROTTLED = "Too many failed attempts. Wait 15 minutes, or reset your password."
FORMS = {
    "/account/email": {"email": "new@example.org"},
    "/account/password": {"password": NEW_PASSWORD},
    "/account/delete": {"understood": "y"},
}


@pytest.fixture
def user(client):
    user = make_user("amina@example.org", name="Amina Diallo")
    sign_in(client, user.email)
    return user


def snapshot(user) -> tuple:
    row = reload(user)
    return row.email, row.password_hash, row.deleted_at, row.session_version


@pytest.mark.parametrize("url", FORMS)
def test_guessing_the_current_password_is_throttled(client, user, outbox, url):
    before = snapshot(user)
    for _ in range(throttle.PAIR.limit):
        wrong = client.post(url, data={**FORMS[url], "current_password": "a wrong guess"})
        assert wrong.status_code == 200
        assert "This is not your current password." in wrong.text
    # Now even the right password is refused, with a message that says why.
    response = client.post(url, data={**FORMS[url], "current_password": PASSWORD})
    assert response.status_code == 429
    assert THROTTLED in response.text
    assert 'id="current_password-error"' in response.text
    assert snapshot(user) == before
    assert len(outbox) == 0
    # The guesses counted against the account's password wherever it is asked.
    client.post("/auth/sign-out")
    assert sign_in(client, user.email).status_code == 429


def test_a_right_current_password_clears_the_count(client, user):
    for _ in range(throttle.PAIR.limit - 1):
        client.post("/account/delete", data={"current_password": "a wrong guess"})
    client.post("/account/delete", data={"current_password": PASSWORD})  # no tick: refused
    for _ in range(throttle.PAIR.limit - 1):
        client.post("/account/delete", data={"current_password": "a wrong guess"})
    response = client.post(
        "/account/password", data={"current_password": PASSWORD, **FORMS["/account/password"]}
    )
    assert response.status_code == 302


def test_email_change_mails_are_rate_limited(client, user, outbox):
    make_user("taken@example.org")
    # A taken address counts too: answering otherwise would say it is taken.
    addresses = ["one@example.org", "taken@example.org", "three@example.org"]
    for address in addresses:
        response = client.post(
            "/account/email", data={"email": address, "current_password": PASSWORD}
        )
        assert response.status_code == 200
    assert [m["To"] for m in outbox.messages()] == ["one@example.org", "three@example.org"]
    response = client.post(
        "/account/email", data={"email": "four@example.org", "current_password": PASSWORD}
    )
    assert response.status_code == 429
    assert "You have asked for several changes of address in the last hour." in response.text
    assert 'id="email-error"' in response.text
    assert len(outbox) == 2
    assert db.session.scalar(select(User.email).where(User.id == user.id)) == "amina@example.org"


@pytest.mark.database
def test_requests_at_once_cannot_pass_the_email_change_limit(app, outbox, database_backend):
    user = make_user("amina@example.org")
    clients = [app.test_client() for _ in range(8)]
    for client in clients:
        assert sign_in(client, user.email).status_code == 302
    barrier = threading.Barrier(len(clients))
    statuses = []

    def change(client, number: int) -> None:
        barrier.wait()
        data = {"email": f"new{number}@example.org", "current_password": PASSWORD}
        statuses.append(client.post("/account/email", data=data).status_code)

    threads = [
        threading.Thread(target=change, args=(client, number))
        for number, client in enumerate(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    limit = throttle.EMAIL_CHANGE_MAILS.limit
    assert sorted(statuses) == [200] * limit + [429] * (len(clients) - limit)
    assert len(outbox) == limit


def test_validating_a_form_neither_checks_nor_counts_the_password(app, user):
    # The view checks the current password, with the address it read from the request.
    data = {"current_password": "a wrong guess", "password": NEW_PASSWORD}
    with app.test_request_context("/account/password", method="POST", data=data):
        ChangePasswordForm(user=user).validate()
    assert db.session.scalar(select(SignInFailure)) is None


def test_the_view_counts_a_wrong_current_password_against_the_senders_address(client, user):
    data = {"current_password": "a wrong guess", **FORMS["/account/password"]}
    for _ in range(throttle.PAIR.limit):
        client.post("/account/password", data=data, environ_base={"REMOTE_ADDR": "203.0.113.9"})
    client.post("/auth/sign-out")
    guesser = {"REMOTE_ADDR": "203.0.113.9"}
    owner = {"REMOTE_ADDR": "198.51.100.7"}
    form = {"email": user.email, "password": PASSWORD}
    assert client.post("/auth/sign-in", data=form, environ_base=guesser).status_code == 429
    assert client.post("/auth/sign-in", data=form, environ_base=owner).status_code == 302

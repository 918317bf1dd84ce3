"""Auth and account mails over real SMTP: sent after the response, or the person is told.

Mails that would tell whether an address has an account (registration, reset,
a new address) go out after the response, and when they fail only the log
knows. The others are sent before the page is answered, and the page says
when one could not be sent; the change itself is kept either way.
"""

from __future__ import annotations

import logging

import pytest
from argon2 import PasswordHasher
from sqlalchemy import event, select

from academy.auth import tokens
from academy.auth.models import Registration
from academy.extensions import db
from tests.auth.test_register import FORM
from tests.factories import PASSWORD, make_user, reload, sign_in, without_tokens
from tests.smtp import ACCEPT, HANG, REFUSE, smtp_config, smtp_server

NEW_PASSWORD = "harbour violet thunder 7"


@pytest.fixture
def refusing(make_app, app):
    """A client of an app whose mail server refuses every mail."""
    with smtp_server(REFUSE) as server:
        yield make_app(**smtp_config(server.port)).test_client()


@pytest.fixture
def accepting(make_app, app):
    with smtp_server(ACCEPT) as server:
        server.client = make_app(**smtp_config(server.port)).test_client()
        yield server


def failures(caplog) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name == "academy.mail"]


# -- enumeration-sensitive mails: after the response, failures only logged ------


def _post_and_watch(server, url: str, data: dict):
    """Post; return the status, the page, and the SMTP connections made by the
    time the server had the whole page to send."""
    response = server.client.post(url, data=data, buffered=False)
    parts = iter(response.response)
    page = next(parts)  # Flask hands its page over in one part
    connections_then = server.connections
    rest = list(parts)  # the server asks for more: the response is complete
    response.close()
    return response.status_code, b"".join([page, *rest]).decode(), connections_then


def test_the_reset_mail_leaves_only_after_the_response(accepting):
    make_user("known@example.org")
    status, page, connections_then = _post_and_watch(
        accepting, "/auth/reset", {"email": "known@example.org"}
    )
    assert status == 200
    assert "Check your email" in page
    assert connections_then == 0
    assert [message["To"] for message in accepting.messages] == ["known@example.org"]


def test_the_new_address_mail_leaves_only_after_the_response(accepting):
    user = make_user("owner@example.org")
    sign_in(accepting.client, user.email)
    status, _page, connections_then = _post_and_watch(
        accepting, "/account/email", {"email": "new@example.org", "current_password": PASSWORD}
    )
    assert status == 200
    assert connections_then == 0
    assert [message["To"] for message in accepting.messages] == ["new@example.org"]


@pytest.mark.parametrize("email", ["new@example.org", "taken@example.org"])
def test_registration_mails_leave_only_after_the_response(accepting, email):
    make_user("taken@example.org")
    status, _page, connections_then = _post_and_watch(
        accepting, "/auth/register", {**FORM, "email": email}
    )
    assert status == 302
    assert connections_then == 0
    assert [message["To"] for message in accepting.messages] == [email]


class _Work:
    """Counts what a request does: SQL statements and password hashes and checks."""

    def __init__(self, monkeypatch):
        self.statements = 0
        self.hashing = 0
        event.listen(db.engine, "before_cursor_execute", self._statement)
        for name in ("hash", "verify"):
            original = getattr(PasswordHasher, name)
            monkeypatch.setattr(PasswordHasher, name, self._counting(original))

    def _statement(self, *_args) -> None:
        self.statements += 1

    def _counting(self, original):
        def counted(hasher, *args, **kwargs):
            self.hashing += 1
            return original(hasher, *args, **kwargs)

        return counted

    def close(self) -> tuple[int, int]:
        event.remove(db.engine, "before_cursor_execute", self._statement)
        return self.statements, self.hashing


def _work_of(monkeypatch, request) -> tuple[int, int]:
    work = _Work(monkeypatch)
    try:
        request()
    finally:
        counts = work.close()
    return counts


def test_reset_does_the_same_work_for_a_known_and_an_unknown_address(app, client, monkeypatch):
    make_user("known@example.org")
    client.post("/auth/reset", data={"email": "warm@example.org"})  # templates compiled
    known = _work_of(
        monkeypatch, lambda: client.post("/auth/reset", data={"email": "known@example.org"})
    )
    unknown = _work_of(
        monkeypatch, lambda: client.post("/auth/reset", data={"email": "nobody@example.org"})
    )
    assert known == unknown


def test_the_new_address_form_does_the_same_work_whether_it_is_taken(app, client, monkeypatch):
    user = make_user("owner@example.org")
    make_user("taken@example.org")
    sign_in(client, user.email)

    def change_to(email):
        return lambda: client.post(
            "/account/email", data={"email": email, "current_password": PASSWORD}
        )

    change_to("warm@example.org")()
    assert _work_of(monkeypatch, change_to("free@example.org")) == _work_of(
        monkeypatch, change_to("taken@example.org")
    )


def test_a_failed_reset_mail_changes_nothing_the_visitor_sees(refusing, caplog):
    make_user("known@example.org")
    with caplog.at_level(logging.ERROR, logger="academy.mail"):
        known = refusing.post("/auth/reset", data={"email": "known@example.org"})
        unknown = refusing.post("/auth/reset", data={"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 200
    assert without_tokens(known.text) == without_tokens(unknown.text)
    [logged] = failures(caplog)
    assert "known@example.org" in logged


def test_failed_registration_mails_change_nothing_the_visitor_sees(refusing, caplog):
    make_user("taken@example.org")
    with caplog.at_level(logging.ERROR, logger="academy.mail"):
        new = refusing.post("/auth/register", data={**FORM, "email": "new@example.org"})
        taken = refusing.post("/auth/register", data={**FORM, "email": "taken@example.org"})
    assert (new.status_code, new.location) == (taken.status_code, taken.location)
    assert (new.status_code, new.location) == (302, "/auth/check-your-inbox")
    # The registration is kept: registering again mails a new link for it.
    assert (
        db.session.scalar(select(Registration).where(Registration.email == "new@example.org"))
        is not None
    )
    assert len(failures(caplog)) == 2
    # The page they reach says how to ask again.
    page = refusing.get("/auth/check-your-inbox").text
    assert "register again to get a new link" in page


def test_a_failed_new_address_mail_changes_nothing_the_person_sees(refusing, caplog):
    user = make_user("owner@example.org")
    make_user("taken@example.org")
    sign_in(refusing, user.email)
    with caplog.at_level(logging.ERROR, logger="academy.mail"):
        free = refusing.post(
            "/account/email", data={"email": "free@example.org", "current_password": PASSWORD}
        )
        taken = refusing.post(
            "/account/email", data={"email": "taken@example.org", "current_password": PASSWORD}
        )
    assert free.status_code == taken.status_code == 200
    assert without_tokens(free.text).replace("free@", "taken@") == without_tokens(taken.text)
    assert 'href="/account/email">Ask for a new link' in free.text
    [logged] = failures(caplog)
    assert "free@example.org" in logged


# -- the others: the person is told, the change is kept -------------------------


@pytest.mark.parametrize("mode", [REFUSE, HANG])
def test_an_unconfirmed_sign_in_says_the_new_link_could_not_be_sent(make_app, app, caplog, mode):
    user = make_user(confirmed=False)
    with smtp_server(mode) as server, caplog.at_level(logging.ERROR, logger="academy.mail"):
        client = make_app(**smtp_config(server.port, MAIL_TIMEOUT=0.3)).test_client()
        response = sign_in(client, user.email)
    assert response.status_code == 200
    assert "we could not send you a new activation link just now" in response.text
    assert "We have sent you a new activation link" not in response.text
    assert len(failures(caplog)) == 1


def test_a_reset_whose_notice_fails_still_changes_the_password(refusing, caplog):
    user = make_user()
    link = f"/auth/reset/{tokens.make_token(user, tokens.RESET)}"
    with caplog.at_level(logging.ERROR, logger="academy.mail"):
        response = refusing.post(link, data={"password": NEW_PASSWORD}, follow_redirects=True)
    assert response.status_code == 200
    assert "Your password is changed. Sign in with your new password." in response.text
    assert f"We could not send the mail that tells <bdi>{user.email}</bdi> about this change" in (
        response.text
    )
    assert len(failures(caplog)) == 1
    assert sign_in(refusing, user.email, NEW_PASSWORD).status_code == 302


def test_a_password_change_whose_notice_fails_is_kept_and_said(refusing, caplog):
    user = make_user()
    sign_in(refusing, user.email)
    with caplog.at_level(logging.ERROR, logger="academy.mail"):
        response = refusing.post(
            "/account/password",
            data={"current_password": PASSWORD, "password": NEW_PASSWORD},
            follow_redirects=True,
        )
    assert response.status_code == 200
    assert "Your password is changed. Other devices have been signed out." in response.text
    assert "We could not send the mail that tells" in response.text
    assert len(failures(caplog)) == 1
    refusing.post("/auth/sign-out")
    assert sign_in(refusing, user.email, NEW_PASSWORD).status_code == 302


def test_an_email_change_whose_notice_fails_is_kept_and_said(refusing, caplog):
    user = make_user("old@example.org")
    sign_in(refusing, user.email)
    token = tokens.make_token(user, tokens.CHANGE_EMAIL, email="new@example.org")
    with caplog.at_level(logging.ERROR, logger="academy.mail"):
        response = refusing.post(f"/account/email/confirm/{token}", follow_redirects=True)
    assert response.status_code == 200
    assert "Your email address is changed." in response.text
    assert "your previous address, <bdi>old@example.org</bdi>" in response.text
    assert len(failures(caplog)) == 1
    assert reload(user).email == "new@example.org"

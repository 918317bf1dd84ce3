"""Outgoing mail over real SMTP: a server that refuses or hangs never breaks a request."""

from __future__ import annotations

import logging
import smtplib

import pytest
from flask import Flask

from academy import mail
from tests.factories import make_user
from tests.smtp import ACCEPT, HANG, REFUSE, closed_port, smtp_config, smtp_server


def _send(app: Flask) -> bool:
    with app.test_request_context():
        return mail.send_mail(
            "someone@example.org",
            "auth/mail/password_changed_subject.txt",
            "auth/mail/password_changed.txt",
            "en",
            user=make_user(commit=False),
            reset_link="http://academy.test/auth/reset",
        )


def _failures(caplog) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name == "academy.mail"]


def test_a_mail_goes_out_over_smtp(make_app):
    with smtp_server(ACCEPT) as server:
        assert _send(make_app(**smtp_config(server.port))) is True
    assert [message["To"] for message in server.messages] == ["someone@example.org"]
    assert server.messages[0]["Content-Language"] == "en"


@pytest.mark.parametrize(("mode", "use_ssl"), [(REFUSE, False), (HANG, False), (HANG, True)])
def test_a_server_that_refuses_or_hangs_is_logged_and_reported(make_app, caplog, mode, use_ssl):
    with smtp_server(mode) as server:
        app = make_app(**smtp_config(server.port, MAIL_TIMEOUT=0.3, MAIL_USE_SSL=use_ssl))
        with caplog.at_level(logging.ERROR, logger="academy.mail"):
            assert _send(app) is False
    assert server.connections == 1
    assert server.messages == []
    [logged] = _failures(caplog)
    assert "could not be sent" in logged
    assert "someone@example.org" in logged


def test_a_server_that_is_not_there_is_logged_and_reported(make_app, caplog):
    app = make_app(**smtp_config(closed_port()))
    with caplog.at_level(logging.ERROR, logger="academy.mail"):
        assert _send(app) is False
    assert len(_failures(caplog)) == 1


@pytest.mark.parametrize("use_ssl", [False, True])
def test_connecting_and_every_command_have_the_configured_timeout(make_app, monkeypatch, use_ssl):
    seen = {}

    class Recorder:
        def __init__(self, host, port, **options):
            seen.update(options)
            raise smtplib.SMTPConnectError(421, b"recorded")

    monkeypatch.setattr(smtplib, "SMTP_SSL" if use_ssl else "SMTP", Recorder)
    app = make_app(**smtp_config(25, MAIL_USE_SSL=use_ssl, MAIL_TIMEOUT=7.5))
    assert _send(app) is False
    assert seen["timeout"] == 7.5


def test_the_timeout_is_a_setting(make_app, monkeypatch):
    monkeypatch.setenv("ACADEMY_MAIL_TIMEOUT", "4.5")
    assert make_app().config["MAIL_TIMEOUT"] == 4.5
    monkeypatch.delenv("ACADEMY_MAIL_TIMEOUT")
    assert make_app().config["MAIL_TIMEOUT"] == 10.0

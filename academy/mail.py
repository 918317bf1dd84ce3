"""Outgoing mail: SMTP when configured, otherwise the log and an outbox folder.

Mail goes out after the change it tells of is committed, so a mail that
cannot be sent never undoes that change and never turns into an error page:
the failure is logged, and send_mail says so to its caller, which tells the
person. Mails whose sending must not show in the response (they would reveal
whether an address has an account) are sent once the response has gone out.
"""

from __future__ import annotations

import contextlib
import logging
import re
import secrets
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

import click
from flask import current_app, render_template
from flask_babel import force_locale

from academy.after_response import call_after_response
from academy.database import utcnow

log = logging.getLogger(__name__)
_LINK = re.compile(r"https?://\S+")


def compose_mail(
    to: str, subject_template: str, body_template: str, locale: str, **context
) -> EmailMessage:
    """Render a mail in the recipient's language.

    subject_template and body_template name templates under mail/; both are
    rendered inside force_locale so the recipient reads their own language.
    """
    with force_locale(locale):
        subject = render_template(subject_template, **context).strip()
        body = render_template(body_template, **context)
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain="sse-academy")
    message.set_content(body)
    # After set_content, which drops any Content-* header set before it.
    message["Content-Language"] = locale
    return message


def send_mail(to: str, subject_template: str, body_template: str, locale: str, **context) -> bool:
    """Render a mail and send it now; False, logged, when it could not be sent."""
    return deliver(compose_mail(to, subject_template, body_template, locale, **context))


def send_mail_after_response(
    to: str, subject_template: str, body_template: str, locale: str, **context
) -> None:
    """Render a mail now and send it once the response has gone out.

    The response then takes the same time whether a mail is sent or not, and
    never depends on the mail server; a failure is only logged.
    """
    message = compose_mail(to, subject_template, body_template, locale, **context)
    app = current_app._get_current_object()

    def send() -> None:
        with app.app_context():
            deliver(message)

    call_after_response(send)


def send_mails_after_response(mails: list[tuple[str, str, str, str, dict]]) -> None:
    """Render and send mails (to, subject, body, locale, context) once the response is out.

    For a batch (a cohort's invitations, a workshop's certificates): composing
    a thousand mails takes seconds the person who asked for them should not
    wait. They go over one connection (deliver_batch). The contexts must hold
    plain values (no database rows): they are rendered after the request.
    """
    app = current_app._get_current_object()

    def send() -> None:
        with app.app_context():
            deliver_batch(
                [
                    compose_mail(to, subject_template, body_template, locale, **context)
                    for to, subject_template, body_template, locale, context in mails
                ]
            )

    if mails:
        call_after_response(send)


def send_composed_after_response(messages: list[EmailMessage]) -> None:
    """Send mails composed in the request (their contexts held rows) once the response is out."""
    app = current_app._get_current_object()

    def send() -> None:
        with app.app_context():
            deliver_batch(messages)

    if messages:
        call_after_response(send)


def deliver_batch(messages: list[EmailMessage]) -> list[EmailMessage]:
    """Send messages over one SMTP connection; those that could not be sent, each logged.

    A connection the server drops (many close after so many mails, or on a
    timeout) is opened again once for the mail being sent. A mail the server
    refuses (its address, its size) is logged and the batch goes on. When
    the server cannot be reached at all, the remaining mails are not tried
    one timeout each: they are logged as not sent at once.
    """
    if not current_app.config["MAIL_SERVER"]:
        return [message for message in messages if not deliver(message)]
    batch = _Batch()
    try:
        failed = [message for message in messages if not batch.send(message)]
    finally:
        batch.close()
    if failed:
        log.error(
            "%d of %d mails of a batch could not be sent, to: %s",
            len(failed),
            len(messages),
            ", ".join(str(message["To"]) for message in failed),
        )
    return failed


# "421 Service not available, closing transmission channel": the server is leaving.
_CLOSING = 421


class _Batch:
    """One SMTP connection for many mails, opened again when the server drops it."""

    def __init__(self) -> None:
        self.server: smtplib.SMTP | None = None
        self.unreachable = False

    def send(self, message: EmailMessage) -> bool:
        for retry in (False, True):
            if self.server is None and not self._connect(message):
                return False
            try:
                self.server.send_message(message)
                return True
            except (smtplib.SMTPResponseException, smtplib.SMTPRecipientsRefused) as error:
                if getattr(error, "smtp_code", None) != _CLOSING:
                    # This one mail refused (smtplib reset the transaction): go on.
                    _log_failure(message)
                    return False
                self._drop()
                if retry:
                    _log_failure(message)
            except (smtplib.SMTPException, OSError):
                # Disconnected, reset, broken pipe, a timeout: the connection is gone.
                self._drop()
                if retry:
                    _log_failure(message)
        return False

    def _connect(self, message: EmailMessage) -> bool:
        if self.unreachable:
            return False
        try:
            self.server = _open_smtp()
        except (smtplib.SMTPException, OSError):
            self.unreachable = True
            _log_failure(message)
            return False
        return True

    def _drop(self) -> None:
        server, self.server = self.server, None
        if server is not None:
            server.close()

    def close(self) -> None:
        if self.server is not None:
            # Every mail was handed over already; a failed goodbye changes nothing.
            with contextlib.suppress(smtplib.SMTPException, OSError):
                self.server.quit()
            self._drop()


def _log_failure(message: EmailMessage) -> None:
    log.exception("Mail %s to %s could not be sent", message["Message-ID"], message["To"])


def deliver(message: EmailMessage) -> bool:
    """Send a composed mail; False, logged, when it could not be sent."""
    try:
        if current_app.config["MAIL_SERVER"]:
            _send_smtp(message)
        else:
            _write_to_outbox(message)
    except (smtplib.SMTPException, OSError):
        log.exception("Mail %s to %s could not be sent", message["Message-ID"], message["To"])
        return False
    return True


def _send_smtp(message: EmailMessage) -> None:
    with _open_smtp() as server:
        server.send_message(message)


def _open_smtp() -> smtplib.SMTP:
    """A connection to the configured server, greeted, secured and signed in."""
    config = current_app.config
    # One timeout for connecting and for every later read or write, so a mail
    # server that hangs holds a request for seconds, not for ever.
    timeout = config["MAIL_TIMEOUT"]
    context = ssl.create_default_context()
    if config["MAIL_USE_SSL"]:
        server = smtplib.SMTP_SSL(
            config["MAIL_SERVER"], config["MAIL_PORT"], context=context, timeout=timeout
        )
    else:
        server = smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=timeout)
    try:
        if config["MAIL_USE_TLS"] and not config["MAIL_USE_SSL"]:
            server.starttls(context=context)
        if config["MAIL_USERNAME"]:
            server.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
    except BaseException:
        server.close()
        raise
    return server


def _write_to_outbox(message: EmailMessage) -> Path:
    outbox = Path(current_app.config["MAIL_OUTBOX"])
    outbox.mkdir(parents=True, exist_ok=True)
    name = f"{utcnow():%Y%m%dT%H%M%S%f}-{secrets.token_hex(4)}.eml"
    path = outbox / name
    path.write_bytes(message.as_bytes())
    log.info("Mail to %s written to %s", message["To"], path)
    if current_app.config["MAIL_PRINT_LINKS"]:
        links = _LINK.findall(message.get_content())
        click.echo(f"\n[mail] To: {message['To']} — {message['Subject']}", err=True)
        for link in links:
            click.echo(f"[mail]   {link}", err=True)
    return path

"""Outgoing mail: SMTP when configured, otherwise the log and an outbox folder.

Mail goes out after the change it tells of is committed, so a mail that
cannot be sent never undoes that change and never turns into an error page:
the failure is logged, and send_mail says so to its caller, which tells the
person. Mails whose sending must not show in the response (they would reveal
whether an address has an account) are sent once the response has gone out.
"""

from __future__ import annotations

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

    For a batch (a cohort's invitations): composing a thousand mails takes
    seconds the person who asked for them should not wait. The contexts must
    hold plain values (no database rows): they are rendered after the request.
    """
    app = current_app._get_current_object()

    def send() -> None:
        with app.app_context():
            for to, subject_template, body_template, locale, context in mails:
                deliver(compose_mail(to, subject_template, body_template, locale, **context))

    if mails:
        call_after_response(send)


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
    with server:
        if config["MAIL_USE_TLS"] and not config["MAIL_USE_SSL"]:
            server.starttls(context=context)
        if config["MAIL_USERNAME"]:
            server.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        server.send_message(message)


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

"""Outgoing mail: SMTP when configured, otherwise the log and an outbox folder."""

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

from academy.database import utcnow

log = logging.getLogger(__name__)
_LINK = re.compile(r"https?://\S+")


def send_mail(to: str, subject_template: str, body_template: str, locale: str, **context):
    """Render a mail in the recipient's language and send it.

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
    if current_app.config["MAIL_SERVER"]:
        _send_smtp(message)
    else:
        _write_to_outbox(message)
    return message


def _send_smtp(message: EmailMessage) -> None:
    config = current_app.config
    context = ssl.create_default_context()
    if config["MAIL_USE_SSL"]:
        server = smtplib.SMTP_SSL(config["MAIL_SERVER"], config["MAIL_PORT"], context=context)
    else:
        server = smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=30)
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

"""The mail to the owner of an account an admin created: choose your password."""

from __future__ import annotations

from flask import current_app, url_for

from academy.auth import tokens
from academy.auth.models import User
from academy.mail import send_mail


def _link(endpoint: str, **values) -> str:
    # The public base URL, never the request's host (see academy.auth.mails).
    return current_app.config["BASE_URL"] + url_for(endpoint, **values)


def send_account_created(user: User) -> bool:
    """Mail the password link (the reset flow, which also confirms the address)."""
    token = tokens.make_token(user, tokens.RESET)
    return send_mail(
        user.email,
        "admin/mail/account_created_subject.txt",
        "admin/mail/account_created.txt",
        user.locale,
        user=user,
        link=_link("auth.reset_password", token=token),
        minutes=current_app.config["RESET_TOKEN_MAX_AGE"] // 60,
        reset_link=_link("auth.reset_request"),
    )

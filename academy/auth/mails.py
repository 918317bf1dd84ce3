"""The mails the auth and account features send, each in its recipient's language."""

from __future__ import annotations

from flask import current_app, url_for

from academy.auth import tokens
from academy.auth.models import Registration, User
from academy.mail import send_mail


def _link(endpoint: str, **values) -> str:
    # The public base URL, not the request's host: a forged Host header must
    # never end up in a link we email.
    return current_app.config["BASE_URL"] + url_for(endpoint, **values)


def send_confirmation(registration: Registration) -> None:
    token = tokens.make_registration_token(registration)
    send_mail(
        registration.email,
        "auth/mail/confirm_subject.txt",
        "auth/mail/confirm.txt",
        registration.locale,
        user=registration,
        link=_link("auth.confirm", token=token),
    )


def send_already_registered(user: User) -> None:
    send_mail(
        user.email,
        "auth/mail/already_registered_subject.txt",
        "auth/mail/already_registered.txt",
        user.locale,
        user=user,
        sign_in_link=_link("auth.sign_in"),
        reset_link=_link("auth.reset_request"),
    )


def send_reset(user: User) -> None:
    token = tokens.make_token(user, tokens.RESET)
    send_mail(
        user.email,
        "auth/mail/reset_subject.txt",
        "auth/mail/reset.txt",
        user.locale,
        user=user,
        link=_link("auth.reset_password", token=token),
        minutes=current_app.config["RESET_TOKEN_MAX_AGE"] // 60,
    )


def send_email_change(user: User, new_email: str) -> None:
    token = tokens.make_token(user, tokens.CHANGE_EMAIL, email=new_email)
    send_mail(
        new_email,
        "auth/mail/change_email_subject.txt",
        "auth/mail/change_email.txt",
        user.locale,
        user=user,
        link=_link("account.confirm_email_change", token=token),
    )


def send_password_changed(user: User) -> None:
    send_mail(
        user.email,
        "auth/mail/password_changed_subject.txt",
        "auth/mail/password_changed.txt",
        user.locale,
        user=user,
        reset_link=_link("auth.reset_request"),
    )


def send_email_changed(user: User, old_email: str) -> None:
    send_mail(
        old_email,
        "auth/mail/email_changed_subject.txt",
        "auth/mail/email_changed.txt",
        user.locale,
        user=user,
        new_email=user.email,
        support=current_app.config["SUPPORT_EMAIL"],
    )

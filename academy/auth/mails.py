"""The mails the auth and account features send, each in its recipient's language.

Each is sent after its change is committed. A mail that would tell whether an
address has an account (registration, reset, a new address) goes after the
response, and a failure is only logged: the page must not differ. For the
others the person is told, in the page, when their mail could not be sent.
"""

from __future__ import annotations

from flask import current_app, flash, url_for
from flask_babel import gettext as _

from academy.auth import tokens
from academy.auth.models import Registration, User
from academy.i18n import isolate
from academy.mail import send_mail, send_mail_after_response


def _link(endpoint: str, **values) -> str:
    # The public base URL, not the request's host: a forged Host header must
    # never end up in a link we email.
    return current_app.config["BASE_URL"] + url_for(endpoint, **values)


def send_confirmation(registration: Registration, *, after_response: bool = False) -> bool:
    """Mail a registration's activation link; False when it was sent now and could not be.

    Registration sends it after the response, like the mail to an address
    already taken, so the two answers cannot be told apart.
    """
    token = tokens.make_registration_token(registration)
    mail = ("auth/mail/confirm_subject.txt", "auth/mail/confirm.txt", registration.locale)
    link = _link("auth.confirm", token=token)
    if after_response:
        send_mail_after_response(registration.email, *mail, user=registration, link=link)
        return True
    return send_mail(registration.email, *mail, user=registration, link=link)


def send_already_registered(user: User) -> None:
    send_mail_after_response(
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
    send_mail_after_response(
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
    send_mail_after_response(
        new_email,
        "auth/mail/change_email_subject.txt",
        "auth/mail/change_email.txt",
        user.locale,
        user=user,
        link=_link("account.confirm_email_change", token=token),
    )


def send_password_changed(user: User) -> None:
    """Tell the owner their password changed, in case it was not them."""
    sent = send_mail(
        user.email,
        "auth/mail/password_changed_subject.txt",
        "auth/mail/password_changed.txt",
        user.locale,
        user=user,
        reset_link=_link("auth.reset_request"),
    )
    if not sent:
        flash(
            isolate(
                _(
                    "We could not send the mail that tells %(email)s about this change. "
                    "Your password is changed all the same."
                ),
                email=user.email,
            ),
            "error",
        )


def send_email_changed(user: User, old_email: str) -> None:
    """Tell the previous address, in case the change was not its owner's."""
    sent = send_mail(
        old_email,
        "auth/mail/email_changed_subject.txt",
        "auth/mail/email_changed.txt",
        user.locale,
        user=user,
        new_email=user.email,
        support=current_app.config["SUPPORT_EMAIL"],
    )
    if not sent:
        flash(
            isolate(
                _(
                    "We could not send the mail that tells your previous address, %(email)s, "
                    "about this change. Your new address is saved all the same."
                ),
                email=old_email,
            ),
            "error",
        )

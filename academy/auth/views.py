"""Pages for registering, confirming, signing in and out, and resetting a password."""

from __future__ import annotations

import hashlib

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from academy.auth import bp, mails, registrations, services, tokens
from academy.auth.forms import (
    ConfirmForm,
    NewPasswordForm,
    RegisterForm,
    ResetRequestForm,
    SignInForm,
    normalise_email,
)
from academy.auth.services import SignIn
from academy.auth.sessions import FIRST_SESSION, end_all_sessions, start_session
from academy.extensions import db, limiter
from academy.i18n import current_language, set_language_cookie
from academy.security import safe_next


def _profile_data(form) -> dict:
    return {name: getattr(form, name).data for name in services.PROFILE_FIELDS}


def _mailed(response) -> bool:
    """A form was accepted (and a mail sent): what an attacker gains from."""
    return response.status_code == 302


def _refused(response) -> bool:
    return response.status_code != 302


def _form_email() -> str:
    # A digest: the limiter's storage (perhaps a shared Redis) keeps no addresses.
    email = normalise_email(request.form.get("email"))
    return "email:" + hashlib.sha256(email.encode()).hexdigest()[:32]


# Sized for a workshop of thirty behind one address; only accepted forms
# count, since each sends a mail. The per-email limit stops anyone from
# filling one mailbox from many addresses.
@bp.route("/register", methods=["GET", "POST"])
@limiter.limit("60/hour", methods=["POST"], deduct_when=_mailed)
@limiter.limit("5/hour", methods=["POST"], deduct_when=_mailed, key_func=_form_email)
def register():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    invitation = _invitation()
    form = RegisterForm(data=invitation)
    if invitation:
        # The invited address is the one the trainer's cohort waits for.
        form.email.data = invitation["email"]
        form.email.render_kw = {**(form.email.render_kw or {}), "readonly": True}
    if form.validate_on_submit():
        registration, existing = registrations.register(
            form.email.data, form.password.data, **_profile_data(form)
        )
        db.session.commit()
        if registration is not None:
            mails.send_confirmation(registration, after_response=True)
        else:
            mails.send_already_registered(existing)
        return redirect(url_for("auth.check_inbox"))
    return render_template("auth/register.html", form=form, invitation=invitation)


def _invitation() -> dict | None:
    """The details a valid ?invitation= link fills in; None without one (or when it expired)."""
    token = request.args.get("invitation")
    if not token:
        return None
    try:
        return tokens.read_invitation_token(token, current_app.config["INVITATION_TOKEN_MAX_AGE"])
    except tokens.InvalidToken:
        return None


@bp.route("/check-your-inbox")
def check_inbox():
    return render_template("auth/check_inbox.html")


def _read(token: str, purpose: str, max_age_key: str = "TOKEN_MAX_AGE"):
    try:
        return tokens.read_token(token, purpose, current_app.config[max_age_key])
    except tokens.InvalidToken as error:
        return None, error


@bp.route("/confirm/<token>", methods=["GET", "POST"])
def confirm(token: str):
    try:
        registration = tokens.read_registration_token(token, current_app.config["TOKEN_MAX_AGE"])
    except tokens.InvalidToken as error:
        return render_template("auth/link_invalid.html", error=error), 400
    form = ConfirmForm()
    if form.validate_on_submit():
        user = registrations.confirm(registration)
        if user is None:  # the address was confirmed by another link meanwhile
            return render_template("auth/link_invalid.html", error=None), 400
        services.record_sign_in(user)  # the confirmation signs in: the next one is "back"
        db.session.commit()
        start_session(user, remember=False)
        session[FIRST_SESSION] = True
        flash(_("Your email address is confirmed. Welcome to the SSE Academy!"), "success")
        return redirect(url_for("main.home"))
    return render_template("auth/confirm.html", form=form, registration=registration)


# Failed passwords are throttled in academy.auth.throttle, shared by every
# server; this per-process backstop counts only refused forms (never a
# success), so a room of people signing in is never stopped by it.
@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit("300/hour", methods=["POST"], deduct_when=_refused)
def sign_in():
    next_url = safe_next(request.args.get("next"), url_for("main.home"))
    if current_user.is_authenticated:
        return redirect(next_url)
    form = SignInForm()
    status = None
    mail_sent = True
    if form.validate_on_submit():
        status, found = services.authenticate(
            form.email.data, form.password.data, request.remote_addr or "unknown"
        )
        to_mail = first_sign_in = None
        if status is SignIn.OK:
            first_sign_in = services.record_sign_in(found)
        if status is SignIn.UNCONFIRMED:
            # Past the hourly limit nothing is sent, and the page says the same:
            # the links mailed in the last hour still work.
            to_mail = registrations.to_mail_again(found)
        db.session.commit()
        if status is SignIn.OK:
            start_session(found, remember=form.remember.data)
            if first_sign_in:
                session[FIRST_SESSION] = True
            return redirect(next_url)
        if to_mail is not None:
            mail_sent = mails.send_confirmation(to_mail)
    code = {SignIn.THROTTLED: 429, SignIn.DEACTIVATED: 403}.get(status, 200)
    return render_template("auth/sign_in.html", form=form, status=status, mail_sent=mail_sent), code


@bp.route("/sign-out", methods=["POST"])
@login_required
def sign_out():
    # Ends this session and every other one, remember-me cookies included.
    language = current_language()  # signed out, the visitor keeps the language they read
    end_all_sessions(current_user)
    db.session.commit()
    logout_user()
    flash(_("You are signed out."), "success")
    return set_language_cookie(redirect(url_for("main.home")), language)


# Sized for a workshop of thirty behind one address, every form counted;
# RESET_MAILS keeps one mailbox from being flooded from many addresses.
@bp.route("/reset", methods=["GET", "POST"])
@limiter.limit("60/hour", methods=["POST"])
def reset_request():
    form = ResetRequestForm()
    if form.validate_on_submit():
        # Counted and looked up alike whether or not the address has an account;
        # looked up after the commit, so sending reads no expired row again.
        may_mail = services.count_reset_mail(form.email.data)
        db.session.commit()
        user = services.find_user(form.email.data)
        if may_mail and user is not None:
            mails.send_reset(user)
        return render_template("auth/reset_sent.html")
    return render_template("auth/reset_request.html", form=form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    user, payload_or_error = _read(token, tokens.RESET, "RESET_TOKEN_MAX_AGE")
    if user is None:
        return render_template("auth/link_invalid.html", error=payload_or_error), 400
    form = NewPasswordForm(user=user)
    if form.validate_on_submit():
        services.set_password(user, form.password.data)
        # Following the emailed link proves the address, as confirming does.
        services.confirm_email(user)
        db.session.commit()
        logout_user()
        flash(_("Your password is changed. Sign in with your new password."), "success")
        mails.send_password_changed(user)
        return redirect(url_for("auth.sign_in"))
    return render_template("auth/reset_password.html", form=form)

"""The signed-in person's own pages."""

from __future__ import annotations

import json

from flask import Response, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required, logout_user

from academy.account import bp, personal_data, services
from academy.account.forms import (
    ChangeEmailForm,
    ChangePasswordForm,
    DeleteAccountForm,
    ProfileForm,
)
from academy.auth import mails, tokens
from academy.auth import services as auth_services
from academy.auth.forms import ConfirmForm
from academy.auth.services import SignIn
from academy.auth.sessions import start_session
from academy.certificates.mails import send_certificates_issued
from academy.certificates.services import needs_name
from academy.certificates.waiting import issue_waiting
from academy.certificates.withdrawal import withdraw_certificates
from academy.extensions import db
from academy.i18n import set_language_cookie


@bp.before_request
@login_required
def _signed_in_only():
    """Every page here is about the signed-in person."""


def _submitted(form) -> bool:
    """Validate form and check its current password as a sign-in is checked.

    Failed passwords count per network address as well as per account, so
    that someone holding a signed-in session cannot guess the password
    behind it; a refused form still commits the failures counted.
    """
    if not form.is_submitted():
        return False
    valid = form.validate()
    if form.current_password.data:
        status = auth_services.check_password(
            current_user._get_current_object(),
            form.current_password.data,
            request.remote_addr or "unknown",
        )
        if status is not SignIn.OK:
            form.refuse_current_password(status)
            valid = False
    if not valid:
        db.session.commit()
    return valid


def _refused(template: str, form, **context):
    """Render form again: 429 once its current password is throttled, else 200."""
    return render_template(template, form=form, **context), 429 if form.throttled else 200


@bp.route("/", methods=["GET", "POST"])
def profile():
    form = ProfileForm(obj=current_user)
    if form.validate_on_submit():
        user = current_user._get_current_object()
        had_no_name = needs_name(user)
        auth_services.update_profile(
            user, **{name: getattr(form, name).data for name in auth_services.PROFILE_FIELDS}
        )
        # The certificates skipped for want of a name are issued with the first one.
        issued = issue_waiting(user) if had_no_name else []
        db.session.commit()
        flash(_("Your profile is saved."), "success")
        _tell_issued(user, issued)
        return set_language_cookie(redirect(url_for("account.profile")), current_user.locale)
    return render_template("account/profile.html", form=form)


def _tell_issued(user, certificates) -> None:
    """Mail each certificate just issued (after the commit) and say so on the page."""
    if not certificates:
        return
    failed = send_certificates_issued([(user, certificate) for certificate in certificates])
    flash(
        ngettext(
            '%(num)d certificate is issued with your name. It is under "My certificates".',
            '%(num)d certificates are issued with your name. They are under "My certificates".',
            len(certificates),
        ),
        "success",
    )
    if failed:
        flash(
            _(
                "We could not send you the mail about it. "
                'You can download it from "My certificates" at any time.'
            ),
            "error",
        )


@bp.route("/email", methods=["GET", "POST"])
def change_email():
    form = ChangeEmailForm(user=current_user)
    if not _submitted(form):
        return _refused("account/change_email.html", form)
    if not services.count_email_change_mail(current_user):
        form.email.errors.append(
            _(
                "You have asked for several changes of address in the last hour. "
                "Wait an hour, then try again."
            )
        )
        return render_template("account/change_email.html", form=form), 429
    db.session.commit()
    # Whether the address is taken is not said here; the link simply fails.
    if auth_services.find_user(form.email.data) is None:
        mails.send_email_change(current_user, form.email.data)
    return render_template("account/email_sent.html", email=form.email.data)


@bp.route("/email/confirm/<token>", methods=["GET", "POST"])
def confirm_email_change(token: str):
    try:
        user, payload = tokens.read_token(
            token, tokens.CHANGE_EMAIL, current_app.config["TOKEN_MAX_AGE"]
        )
    except tokens.InvalidToken as error:
        return render_template("auth/link_invalid.html", error=error), 400
    if user.id != current_user.id:
        return render_template("auth/link_invalid.html", error=None), 400
    form = ConfirmForm()
    if form.validate_on_submit():
        old_email = user.email
        if not auth_services.change_email(user, payload["email"]):
            return render_template("auth/link_invalid.html", error=None), 400
        db.session.commit()
        start_session(user, remember=False)
        flash(_("Your email address is changed."), "success")
        # The old address hears of it too, in case the change was not its owner's.
        mails.send_email_changed(user, old_email)
        return redirect(url_for("account.profile"))
    return render_template("account/confirm_email_change.html", form=form, email=payload["email"])


@bp.route("/password", methods=["GET", "POST"])
def change_password():
    form = ChangePasswordForm(user=current_user)
    if _submitted(form):
        user = current_user._get_current_object()
        auth_services.set_password(user, form.password.data)
        db.session.commit()
        # Every other session ended with the old version; this one carries on.
        start_session(user, remember=False)
        flash(_("Your password is changed. Other devices have been signed out."), "success")
        mails.send_password_changed(user)
        return redirect(url_for("account.profile"))
    return _refused("account/change_password.html", form)


@bp.route("/data.json")
def download_data():
    data = personal_data.export_data(current_user)
    data["documentation"] = current_app.config["BASE_URL"] + url_for("account.data_format")
    body = json.dumps(data, ensure_ascii=False, indent=2)
    return Response(
        body,
        mimetype="application/json",
        headers={
            "Content-Disposition": 'attachment; filename="sse-academy-my-data.json"',
            "Cache-Control": "no-store",
        },
    )


@bp.route("/data-format")
def data_format():
    """The description of the file "Download my data" gives."""
    return Response(
        personal_data.description(), mimetype="text/plain", headers={"Content-Language": "en"}
    )


@bp.route("/delete", methods=["GET", "POST"])
def delete():
    form = DeleteAccountForm()
    if _submitted(form):
        if form.withdraw_certificates.data:
            withdraw_certificates(current_user._get_current_object())
        services.delete_account(current_user._get_current_object())
        db.session.commit()
        logout_user()
        flash(_("Your account is deleted. Thank you for learning with us."), "success")
        return redirect(url_for("main.home"))
    return _refused("account/delete.html", form)

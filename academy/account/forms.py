"""Forms of the account pages."""

from __future__ import annotations

from flask import request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField
from wtforms.validators import DataRequired, ValidationError

from academy.auth.forms import NewPasswordForm, ProfileFields, email_field
from academy.auth.services import SignIn, check_password


def current_password_field():
    return PasswordField(
        _l("Current password"),
        validators=[DataRequired(message=_l("Enter your current password."))],
        render_kw={"autocomplete": "current-password"},
    )


class CurrentPasswordCheck:
    """Mixin: the form's current_password must be the account's.

    Checked and throttled as a sign-in is, so that someone holding a signed-in
    session cannot guess the password behind it; the view commits the count
    even when the form is refused.
    """

    throttled = False

    def validate_current_password(self, field) -> None:
        status = check_password(self.user, field.data or "", request.remote_addr or "unknown")
        if status is SignIn.THROTTLED:
            self.throttled = True
            raise ValidationError(
                _("Too many failed attempts. Wait 15 minutes, or reset your password.")
            )
        if status is not SignIn.OK:
            raise ValidationError(_("This is not your current password."))


class ProfileForm(ProfileFields):
    pass


class ChangeEmailForm(CurrentPasswordCheck, FlaskForm):
    email = email_field(_l("New email address"))
    current_password = current_password_field()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def validate_email(self, field) -> None:
        if field.data == self.user.email:
            raise ValidationError(_("This is already your email address."))


class ChangePasswordForm(CurrentPasswordCheck, NewPasswordForm):
    current_password = current_password_field()


class DeleteAccountForm(CurrentPasswordCheck, FlaskForm):
    current_password = current_password_field()
    understood = BooleanField(
        _l("I understand that my account and personal data will be erased for good."),
        validators=[DataRequired(message=_l("Tick the box to confirm."))],
    )
    # Unticked by default: an issued certificate is a record others may rely on.
    withdraw_certificates = BooleanField(
        _l("Also withdraw my certificates: their verification pages will no longer show them.")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

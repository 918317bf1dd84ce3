"""Forms of the account pages."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField
from wtforms.validators import DataRequired, ValidationError

from academy.auth.forms import NewPasswordForm, ProfileFields, email_field
from academy.auth.services import SignIn


def current_password_field():
    return PasswordField(
        _l("Current password"),
        validators=[DataRequired(message=_l("Enter your current password."))],
        render_kw={"autocomplete": "current-password"},
    )


class CurrentPasswordCheck:
    """Mixin: a current_password field, which must be the account's.

    The form only validates: the view checks the password as a sign-in is
    checked (academy.auth.services.check_password, which counts failures per
    network address) and reports a refusal here.
    """

    throttled = False

    def refuse_current_password(self, status: SignIn) -> None:
        """Show why the current password was refused (status: INVALID or THROTTLED)."""
        self.throttled = status is SignIn.THROTTLED
        if self.throttled:
            message = _("Too many failed attempts. Wait 15 minutes, or reset your password.")
        else:
            message = _("This is not your current password.")
        self.current_password.errors.append(message)


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

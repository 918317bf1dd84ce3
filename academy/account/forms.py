"""Forms of the account pages."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, SelectField
from wtforms.validators import DataRequired, ValidationError

from academy.auth.forms import NewPasswordForm, ProfileFields, email_field
from academy.auth.services import SignIn
from academy.forms import choices
from academy.i18n import current_language
from academy.time_zones import UTC_ZONE, time_zones, zone_choices


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
    """The registration's details, and the time zone only an account has."""

    time_zone = SelectField(
        _l("Time zone"),
        validate_choice=False,
        description=_l(
            "Dates and times are shown in this time zone. Automatic uses your country's "
            "time zone when it has only one, and Coordinated Universal Time otherwise."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.time_zone.choices = choices(
            [
                ("", _("Automatic, from my country")),
                (UTC_ZONE, _("Coordinated Universal Time (UTC)")),
                *zone_choices(current_language()),
            ]
        )
        if self.time_zone.data is None:  # no choice stored: "Automatic" is the one shown
            self.time_zone.data = ""

    def validate_time_zone(self, field) -> None:
        if field.data and field.data not in time_zones():
            raise ValidationError(_("Choose a time zone from the list."))


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

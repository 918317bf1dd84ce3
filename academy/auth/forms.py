"""Forms for registering, signing in and resetting a password."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    PasswordField,
    RadioField,
    SelectField,
    StringField,
)
from wtforms.validators import DataRequired, Email, InputRequired, Length, Optional, ValidationError

from academy.auth.models import CONSTITUENT_GROUPS, SEXES
from academy.auth.passwords import MAX_LENGTH, password_problem
from academy.forms import choices, language_choices
from academy.i18n import COUNTRY_CODES, LANGUAGES, countries, current_language


def normalise_email(value: str | None) -> str:
    return (value or "").strip().casefold()


def sex_labels() -> dict[str, str]:
    return {
        "woman": _("Woman"),
        "man": _("Man"),
        "another": _("Another way"),
        "undisclosed": _("I prefer not to say"),
    }


def constituent_group_labels() -> dict[str, str]:
    return {
        "government": _("Government"),
        "employers": _("Employers' organization"),
        "workers": _("Workers' organization"),
        "sse_entity": _("Cooperative or other social and solidarity economy entity"),
        "training_research": _("Training or research institution"),
        "other": _("Other"),
    }


def email_field(label=None):
    return EmailField(
        label or _l("Email address"),
        filters=[normalise_email],
        validators=[
            DataRequired(message=_l("Enter your email address.")),
            Length(max=254, message=_l("Use at most 254 characters.")),
            Email(
                message=_l("Enter an email address like name@example.org."),
                check_deliverability=False,
            ),
        ],
        render_kw={"autocomplete": "email", "spellcheck": "false"},
    )


def new_password_field(label=None):
    return PasswordField(
        label or _l("Password"),
        validators=[DataRequired(message=_l("Enter a password."))],
        description=_l("At least 10 characters. A few unrelated words are easy to remember."),
        render_kw={"autocomplete": "new-password"},
    )


def check_new_password(form, field, email: str = "", name: str = "") -> None:
    problem = password_problem(field.data or "", email=email, name=name)
    if problem:
        raise ValidationError(problem)


class ProfileFields(FlaskForm):
    """The personal details asked at registration and edited on the profile.

    Choices are checked by the validate_* methods below rather than by
    WTForms, whose generic "Not a valid choice" would not say what to do.
    """

    name = StringField(
        _l("Full name"),
        filters=[lambda value: " ".join((value or "").split())],
        validators=[
            DataRequired(message=_l("Enter your name.")),
            Length(max=200, message=_l("Use at most 200 characters.")),
        ],
        description=_l("Exactly as it should appear on your certificates."),
        render_kw={"autocomplete": "name"},
    )
    locale = SelectField(
        _l("Preferred language"), validators=[InputRequired()], validate_choice=False
    )
    country = SelectField(
        _l("Country"),
        validators=[DataRequired(message=_l("Choose your country."))],
        validate_choice=False,
        render_kw={"autocomplete": "country"},
    )
    constituent_group = RadioField(
        _l("Which group do you belong to?"),
        validators=[DataRequired(message=_l("Choose the group that fits you best."))],
        validate_choice=False,
    )
    organization = StringField(
        _l("Organization (optional)"),
        filters=[lambda value: (value or "").strip()],
        validators=[Optional(), Length(max=200, message=_l("Use at most 200 characters."))],
        render_kw={"autocomplete": "organization"},
    )
    sex = RadioField(_l("Sex (optional)"), validators=[Optional()], validate_choice=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.locale.choices = language_choices()
        if not self.locale.data:
            self.locale.data = current_language()
        self.country.choices = choices([("", _("Choose a country")), *countries()])
        self.constituent_group.choices = choices(constituent_group_labels().items())
        self.sex.choices = choices(sex_labels().items())

    def validate_country(self, field) -> None:
        if field.data not in COUNTRY_CODES:
            raise ValidationError(_("Choose your country."))

    def validate_locale(self, field) -> None:
        if field.data not in LANGUAGES:
            raise ValidationError(_("Choose a language from the list."))

    def validate_constituent_group(self, field) -> None:
        if field.data not in CONSTITUENT_GROUPS:
            raise ValidationError(_("Choose the group that fits you best."))

    def validate_sex(self, field) -> None:
        if field.data and field.data not in SEXES:
            raise ValidationError(_("Choose one of the options, or leave it empty."))


class RegisterForm(ProfileFields):
    email = email_field()
    password = new_password_field()
    # Filled by static/js/time-zone.js when scripts run; empty otherwise.
    time_zone = HiddenField(filters=[lambda value: (value or "").strip()[:64]])

    def validate_password(self, field) -> None:
        check_new_password(self, field, email=self.email.data or "", name=self.name.data or "")


class SignInForm(FlaskForm):
    email = email_field()
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(message=_l("Enter your password.")), Length(max=MAX_LENGTH)],
        render_kw={"autocomplete": "current-password"},
    )
    remember = BooleanField(_l("Keep me signed in on this device"))


class ResetRequestForm(FlaskForm):
    email = email_field()


class NewPasswordForm(FlaskForm):
    """A new password for a known account, checked against its name and email."""

    password = new_password_field(_l("New password"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def validate_password(self, field) -> None:
        check_new_password(self, field, email=self.user.email or "", name=self.user.name)


class ConfirmForm(FlaskForm):
    """A button that turns an emailed link into a POST, so mail scanners use nothing up."""

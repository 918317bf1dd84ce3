"""Forms of the admins' user pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional

from academy.auth.forms import normalise_email
from academy.forms import choices, language_choices


def role_choices():
    return choices([("learner", _l("Learner")), ("trainer", _l("Trainer")), ("admin", _l("Admin"))])


class RoleForm(FlaskForm):
    role = RadioField(_l("Role"), choices=role_choices(), validators=[DataRequired()])


class StateForm(FlaskForm):
    """Deactivate or reactivate; the reason is optional and goes to the audit log."""

    reason = TextAreaField(
        _l("Reason (optional, kept in the audit log)"),
        validators=[Optional(), Length(max=1000)],
    )


class NewUserForm(FlaskForm):
    email = EmailField(
        _l("Email address"),
        validators=[DataRequired(), Email(), Length(max=254)],
        filters=[normalise_email],
    )
    name = StringField(
        _l("Name as printed on certificates"),
        validators=[DataRequired(), Length(max=200)],
        filters=[lambda value: value.strip() if value else value],
    )
    role = SelectField(_l("Role"), choices=role_choices(), default="learner")
    locale = SelectField(_l("Language of the mail"), choices=language_choices(), default="en")

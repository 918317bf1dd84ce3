"""Forms of the certificate admin page."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from academy.forms import choices


class ActionForm(FlaskForm):
    """A button; what it acts on is posted as a list. Only its CSRF token is checked."""


class IssueForm(FlaskForm):
    email = EmailField(_l("Learner's email address"), validators=[DataRequired(), Length(max=254)])
    course = SelectField(_l("Course"), choices=[], validate_choice=False)
    name = StringField(
        _l("Name as printed on the certificate"),
        description=_l(
            "Needed only when the account has no name, or its email address as name. "
            "It is saved to the account."
        ),
        validators=[Optional(), Length(max=200)],
    )

    def __init__(self, *args, courses: list[tuple[str, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.course.choices = choices(courses)


class ReasonForm(FlaskForm):
    reason = TextAreaField(
        _l("Reason"),
        validators=[
            DataRequired(message=_l("Give the reason, so the audit log can explain it.")),
            Length(max=1000),
        ],
    )

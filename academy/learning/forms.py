"""Forms of the learning pages: buttons that change an enrolment.

The content language form is the course pages' (academy.courses.forms).
"""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField
from wtforms.validators import DataRequired, Length


class ActionForm(FlaskForm):
    """A button that changes something; next is the page to return to."""

    next = HiddenField()


class JoinForm(FlaskForm):
    """The enrolment key a trainer gave, typed on the course page."""

    key = StringField(validators=[DataRequired(), Length(max=200)])
    next = HiddenField()

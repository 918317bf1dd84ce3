"""Forms of the quiz pages that WTForms can describe: buttons and the time allowance.

The questions of an attempt are read by academy.quizzes.pages, since their
fields depend on the quiz.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, IntegerField
from wtforms.validators import DataRequired, Length, NumberRange, Optional


class ActionForm(FlaskForm):
    """A button: starting or submitting an attempt. Only its CSRF token is checked."""


class AllowanceForm(FlaskForm):
    email = EmailField(_l("Learner's email address"), validators=[DataRequired(), Length(max=254)])
    extra_minutes = IntegerField(
        _l("Extra minutes"),
        validators=[Optional(), NumberRange(min=0, max=600)],
        description=_l("A whole number from 0 to 600."),
    )
    unlimited = BooleanField(_l("No time limit"))

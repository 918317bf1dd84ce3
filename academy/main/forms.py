"""The language switcher shown on every page."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField

from academy.forms import language_choices


class LanguageForm(FlaskForm):
    language = SelectField(_l("Language"), choices=language_choices)
    next = HiddenField()

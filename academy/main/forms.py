"""The language switcher shown on every page."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField

from academy.i18n import LANGUAGES


class LanguageForm(FlaskForm):
    language = SelectField(_l("Language"), choices=list(LANGUAGES.items()))
    next = HiddenField()

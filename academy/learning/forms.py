"""Forms of the learning pages: buttons that change an enrolment, and the content language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField

from academy.forms import choices


class ActionForm(FlaskForm):
    """A button that changes something; next is the page to return to."""

    next = HiddenField()


class ContentLanguageForm(ActionForm):
    # TRANSLATORS: label of the list of languages a course is written in.
    language = SelectField(_l("Read this course in"), choices=[])

    def __init__(self, *args, languages: list[tuple[str, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = choices(languages)

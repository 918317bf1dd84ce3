"""The forms of the course pages.

The catalogue's filters are a GET form, so a filtered list has a shareable
address; the content language form is posted to the learning feature, which
changes the learner's enrolment.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Form, HiddenField, SelectField

from academy.forms import choices


class CatalogueFilterForm(Form):
    """Each list offers only values some imported course has; others are ignored."""

    language = SelectField(_l("Course language"), choices=[])
    # TRANSLATORS: the subject keywords a course is tagged with.
    tag = SelectField(_l("Topic"), choices=[])
    level = SelectField(_l("Level"), choices=[])

    def selected(self) -> tuple[dict[str, str], bool]:
        """The valid filter values, and whether any value given was not one of them."""
        values, ignored = {}, False
        for field in (self.language, self.tag, self.level):
            value = field.data or ""
            if not value:
                continue
            if value in {choice.value for choice in field.choices}:
                values[field.name] = value
            else:
                ignored = True
                field.data = ""
        return values, ignored


class ContentLanguageForm(FlaskForm):
    """The language an enrolled learner reads the course in; next is the page to return to."""

    next = HiddenField()
    # TRANSLATORS: label of the list of languages a course is written in.
    language = SelectField(_l("Read this course in"), choices=[])

    def __init__(self, *args, languages: list[tuple[str, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = choices(languages)

"""The catalogue's filters: a GET form, so a filtered list has a shareable address."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import Form, SelectField


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

"""The forms of a cohort: its settings, and the file that enrols learners."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

MIN_KEY_LENGTH = 6


def _says(field_class, message):
    """field_class, whose unreadable input gets message (WTForms' own is not translated here)."""

    class Field(field_class):
        def process_formdata(self, valuelist):
            try:
                super().process_formdata(valuelist)
            except ValueError as error:
                raise ValueError(message()) from error

    Field.__name__ = field_class.__name__
    return Field


_Moment = _says(DateTimeLocalField, lambda: _("Enter a date and a time, such as 2027-03-01 09:00."))
_Day = _says(DateField, lambda: _("Enter a date, such as 2027-03-01."))
_Number = _says(IntegerField, lambda: _("Enter a whole number, such as 30."))


class CohortForm(FlaskForm):
    """A cohort's settings; the enrolment window is in the trainer's own time zone."""

    name = StringField(
        _l("Name"),
        filters=[lambda value: " ".join((value or "").split())],
        validators=[
            DataRequired(message=_l("Enter the cohort's name.")),
            Length(max=200, message=_l("Use at most 200 characters.")),
        ],
        description=_l('For example "SSE Academy 2027, French, online".'),
    )
    content_language = SelectField(_l("Content language"), validate_choice=False)
    enrolment_opens_at = _Moment(
        _l("Enrolment opens (optional)"),
        format=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"],
        validators=[Optional()],
    )
    enrolment_closes_at = _Moment(
        _l("Enrolment closes (optional)"),
        format=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"],
        validators=[Optional()],
    )
    starts_on = _Day(_l("First day of the course (optional)"), validators=[Optional()])
    ends_on = _Day(_l("Last day of the course (optional)"), validators=[Optional()])
    capacity = _Number(
        _l("Capacity (optional)"),
        validators=[
            Optional(),
            NumberRange(min=1, message=_l("Enter a capacity of at least 1, or leave it empty.")),
        ],
        description=_l("The most learners the cohort takes, invitations included."),
    )
    trainers = TextAreaField(
        _l("Trainers (optional)"),
        description=_l(
            "The email addresses of the trainer accounts who run the cohort, one a line. "
            "They follow its learners and enrol them from a file."
        ),
    )
    joining = RadioField(
        _l("How learners join"),
        choices=[
            SelectChoice("key", _l("With an enrolment key, from the course page")),
            SelectChoice("invitation", _l("By invitation only (enrolled from a file)")),
        ],
        default="key",
        validate_choice=False,
    )
    key = StringField(
        _l("Enrolment key"),
        filters=[lambda value: (value or "").strip()],
        validators=[Length(max=200, message=_l("Use at most 200 characters."))],
        render_kw={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "none"},
    )
    on_certificates = BooleanField(_l("Print the cohort's name and dates on its certificates"))

    def __init__(self, *args, languages, seats_taken=0, has_key=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.content_language.choices = [
            SelectChoice(code, name, render_kw={"lang": code}) for code, name in languages
        ]
        self.seats_taken = seats_taken
        self.has_key = has_key

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for check in (self._window, self._dates, self._capacity, self._key, self._choices):
            valid = check() and valid
        return valid

    def _fail(self, field, message: str) -> bool:
        field.errors = [*field.errors, message]
        return False

    def _window(self) -> bool:
        opens, closes = self.enrolment_opens_at.data, self.enrolment_closes_at.data
        if opens and closes and closes <= opens:
            return self._fail(self.enrolment_closes_at, _("Enrolment must close after it opens."))
        return True

    def _dates(self) -> bool:
        starts, ends = self.starts_on.data, self.ends_on.data
        if starts and ends and ends < starts:
            return self._fail(self.ends_on, _("The last day cannot come before the first day."))
        return True

    def _capacity(self) -> bool:
        capacity = self.capacity.data
        if capacity is not None and capacity >= 1 and capacity < self.seats_taken:
            message = _(
                "The cohort already holds %(count)d learners and invitations: enter a "
                "capacity of at least %(count)d.",
                count=self.seats_taken,
            )
            return self._fail(self.capacity, message)
        return True

    def _key(self) -> bool:
        key = self.key.data or ""
        if self.joining.data != "key":
            return True
        if not key and not self.has_key:
            message = _(
                "Enter an enrolment key of at least %(count)d characters, or choose "
                "invitation only.",
                count=MIN_KEY_LENGTH,
            )
            return self._fail(self.key, message)
        if key and len(key) < MIN_KEY_LENGTH:
            message = _("Use at least %(count)d characters.", count=MIN_KEY_LENGTH)
            return self._fail(self.key, message)
        return True

    def _choices(self) -> bool:
        valid = True
        if self.joining.data not in ("key", "invitation"):
            valid = self._fail(self.joining, _("Choose how learners join."))
        offered = {choice.value for choice in self.content_language.choices}
        if self.content_language.data not in offered:
            valid = self._fail(self.content_language, _("Choose one of the course's languages."))
        return valid


class EnrolmentFileForm(FlaskForm):
    file = FileField(
        _l("CSV file"),
        validators=[FileRequired(message=_l("Choose the CSV file of the learners to enrol."))],
    )

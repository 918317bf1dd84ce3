"""Forms of the trainers' workspace."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, EmailField, StringField
from wtforms.validators import DataRequired, Length, Regexp

# A BCP 47 language tag, as course packages write them.
LANGUAGE_CODE = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"


class UploadForm(FlaskForm):
    package = FileField(
        _l("Course package (a zip file)"),
        validators=[FileRequired(message=_l("Choose the zip file of your course package."))],
    )


class OwnerForm(FlaskForm):
    email = EmailField(
        _l("Trainer's email address"),
        validators=[
            DataRequired(message=_l("Enter the trainer's email address.")),
            Length(max=254),
        ],
    )


class EnrolmentSettingsForm(FlaskForm):
    open_enrolment = BooleanField(_l("Learners may enrol on their own, without a cohort"))


class QuestionBankForm(FlaskForm):
    bank = FileField(
        _l("GIFT file or Moodle XML export"),
        validators=[FileRequired(message=_l("Choose the GIFT or Moodle XML file to convert."))],
    )
    language = StringField(
        _l("Language of its texts"),
        validators=[
            DataRequired(message=_l("Enter the language code of the texts.")),
            # TRANSLATORS: en, fr and pt-BR are language codes; keep them as they are.
            Regexp(LANGUAGE_CODE, message=_l("Enter a language code such as en, fr or pt-BR.")),
        ],
    )
    into = FileField(_l("Quiz file to add this language to (optional)"))

"""Forms of the trainers' workspace."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, EmailField
from wtforms.validators import DataRequired, Length


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

"""The form of the credential check page."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired


class CredentialFileForm(FlaskForm):
    file = FileField(
        _l("Credential file"),
        validators=[
            FileRequired(
                message=_l(
                    "Choose the credential file (.jwt) or badge image (.png, .svg) to check."
                )
            )
        ],
    )

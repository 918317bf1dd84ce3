"""The announcement form: a subject and a message per interface language, any of them.

One fieldset per language, the trainer's own first; they fill in those they
write and leave the others empty. Plain fields, no script: it works with
the keyboard and without JavaScript, and each field carries its lang and dir.
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import Length

from academy.i18n import LANGUAGES, text_direction

SUBJECT_MAX = 200
MESSAGE_MAX = 5000


class AnnouncementForm(FlaskForm):
    """Subject and message in one or several interface languages."""

    def languages(self, first: str) -> list[str]:
        """The interface languages, first the one given (the trainer's)."""
        return [first] + [code for code in LANGUAGES if code != first]

    def subject(self, code: str):
        return self[f"subject_{code}"]

    def message(self, code: str):
        return self[f"message_{code}"]

    def versions(self, first: str) -> dict[str, tuple[str, str]]:
        """language -> (subject, message) for each language written, in the form's order."""
        written = {}
        for code in self.languages(first):
            subject = (self.subject(code).data or "").strip()
            message = (self.message(code).data or "").replace("\r\n", "\n").strip()
            if subject and message:
                written[code] = (subject, message)
        return written

    def validate_versions(self, first: str) -> bool:
        """Each language both or neither, subjects on one line, at least one language."""
        self.validate()
        for code in self.languages(first):
            subject, message = self.subject(code), self.message(code)
            has_subject = bool((subject.data or "").strip())
            has_message = bool((message.data or "").strip())
            name = LANGUAGES[code]
            if has_subject and ("\n" in subject.data or "\r" in subject.data):
                subject.errors.append(_("Write the subject on one line."))
            if has_subject and not has_message:
                message.errors.append(
                    _(
                        "Write the message in %(language)s too, or leave its subject empty.",
                        language=name,
                    )
                )
            if has_message and not has_subject:
                subject.errors.append(
                    _(
                        "Write the subject in %(language)s too, or leave its message empty.",
                        language=name,
                    )
                )
        if not any(field.errors for field in self) and not self.versions(first):
            self.subject(first).errors.append(
                _("Write a subject and a message in at least one language.")
            )
        return not any(field.errors for field in self)


def _add_language_fields() -> None:
    for code in LANGUAGES:
        direction = text_direction(code)
        setattr(
            AnnouncementForm,
            f"subject_{code}",
            StringField(
                _l("Subject"),
                validators=[
                    Length(
                        max=SUBJECT_MAX,
                        message=_l("The subject can be at most %(max)d characters long."),
                    )
                ],
                render_kw={"lang": code, "dir": direction, "autocomplete": "off"},
            ),
        )
        setattr(
            AnnouncementForm,
            f"message_{code}",
            TextAreaField(
                _l("Message"),
                validators=[
                    Length(
                        max=MESSAGE_MAX,
                        message=_l("The message can be at most %(max)d characters long."),
                    )
                ],
                render_kw={"lang": code, "dir": direction, "rows": 8},
            ),
        )


_add_language_fields()

"""Face-to-face certificates from a CSV file: admins issue a workshop's certificates at once.

A valid file issues every participant's certificate in one transaction, then
mails each of them after the response; a file with any bad row is refused on
a page listing every problem by line and column, and nothing is written.
The page lists the latest certificates issued this way with their
verification links, so the batch just issued is at its top.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from sqlalchemy import select

from academy.admin import bp
from academy.admin.face_to_face_files import COLUMNS, read_attendees
from academy.certificates.face_to_face import issue_to_attendees, mail_participants
from academy.certificates.models import Certificate, Participant
from academy.certificates.services import verification_url
from academy.extensions import db
from academy.security import role_required

LISTED = 200


class ParticipantsFileForm(FlaskForm):
    file = FileField(
        _l("CSV file"),
        validators=[FileRequired(message=_l("Choose the CSV file of the participants."))],
    )


def _page(form: ParticipantsFileForm, problems=(), status: int = 200):
    rows = db.session.execute(
        select(Certificate, Participant)
        .join(Participant, Participant.certificate_id == Certificate.id)
        .order_by(Certificate.id.desc())
        .limit(LISTED)
    ).all()
    page = render_template(
        "admin/face_to_face.html",
        form=form,
        problems=list(problems),
        rows=rows,
        listed=LISTED,
        columns=COLUMNS,
        verification_url=verification_url,
    )
    return page, status


@bp.route("/face-to-face/", methods=["GET", "POST"])
@role_required("admin")
def face_to_face():
    form = ParticipantsFileForm()
    if not form.is_submitted():
        return _page(form)
    if not form.validate():
        return _page(form, status=400)
    attendees, problems = read_attendees(form.file.data.read())
    if problems:
        db.session.rollback()
        return _page(form, problems, 400)
    certificates = issue_to_attendees(attendees, current_user._get_current_object())
    db.session.commit()
    mail_participants(certificates, [attendee.email for attendee in attendees])
    flash(
        ngettext(
            "%(num)d certificate issued and mailed to its participant.",
            "%(num)d certificates issued and mailed to their participants.",
            len(certificates),
        ),
        "success",
    )
    return redirect(url_for("admin.face_to_face"))

"""Face-to-face certificates from a CSV file: checked, previewed, then issued at once.

A file with any bad row is refused on a page listing every problem by line
and column, and nothing is written. A valid file is kept for its admin
(face_to_face_uploads) and shown as it will be printed; "Issue" reads the
same kept bytes again, checks them again and issues every certificate of the
preview in one transaction, or none; the mails go out after the response.
A preview is confirmed once: a second "Issue" (double click, back button)
finds it used and issues nothing. The page lists the latest certificates
issued this way with their verification links, the batch just issued first.
"""

from __future__ import annotations

import hashlib
import json

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from sqlalchemy import select

from academy.admin import bp
from academy.admin import face_to_face_uploads as uploads
from academy.admin.face_to_face_files import COLUMNS, read_attendees
from academy.auth.forms import constituent_group_labels, sex_labels
from academy.certificates.face_to_face import (
    attended_moment,
    issue_to_attendees,
    mail_participants,
    plan_certificates,
)
from academy.certificates.forms import ActionForm
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


def _page(form: ParticipantsFileForm, problems=(), status: int = 200, notice: str = ""):
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
        notice=notice,
        rows=rows,
        listed=LISTED,
        columns=COLUMNS,
        verification_url=verification_url,
    )
    return page, status


def _admin():
    return current_user._get_current_object()


@bp.route("/face-to-face/", methods=["GET", "POST"])
@role_required("admin")
def face_to_face():
    form = ParticipantsFileForm()
    if not form.is_submitted():
        return _page(form)
    if not form.validate():
        return _page(form, status=400)
    data = form.file.data.read()
    _attendees, problems = read_attendees(data)
    if problems:
        db.session.rollback()
        return _page(form, problems, 400)
    token = uploads.keep(data, _admin())
    db.session.commit()
    return redirect(url_for("admin.face_to_face_preview", token=token))


def digest(planned) -> str:
    """What the preview showed, hashed: the confirmation issues only that."""
    rows = [
        [
            p.attendee.name,
            p.attendee.email,
            p.attendee.course.slug,
            p.course_title,
            p.language,
            p.attendee.attended_on.isoformat(),
            p.attendee.country,
            p.attendee.sex,
            p.attendee.constituent_group,
            p.attendee.organization,
            p.held,
        ]
        for p in planned
    ]
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()


def _preview(token: str, planned, status: int = 200, notice: str = ""):
    to_issue = [p for p in planned if not p.held]
    return render_template(
        "admin/face_to_face_preview.html",
        token=token,
        to_issue=to_issue,
        held=[p for p in planned if p.held],
        with_account=sum(p.has_account for p in to_issue),
        digest=digest(planned),
        notice=notice,
        printed_day=attended_moment,
        sex_label=lambda value: sex_labels().get(value, value or ""),
        group_label=lambda value: constituent_group_labels().get(value, value or ""),
    ), status


def _refusal(state: str):
    """The page for a token that cannot be previewed or issued: nothing was written."""
    db.session.rollback()
    form = ParticipantsFileForm(formdata=None)
    if state == uploads.ISSUED:
        message = _(
            "These certificates were already issued from this file. Nothing was issued again."
        )
        flash(message, "info")
        return redirect(url_for("admin.face_to_face"))
    if state == uploads.EXPIRED:
        notice = _(
            "This preview has expired (a preview can be confirmed for %(minutes)d minutes). "
            "Nothing was issued. Send the file again.",
            minutes=uploads.lifetime_minutes(),
        )
        return _page(form, status=410, notice=notice)
    if state == uploads.CHANGED:
        notice = _("The file kept for this preview is damaged. Nothing was issued. Send it again.")
        return _page(form, status=409, notice=notice)
    notice = _(
        "There is no such preview: the link is wrong, or the preview was cancelled. "
        "Nothing was issued. Send the file again."
    )
    return _page(form, status=404, notice=notice)


def _read(token: str, lock: bool = False):
    """(upload, attendees, problems), or (refusal response, None, None)."""
    state, upload = uploads.find(token, _admin(), lock=lock)
    if state != uploads.WAITING:
        return _refusal(state), None, None
    data = uploads.data_of(upload)
    if data is None:
        return _refusal(uploads.CHANGED), None, None
    attendees, problems = read_attendees(data)
    return upload, attendees, problems


@bp.route("/face-to-face/<token>/")
@role_required("admin")
def face_to_face_preview(token: str):
    upload, attendees, problems = _read(token)
    if attendees is None:
        return upload
    if problems:
        # The file was right when sent; the database changed since (a course removed).
        return _page(ParticipantsFileForm(formdata=None), problems, 409)
    return _preview(token, plan_certificates(attendees))


@bp.route("/face-to-face/<token>/issue", methods=["POST"])
@role_required("admin")
def face_to_face_issue(token: str):
    if not ActionForm().validate_on_submit():
        abort(400)
    upload, attendees, problems = _read(token, lock=True)
    if attendees is None:
        return upload
    if problems:
        db.session.rollback()
        return _page(ParticipantsFileForm(formdata=None), problems, 409)
    planned = plan_certificates(attendees)
    to_issue = [p.attendee for p in planned if not p.held]
    if not to_issue:
        db.session.rollback()
        message = _(
            "Every participant of this file already holds a valid certificate for the course. "
            "Nothing was issued."
        )
        flash(message, "info")
        return redirect(url_for("admin.face_to_face"))
    if request.form.get("digest") != digest(planned):
        db.session.rollback()
        notice = _(
            "Something changed since the preview (a participant received a certificate, "
            "or a course changed). Check the certificates again. Nothing was issued."
        )
        return _preview(token, planned, 409, notice)
    certificates = issue_to_attendees(to_issue, _admin())
    uploads.mark_issued(upload, len(certificates))
    db.session.commit()
    mail_participants(certificates, [attendee.email for attendee in to_issue])
    flash(
        ngettext(
            "%(num)d certificate issued and mailed to its participant.",
            "%(num)d certificates issued and mailed to their participants.",
            len(certificates),
        ),
        "success",
    )
    return redirect(url_for("admin.face_to_face"))


@bp.route("/face-to-face/<token>/cancel", methods=["POST"])
@role_required("admin")
def face_to_face_cancel(token: str):
    if not ActionForm().validate_on_submit():
        abort(400)
    state, upload = uploads.find(token, _admin(), lock=True)
    if state in (uploads.WAITING, uploads.EXPIRED):
        uploads.discard(upload)
        db.session.commit()
    elif state == uploads.ISSUED:
        return _refusal(state)
    flash(_("Cancelled. No certificate was issued, and the file is not kept."), "info")
    return redirect(url_for("admin.face_to_face"))

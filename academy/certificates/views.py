"""The public verification page, "My certificates", and the admins' certificate page.

Reading a page never writes; every change is a POST with a CSRF token by an
admin, commits once and redirects with a message. The PDF download, with its
own rate limits, is in academy.certificates.pdf_views.
"""

from __future__ import annotations

import logging

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from academy.auth.forms import normalise_email
from academy.auth.models import User
from academy.auth.services import find_user
from academy.badges.linkedin import linkedin_add_url
from academy.cache_headers import revalidated_page
from academy.certificates import bp, services, waiting
from academy.certificates.forms import ActionForm, IssueForm, ReasonForm
from academy.certificates.mails import send_certificates_issued
from academy.certificates.models import AUTOMATIC_ISSUER, Certificate
from academy.courses.content_languages import Text, pick
from academy.courses.models import Course
from academy.extensions import db, limiter
from academy.i18n import current_language, format_moment, isolate
from academy.security import role_required

logger = logging.getLogger(__name__)


def date_label(moment) -> str:
    return format_moment(moment, time=False, width="long")


def issuer_label(certificate: Certificate) -> str:
    """Who issued it: the academy, named in the reader's language, or an admin's name."""
    if certificate.issuer == AUTOMATIC_ISSUER:
        return _("SSE Academy")
    return certificate.issuer


@bp.app_context_processor
def _helpers() -> dict:
    return {"certificate_date": date_label, "issuer_label": issuer_label}


@bp.route("/verify/<public_id>")
@limiter.limit("60/minute")
def verify(public_id: str):
    certificate = services.by_public_id(public_id)
    if certificate is None:
        return render_template("certificates/unknown.html"), 404
    # Checked on every view, so a revocation shows at once; unchanged, a 304.
    response = revalidated_page(
        render_template("certificates/verify.html", certificate=certificate)
    )
    if certificate.is_withdrawn and response.status_code == 200:
        # 410: the holder withdrew it, and what it said is gone on purpose.
        response.status_code = 410
    return response


@bp.route("/certificates/")
@login_required
def mine():
    rows = [
        (certificate, services.verification_url(certificate))
        for certificate in services.certificates_of(current_user)
    ]
    linkedin = {
        certificate.id: linkedin_link(certificate, link)
        for certificate, link in rows
        if certificate.is_valid
    }
    language = current_language()
    titles = [
        pick(course.title, language, course.default_language) or Text(course.slug, language)
        for _completion, course in waiting.waiting_for_name(current_user)
    ]
    return render_template("certificates/mine.html", rows=rows, linkedin=linkedin, waiting=titles)


def linkedin_link(certificate: Certificate, verification_url: str) -> str:
    """LinkedIn's add-certification form, filled in the certificate's language."""
    with force_locale(certificate.language):
        # The academy is the organisation, whoever signed the issue.
        academy = _("SSE Academy")
    return linkedin_add_url(
        certificate.as_record(), verification_url=verification_url, organization_name=academy
    )


# -- admins ----------------------------------------------------------------------


def _course_choices() -> list[tuple[str, str]]:
    language = current_language()
    courses = db.session.scalars(select(Course).order_by(Course.slug))
    return [
        (course.slug, str(pick(course.title, language, course.default_language) or course.slug))
        for course in courses
    ]


def _name_missing() -> str:
    return _(
        "This account has no name to print (none, or its email address). "
        "Give the name as it should be printed on the certificate. Nothing was issued."
    )


def _admin_page(issue_form: IssueForm | None = None, status: int = 200, name_errors=None):
    return render_template(
        "certificates/admin.html",
        ready=waiting.for_admins(),
        automatic=services.AUTOMATIC,
        issue_mode=services.issue_mode,
        needs_name=services.needs_name,
        name_errors=name_errors or {},
        issue_form=issue_form or IssueForm(courses=_course_choices()),
        certificates=services.all_certificates(),
        audit=services.audit_log(),
        verification_url=services.verification_url,
    ), status


def _back():
    return redirect(url_for("certificates.admin"))


def _csrf_checked() -> None:
    if not ActionForm().validate_on_submit():
        abort(400)


@bp.route("/certificates/admin")
@role_required("admin")
def admin():
    return _admin_page()


@bp.route("/certificates/admin/issue-ready", methods=["POST"])
@role_required("admin")
def issue_ready():
    _csrf_checked()
    wanted = {value for value in request.form.getlist("completion") if value.isdigit()}
    chosen = [row for row in waiting.for_admins() if str(row.completion.id) in wanted]
    if not chosen:
        flash(_("Select at least one learner. Nothing was changed."), "error")
        return _back()
    names = {row.completion.id: request.form.get(f"name-{row.completion.id}") for row in chosen}
    missing = {
        row.completion.id: _name_missing()
        for row in chosen
        if services.needs_name(row.user)
        and services.usable_name(row.user, names[row.completion.id]) is None
    }
    if missing:
        return _admin_page(status=400, name_errors=missing)
    issued = [
        (
            row.user,
            services.issue_certificate(
                row.user,
                row.course,
                issued_by=current_user._get_current_object(),
                name=names[row.completion.id],
            ),
        )
        for row in chosen
    ]
    db.session.commit()
    flash(
        ngettext("%(num)d certificate issued.", "%(num)d certificates issued.", len(chosen)),
        "success",
    )
    _notify(issued)
    return _back()


@bp.route("/certificates/admin/issue", methods=["POST"])
@role_required("admin")
def issue():
    form = IssueForm(courses=_course_choices())
    if not form.validate_on_submit():
        return _admin_page(form, 400)
    user = find_user(normalise_email(form.email.data))
    course = db.session.scalar(select(Course).where(Course.slug == form.course.data))
    if user is None or user.deleted_at is not None:
        form.email.errors.append(_("There is no account with this email address."))
    if course is None:
        form.course.errors.append(_("There is no course with this id."))
    if form.email.errors or form.course.errors:
        return _admin_page(form, 400)
    if services.active_certificate(user.id, course.id) is not None:
        flash(_("This learner already holds a certificate for this course."), "info")
        return _back()
    if services.needs_name(user) and services.usable_name(user, form.name.data) is None:
        form.name.errors.append(_name_missing())
        return _admin_page(form, 400)
    certificate = services.issue_certificate(
        user,
        course,
        issued_by=current_user._get_current_object(),
        face_to_face=True,
        name=form.name.data,
    )
    db.session.commit()
    flash(isolate(_("Certificate issued to %(name)s."), name=user.name), "success")
    _notify([(user, certificate)])
    return _back()


def _notify(issued) -> None:
    """Mail each learner their new certificate, once it is committed."""
    failed = send_certificates_issued(issued)
    if failed:
        flash(
            ngettext(
                "The mail to %(num)d learner about their certificate could not be sent. "
                'The certificate is issued all the same: it is under "My certificates".',
                "The mails to %(num)d learners about their certificates could not be sent. "
                'The certificates are issued all the same: they are under "My certificates".',
                failed,
            ),
            "error",
        )


def _certificate_or_404(certificate_id: int) -> Certificate:
    certificate = db.session.get(Certificate, certificate_id)
    if certificate is None:
        abort(404)
    return certificate


def _reason() -> str | None:
    form = ReasonForm()
    if form.validate_on_submit():
        return form.reason.data.strip() or None
    return None


@bp.route("/certificates/admin/<int:certificate_id>/revoke", methods=["POST"])
@role_required("admin")
def revoke(certificate_id: int):
    certificate = _certificate_or_404(certificate_id)
    reason = _reason()
    if reason is None:
        flash(_("Give the reason for revoking the certificate. Nothing was changed."), "error")
        return _back()
    if not services.revoke_certificate(certificate, current_user._get_current_object(), reason):
        flash(_("This certificate was already revoked."), "info")
        return _back()
    db.session.commit()
    flash(_("The certificate was revoked."), "success")
    return _back()


@bp.route("/certificates/admin/<int:certificate_id>/reissue", methods=["POST"])
@role_required("admin")
def reissue(certificate_id: int):
    certificate = _certificate_or_404(certificate_id)
    reason = _reason()
    if reason is None:
        flash(_("Give the reason for reissuing the certificate. Nothing was changed."), "error")
        return _back()
    refusal = services.reissue_refusal(certificate)
    if refusal == services.REFUSED_NO_NAME:
        flash(
            _(
                "The holder of this certificate deleted their account, so a reissue would "
                "print no name. The certificate stays as it is. Nothing was changed."
            ),
            "error",
        )
        return _back()
    if refusal == services.REFUSED_NO_ACCOUNT:
        flash(
            _(
                "This certificate was issued face to face to someone without an account, so "
                "there is no current name to print. Revoke it and issue a new one from a "
                "file. Nothing was changed."
            ),
            "error",
        )
        return _back()
    if refusal is not None:
        flash(_("A revoked certificate cannot be reissued."), "error")
        return _back()
    replacement = services.reissue_certificate(
        certificate, current_user._get_current_object(), reason
    )
    db.session.commit()
    flash(
        isolate(_("The certificate was reissued to %(name)s."), name=replacement.recipient_name),
        "success",
    )
    _notify([(db.session.get(User, replacement.user_id), replacement)])
    return _back()

"""The workspace's pages: courses, uploads, versions, publishing and owners.

Reading a page never writes; every change is a POST with a CSRF token,
commits once and redirects with a message. The draft preview is in
academy.trainers.preview_views, cohorts in their own modules.
"""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from academy.auth.forms import normalise_email
from academy.auth.models import User
from academy.certificates.services import record
from academy.courses.content_languages import pick
from academy.courses.models import Course, CourseOwner
from academy.extensions import db
from academy.i18n import current_language, isolate
from academy.security import role_required
from academy.trainers import access, bp, cohort_services, drafts, uploads, versions
from academy.trainers.forms import EnrolmentSettingsForm, OwnerForm, UploadForm


@bp.url_value_preprocessor
def _allow_large_uploads(endpoint, _values) -> None:
    # Runs before the CSRF check reads the body, which would stop at the
    # site-wide limit; only the upload takes a whole course package.
    if endpoint == "trainers.upload":
        request.max_content_length = current_app.config["PACKAGE_UPLOAD_MAX_BYTES"]


def title_of(titles: dict, slug: str) -> str:
    """A course's title in the reader's language where it has one."""
    text = pick(titles or {}, current_language(), next(iter(titles or {}), "en"))
    return text.text if text else slug


@bp.app_context_processor
def _helpers() -> dict:
    return {"course_title_of": title_of}


@bp.route("/")
@role_required("trainer")
def home():
    return _home_page(UploadForm(formdata=None))


def _home_page(form: UploadForm, upload: uploads.Upload | None = None):
    refused = upload.refused if upload else None
    if upload and upload.owner_refusal:
        refused = _refusal_message(upload.owner_refusal)
    return render_template(
        "trainers/home.html",
        courses=access.courses_of(current_user),
        drafts=access.new_course_drafts(current_user),
        form=form,
        upload=upload,
        refused=refused,
    )


@bp.route("/uploads", methods=["POST"])
@role_required("trainer")
def upload():
    form = UploadForm()
    if not form.validate_on_submit():
        return _home_page(form), 400
    result = uploads.receive(form.package.data.stream, current_user)
    if result.version is None:
        db.session.rollback()
        return _home_page(form, result), 400
    db.session.commit()
    drafts.keep(result.version, result.checked)
    flash(_("Your package passed the check. Preview it, then publish it."), "success")
    return redirect(url_for("trainers.version", version_id=result.version.id))


# -- a version -------------------------------------------------------------------


@bp.route("/versions/<int:version_id>")
@role_required("trainer")
def version(version_id: int):
    row = access.handled_version_or_403(version_id)
    checked = drafts.checked_version(row)
    course = db.session.scalar(select(Course).where(Course.slug == row.course_slug))
    return render_template(
        "trainers/version.html",
        version=row,
        checked=checked,
        course=course,
        uploader=db.session.get(User, row.uploaded_by) if row.uploaded_by else None,
    )


@bp.route("/versions/<int:version_id>/publish", methods=["POST"])
@role_required("trainer")
def publish(version_id: int):
    row = access.handled_version_or_403(version_id)
    refusal = versions.refusal_for(current_user, row.course_slug)
    if refusal is not None:
        flash(_refusal_message(refusal), "error")
        return redirect(url_for("trainers.version", version_id=row.id))
    action = "restore" if row.published_at else "publish"
    if not _put_online(row, action):
        return redirect(url_for("trainers.version", version_id=row.id))
    if action == "restore":
        message = _("This version is published again. Learners keep their progress.")
    else:
        message = _("Published. Learners see this version now and keep their progress.")
    flash(message, "success")
    return redirect(url_for("trainers.course", course=row.course_slug))


def _put_online(version, action: str) -> bool:
    """Publish version; False, with the reason flashed, if it no longer passes the check."""
    checked = drafts.checked_version(version)
    if not checked.ok:  # it passed when uploaded, but the checker has grown since
        flash(_("This version no longer passes the check, so nothing changed."), "error")
        return False
    versions.publish(version, checked.built, current_user, action)
    db.session.commit()
    return True


def _refusal_message(refusal: versions.Refusal) -> str:
    message = _(
        "The course id %(id)s belongs to a course you do not own (%(title)s), so nothing "
        "changed. Change the id in course.yaml, or ask an admin to make you an owner."
    )
    return isolate(message, id=refusal.course_slug, title=title_of(refusal.course_title, ""))


# -- a course --------------------------------------------------------------------


@bp.route("/courses/<course>/")
@role_required("trainer")
def course(course: str):
    row = access.owned_course_or_403(course)
    return _course_page(row, OwnerForm(formdata=None))


def _course_page(row, owner_form: OwnerForm):
    owners = db.session.execute(
        select(User, CourseOwner)
        .join(CourseOwner, CourseOwner.user_id == User.id)
        .where(CourseOwner.course_id == row.id)
        .order_by(User.name, User.id)
    ).all()
    settings = EnrolmentSettingsForm(formdata=None, open_enrolment=row.open_enrolment)
    all_versions = versions.versions_of(row.slug)
    people = {v.uploaded_by for v in all_versions} | {v.published_by for v in all_versions}
    names = {
        user.id: user
        for user in db.session.scalars(select(User).where(User.id.in_(people - {None})))
    }
    return render_template(
        "trainers/course.html",
        course=row,
        versions=all_versions,
        previous=versions.previous_version(row),
        people=names,
        owners=owners,
        owner_form=owner_form,
        settings_form=settings,
        cohorts=cohort_services.cohorts_of(row),
    )


@bp.route("/courses/<course>/unpublish", methods=["POST"])
@role_required("trainer")
def unpublish(course: str):
    row = access.owned_course_or_403(course)
    if row.unpublished_at is None:
        versions.unpublish(row, current_user)
        db.session.commit()
    flash(
        _("The course is unpublished: learners cannot open it until you publish it again."),
        "success",
    )
    return redirect(url_for("trainers.course", course=row.slug))


@bp.route("/courses/<course>/restore", methods=["POST"])
@role_required("trainer")
def restore(course: str):
    row = access.owned_course_or_403(course)
    previous = versions.previous_version(row)
    if previous is None:
        flash(_("There is no earlier version to restore, so nothing changed."), "error")
        return redirect(url_for("trainers.course", course=row.slug))
    if not _put_online(previous, "restore"):
        return redirect(url_for("trainers.course", course=row.slug))
    flash(_("The previous version is published again. Learners keep their progress."), "success")
    return redirect(url_for("trainers.course", course=row.slug))


@bp.route("/courses/<course>/enrolment", methods=["POST"])
@role_required("trainer")
def enrolment_settings(course: str):
    row = access.owned_course_or_403(course)
    form = EnrolmentSettingsForm()
    row.open_enrolment = bool(form.open_enrolment.data)
    db.session.commit()
    if row.open_enrolment:
        flash(_("Learners may now enrol on their own."), "success")
    else:
        flash(_("Learners now join through a cohort only."), "success")
    return redirect(url_for("trainers.course", course=row.slug))


# -- owners (admins) -------------------------------------------------------------


@bp.route("/courses/<course>/owners", methods=["POST"])
@role_required("admin")
def add_owner(course: str):
    row = access.course_or_404(course)
    form = OwnerForm()
    if not form.validate_on_submit():
        return _course_page(row, form), 400
    email = normalise_email(form.email.data)
    user = db.session.scalar(select(User).where(User.email == email, User.deleted_at.is_(None)))
    if user is None or not user.is_trainer:
        form.email.errors = [
            _(
                "No trainer has this email address, so nothing changed. An admin gives the "
                "trainer role on the account first."
            )
        ]
        return _course_page(row, form), 400
    if db.session.get(CourseOwner, (row.id, user.id)) is None:
        db.session.add(CourseOwner(course_id=row.id, user_id=user.id, assigned_by=current_user.id))
        record("assign_owner", current_user, course_slug=row.slug, details=str(user.id))
        db.session.commit()
    flash(isolate(_("%(email)s now owns this course."), email=email), "success")
    return redirect(url_for("trainers.course", course=row.slug))


@bp.route("/courses/<course>/owners/<int:user_id>/remove", methods=["POST"])
@role_required("admin")
def remove_owner(course: str, user_id: int):
    row = access.course_or_404(course)
    owner = db.session.get(CourseOwner, (row.id, user_id))
    if owner is not None:
        db.session.delete(owner)
        record("remove_owner", current_user, course_slug=row.slug, details=str(user_id))
        db.session.commit()
    flash(_("The trainer no longer owns this course."), "success")
    return redirect(url_for("trainers.course", course=row.slug))


# Attach the preview, question bank and cohort routes.
from academy.trainers import (  # noqa: E402, F401
    cohorts,
    enrolment_views,
    preview_views,
    question_banks,
)

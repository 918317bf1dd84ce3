"""A cohort's settings pages: create one for a course, change one.

Course owners and admins create and change cohorts; the cohort's own
trainers run it (academy.trainers.enrolment_views). Times in the form are in
the trainer's time zone and stored in UTC; the enrolment key is stored
hashed and never shown back.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from academy.courses.content_languages import language_choices
from academy.courses.models import Course
from academy.extensions import db
from academy.i18n import current_language, isolate, user_time_zone
from academy.learning.cohorts import seats_taken
from academy.learning.models import Cohort
from academy.learning.staff import owns
from academy.security import role_required
from academy.time_zones import UTC_ZONE
from academy.trainers import access, bp
from academy.trainers import cohort_services as services
from academy.trainers.cohort_forms import MIN_KEY_LENGTH, CohortForm


def cohort_and_course_or_404(cohort_id: int) -> tuple[Cohort, Course]:
    cohort = db.session.get(Cohort, cohort_id)
    if cohort is None:
        abort(404)
    return cohort, db.session.get(Course, cohort.course_id)


def cohort_url(cohort: Cohort) -> str:
    """The cohort's own page: its learners, announcements and certificates."""
    return url_for("trainers.cohort", cohort_id=cohort.id)


@bp.app_context_processor
def _cohort_helpers() -> dict:
    def may_change_cohort(cohort: Cohort) -> bool:
        course = db.session.get(Course, cohort.course_id)
        return course is not None and owns(current_user, course)

    return {"cohort_url": cohort_url, "may_change_cohort": may_change_cohort}


def _zone() -> str:
    return user_time_zone(current_user) or UTC_ZONE


def _form(course: Course, cohort: Cohort | None = None, formdata=True) -> CohortForm:
    options = {"languages": language_choices(course, current_language())}
    if cohort is not None:
        options |= {"seats_taken": seats_taken(cohort), "has_key": cohort.key_hash is not None}
    if formdata is None:
        options["formdata"] = None
    form = CohortForm(**options)
    if formdata is None and cohort is not None:
        for name in ("name", "content_language", "starts_on", "ends_on", "capacity", "joining"):
            getattr(form, name).data = getattr(cohort, name)
        form.on_certificates.data = cohort.on_certificates
        form.enrolment_opens_at.data = services.to_local(cohort.enrolment_opens_at, _zone())
        form.enrolment_closes_at.data = services.to_local(cohort.enrolment_closes_at, _zone())
        form.trainers.data = "\n".join(user.email for user in services.trainers_of(cohort))
    elif formdata is None:
        form.content_language.data = course.default_language
    return form


def _settings(form: CohortForm) -> services.Settings:
    return services.Settings(
        name=form.name.data,
        content_language=form.content_language.data,
        enrolment_opens_at=services.to_utc(form.enrolment_opens_at.data, _zone()),
        enrolment_closes_at=services.to_utc(form.enrolment_closes_at.data, _zone()),
        starts_on=form.starts_on.data,
        ends_on=form.ends_on.data,
        capacity=form.capacity.data,
        joining=form.joining.data,
        key=form.key.data if form.joining.data == "key" else "",
        on_certificates=bool(form.on_certificates.data),
    )


def _valid_trainers(form: CohortForm):
    """The trainer accounts the form names, or None with an error naming each unknown address."""
    trainers, unknown = services.trainer_accounts(form.trainers.data)
    if unknown:
        form.trainers.errors = [
            isolate(
                _("No trainer account has the address %(email)s. Check it, or remove it."),
                email=email,
            )
            for email in unknown
        ]
        return None
    return trainers


def _page(form: CohortForm, course: Course, cohort: Cohort | None = None):
    form.key.data = ""  # a key typed in is never sent back
    return render_template(
        "trainers/cohort_form.html",
        form=form,
        course=course,
        cohort=cohort,
        zone=_zone(),
        min_key=MIN_KEY_LENGTH,
    )


@bp.route("/courses/<course>/cohorts/new", methods=["GET", "POST"])
@role_required("trainer")
def new_cohort(course: str):
    row = access.owned_course_or_403(course)
    if request.method == "GET":
        return _page(_form(row, formdata=None), row)
    form = _form(row)
    trainers = _valid_trainers(form) if form.validate() else None
    if trainers is None:
        return _page(form, row), 400
    cohort = services.create_cohort(row, _settings(form), trainers, current_user)
    db.session.commit()
    flash(isolate(_("The cohort %(name)s is created."), name=cohort.name), "success")
    return redirect(cohort_url(cohort))


@bp.route("/cohorts/<int:cohort_id>/edit", methods=["GET", "POST"])
@role_required("trainer")
def edit_cohort(cohort_id: int):
    cohort, course = cohort_and_course_or_404(cohort_id)
    if not owns(current_user, course):
        abort(403)
    if request.method == "GET":
        return _page(_form(course, cohort, formdata=None), course, cohort)
    form = _form(course, cohort)
    trainers = _valid_trainers(form) if form.validate() else None
    if trainers is None:
        return _page(form, course, cohort), 400
    services.update_cohort(cohort, course, _settings(form), trainers, current_user)
    db.session.commit()
    flash(isolate(_("The cohort %(name)s is saved."), name=cohort.name), "success")
    return redirect(cohort_url(cohort))

"""Following a cohort: its page, the learners' CSV, one learner's page, announcements, certificates.

Admins, the course's owners and the cohort's trainers reach these pages
(access.cohort_or_403). Reading never writes; each POST commits once, and
mails go out after the response.
"""

from __future__ import annotations

from babel.dates import format_date, format_interval
from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import select

from academy.auth.models import User
from academy.certificates.forms import ActionForm
from academy.certificates.mails import send_certificates_issued_after_response
from academy.certificates.services import active_certificate, name_missing
from academy.courses.content_languages import offered_language
from academy.extensions import db
from academy.i18n import current_language, format_locale, format_moment
from academy.learning.models import CohortTrainer
from academy.security import role_required
from academy.trainers import announcements, bp, cohort_certificates, following, one_learner
from academy.trainers.access import cohort_or_403
from academy.trainers.announcement_form import AnnouncementForm
from academy.trainers.learners_csv import learners_csv

# How many of the cohort's announcements its page lists, newest first.
ANNOUNCEMENTS_LISTED = 10


def cohort_dates(cohort) -> str:
    """The cohort's course dates as a range in the reader's language."""
    locale = format_locale()
    starts, ends = cohort.starts_on, cohort.ends_on
    if starts and ends:
        return format_interval(starts, ends, "yMMMd", locale=locale)
    if starts:
        return _("From %(date)s", date=format_date(starts, "medium", locale=locale))
    if ends:
        return _("Until %(date)s", date=format_date(ends, "medium", locale=locale))
    return _("Not set")


def enrolment_window(cohort) -> str:
    opens, closes = cohort.enrolment_opens_at, cohort.enrolment_closes_at
    if opens and closes:
        return _("From %(start)s to %(end)s", start=format_moment(opens), end=format_moment(closes))
    if opens:
        return _("From %(date)s", date=format_moment(opens))
    if closes:
        return _("Until %(date)s", date=format_moment(closes))
    return _("Open at any time")


def certificate_status(status: str) -> str:
    labels = {
        following.HOLDS_ONE: _("Issued"),
        following.REVOKED_ONLY: _("Revoked"),
        following.NO_CERTIFICATE: _("None"),
    }
    return labels[status]


@bp.app_context_processor
def _following_helpers() -> dict:
    return {
        "cohort_dates": cohort_dates,
        "enrolment_window": enrolment_window,
        "certificate_status": certificate_status,
    }


def _reading_language(course) -> str:
    """Titles of modules and quizzes in the trainer's language where the course has it."""
    return offered_language(course, current_language()) or course.default_language


def _sorting(quizzes) -> tuple[str, bool]:
    sort = request.args.get("sort", "name")
    if sort not in following.sort_key_names(quizzes):
        sort = "name"
    return sort, request.args.get("order") == "desc"


@bp.route("/cohorts/<int:cohort_id>/")
@role_required("trainer")
def cohort(cohort_id: int):
    row, course = cohort_or_403(cohort_id)
    return _cohort_page(row, course, AnnouncementForm(formdata=None))


def _cohort_page(row, course, form: AnnouncementForm, status: int = 200):
    quizzes = following.cohort_quizzes(course, _reading_language(course))
    sort, descending = _sorting(quizzes)
    rows = following.learner_rows(row, course)
    trainers = db.session.scalars(
        select(User)
        .join(CohortTrainer, CohortTrainer.user_id == User.id)
        .where(CohortTrainer.cohort_id == row.id)
        .order_by(User.name, User.id)
    ).all()
    return render_template(
        "trainers/cohort.html",
        cohort=row,
        course=course,
        trainers=trainers,
        quizzes=quizzes,
        rows=following.sorted_rows(rows, quizzes, sort, descending),
        sort=sort,
        descending=descending,
        ready=sorted(
            (r for r in rows if r.ready_for_certificate and not r.waits_for_name),
            key=lambda r: r.name.casefold(),
        ),
        nameless=[r for r in rows if r.waits_for_name],
        automatic=not cohort_certificates.admins_only(course),
        may_issue=cohort_certificates.may_issue(current_user, row, course),
        admins_only=cohort_certificates.admins_only(course),
        form=form,
        languages=form.languages(current_language()),
        sent=announcements.sent_to(row, ANNOUNCEMENTS_LISTED),
    ), status


@bp.route("/cohorts/<int:cohort_id>/learners.csv")
@role_required("trainer")
def cohort_learners_csv(cohort_id: int):
    row, course = cohort_or_403(cohort_id)
    quizzes = following.cohort_quizzes(course, _reading_language(course))
    sort, descending = _sorting(quizzes)
    rows = following.sorted_rows(following.learner_rows(row, course), quizzes, sort, descending)
    response = Response(learners_csv(rows, quizzes), mimetype="text/csv")
    response.charset = "utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="cohort-{row.id}-learners.csv"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/cohorts/<int:cohort_id>/learners/<int:user_id>")
@role_required("trainer")
def cohort_learner(cohort_id: int, user_id: int):
    row, course = cohort_or_403(cohort_id)
    found = one_learner.learner_in_cohort(row, user_id)
    if found is None:
        abort(404)
    learner, enrolment = found
    record = one_learner.learner_record(course, learner, enrolment, _reading_language(course))
    waits_for_name = (
        record.completed_at is not None
        and name_missing(learner.name, learner.email)
        and active_certificate(learner.id, course.id) is None
    )
    return render_template(
        "trainers/cohort_learner.html",
        cohort=row,
        course=course,
        record=record,
        waits_for_name=waits_for_name,
    )


@bp.route("/cohorts/<int:cohort_id>/announcements", methods=["POST"])
@role_required("trainer")
def announce(cohort_id: int):
    row, course = cohort_or_403(cohort_id)
    form = AnnouncementForm()
    first = current_language()
    if not form.validate_versions(first):
        return _cohort_page(row, course, form, 400)
    sender = current_user._get_current_object()
    announcement, learners = announcements.announce(row, course, form.versions(first), sender)
    db.session.commit()
    # The public base URL, never the request's host, in a link we email.
    link = current_app.config["BASE_URL"] + url_for("courses.course", course=course.slug)
    announcements.mail_after_response(announcement, learners, row, course, link)
    flash(
        ngettext(
            "Announcement sent to %(num)d learner.",
            "Announcement sent to %(num)d learners.",
            len(learners),
        ),
        "success",
    )
    return redirect(url_for("trainers.cohort", cohort_id=row.id) + "#announcements")


@bp.route("/cohorts/<int:cohort_id>/certificates", methods=["POST"])
@role_required("trainer")
def issue_cohort_certificates(cohort_id: int):
    row, course = cohort_or_403(cohort_id)
    if not cohort_certificates.may_issue(current_user, row, course):
        abort(403)
    if not ActionForm().validate_on_submit():
        abort(400)
    issued = cohort_certificates.issue_for_cohort(row, course, current_user._get_current_object())
    if not issued:
        flash(_("No learner of this cohort is waiting for a certificate. Nothing changed."), "info")
        return redirect(url_for("trainers.cohort", cohort_id=row.id) + "#certificates")
    db.session.commit()
    send_certificates_issued_after_response(issued)
    flash(
        ngettext("%(num)d certificate issued.", "%(num)d certificates issued.", len(issued)),
        "success",
    )
    return redirect(url_for("trainers.cohort", cohort_id=row.id) + "#certificates")

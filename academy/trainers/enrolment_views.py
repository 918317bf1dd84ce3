"""Enrolling learners into a cohort from a CSV file: owners, admins and its trainers.

The form lives on the cohort's page (trainers/_cohort_enrol.html, included
there); a refused file comes back on a page of its own with every problem,
by line and column, and nothing written.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template
from flask_babel import ngettext
from flask_login import current_user

from academy.extensions import db
from academy.security import role_required
from academy.trainers import bp
from academy.trainers.cohort_forms import EnrolmentFileForm
from academy.trainers.cohort_services import runs
from academy.trainers.cohorts import cohort_and_course_or_404, cohort_url
from academy.trainers.enrolling import enrol_learners, mail_invitations
from academy.trainers.enrolment_files import Problem, read_learners


def _refused(cohort, course, form, problems: list[Problem]):
    db.session.rollback()
    page = render_template(
        "trainers/cohort_enrolments.html",
        cohort=cohort,
        course=course,
        enrol_form=form,
        problems=problems,
    )
    return page, 400


@bp.route("/cohorts/<int:cohort_id>/enrolments", methods=["POST"])
@role_required("trainer")
def enrol_from_file(cohort_id: int):
    cohort, course = cohort_and_course_or_404(cohort_id)
    if not runs(current_user, cohort, course):
        abort(403)
    form = EnrolmentFileForm()
    if not form.validate_on_submit():
        return _refused(cohort, course, form, [])
    learners, problems = read_learners(form.file.data.read())
    if problems:
        return _refused(cohort, course, form, problems)
    outcome = enrol_learners(cohort, course, learners, current_user)
    if outcome.problems:
        return _refused(cohort, course, form, outcome.problems)
    db.session.commit()
    mail_invitations(cohort, course, outcome.invitations, current_user)
    flash(_summary(outcome.enrolled, outcome.invited, outcome.unchanged), "success")
    return redirect(cohort_url(cohort))


def _summary(enrolled: int, invited: int, unchanged: int) -> str:
    parts = [
        ngettext("%(num)d learner enrolled.", "%(num)d learners enrolled.", enrolled),
        ngettext(
            "%(num)d invitation mailed to an address without an account.",
            "%(num)d invitations mailed to addresses without an account.",
            invited,
        ),
    ]
    if unchanged:
        parts.append(
            ngettext(
                "%(num)d was already in the cohort or invited to it.",
                "%(num)d were already in the cohort or invited to it.",
                unchanged,
            )
        )
    return " ".join(parts)

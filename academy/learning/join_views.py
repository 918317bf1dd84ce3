"""Joining a cohort with its enrolment key, from the course page.

Keys are guessable by trying, so each signed-in person may try only a few an
hour (COHORT_KEY_LIMIT); only refused keys count, so a learner who joins is
never held back.
"""

from __future__ import annotations

from flask import current_app, flash, g, make_response, redirect, url_for
from flask_babel import gettext as _
from flask_limiter import RateLimitExceeded
from flask_limiter.util import get_remote_address
from flask_login import current_user

from academy.courses.queries import course_or_404
from academy.errors import render_error
from academy.extensions import db, limiter
from academy.i18n import isolate
from academy.learning import bp
from academy.learning.cohorts import Joining, join_with_key
from academy.learning.forms import JoinForm
from academy.security import safe_next


def _joiner() -> str:
    if current_user.is_authenticated:
        return f"user:{current_user.id}"
    return get_remote_address()


def _refused(_response) -> bool:
    return bool(g.get("cohort_key_refused"))


@bp.errorhandler(RateLimitExceeded)
def _rate_limited(error: RateLimitExceeded):
    # The app's handler renders the generic 429 page; the limit's own page
    # (on_breach) says what was limited.
    return error.response if error.response is not None else render_error(429)


def _too_many_keys(_limit):
    message = _(
        "You tried too many enrolment keys in a short while, so this one was not checked. "
        "Please wait an hour, then try again, or ask your trainer for the key."
    )
    return make_response(render_error(429, message))


def _messages() -> dict[Joining, tuple[str, str]]:
    return {
        Joining.JOINED: (
            _("You have joined the cohort %(name)s. Your progress is saved as you go."),
            "success",
        ),
        Joining.ALREADY: (_("You are already a member of the cohort %(name)s."), "info"),
        Joining.OTHER_COHORT: (
            _(
                "You already belong to another cohort of this course, so nothing was changed. "
                "Ask your trainer if you should move to %(name)s."
            ),
            "error",
        ),
        Joining.WRONG_KEY: (
            _(
                "This enrolment key does not match any cohort of this course, so nothing was "
                "changed. Check the key your trainer gave you; capital letters count."
            ),
            "error",
        ),
        Joining.CLOSED: (
            _(
                "Enrolment in the cohort %(name)s is not open now, so nothing was changed. "
                "Ask your trainer about its dates."
            ),
            "error",
        ),
        Joining.FULL: (
            _("The cohort %(name)s is full, so nothing was changed. Ask your trainer."),
            "error",
        ),
    }


@bp.route("/<course>/join", methods=["POST"])
@limiter.limit(
    lambda: current_app.config["COHORT_KEY_LIMIT"],
    key_func=_joiner,
    deduct_when=_refused,
    on_breach=_too_many_keys,
)
def join(course: str):
    row = course_or_404(course)
    page = url_for("courses.course", course=row.slug)
    if not current_user.is_authenticated:
        flash(_("Sign in or register to enrol and track your progress."), "info")
        return redirect(url_for("auth.sign_in", next=page))
    form = JoinForm()
    target = safe_next(form.next.data, page)
    if not form.validate_on_submit():
        flash(_("Enter the enrolment key your trainer gave you."), "error")
        return redirect(target)
    outcome, cohort = join_with_key(current_user, row, form.key.data)
    if outcome is Joining.JOINED:
        db.session.commit()
    else:
        g.cohort_key_refused = outcome is Joining.WRONG_KEY
    message, category = _messages()[outcome]
    flash(isolate(message, name=cohort.name) if cohort else message, category)
    return redirect(target)

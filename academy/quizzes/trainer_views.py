"""The trainers' quiz pages: every learner's attempts at a quiz, and time allowances.

Only the course's trainers and admins reach them. They are kept apart from
the learners' pages (views) because they answer to other people, with other
permissions; views imports this module so that create_app, which imports
only academy.quizzes.views, attaches these routes too.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user, login_required

from academy.courses.content_languages import offered_language
from academy.courses.models import Course, Quiz
from academy.extensions import db
from academy.i18n import isolate
from academy.packagefiles.quiz_types import QuizDefinition
from academy.quizzes import attempts, bp, services
from academy.quizzes.forms import AllowanceForm
from academy.quizzes.page_helpers import load_quiz, quiz_title


def _trainer_only(course: Course) -> None:
    """Refuse anyone but the course's trainers and admins (visitors were sent to sign in)."""
    if not services.is_trainer_of(current_user, course):
        abort(403)


def _results_page(course: Course, quiz: Quiz, definition: QuizDefinition, form: AllowanceForm):
    language = offered_language(course, str(get_locale())) or course.default_language
    if language not in definition.languages:
        language = definition.default_language
    return render_template(
        "quizzes/results.html",
        course=course,
        quiz=quiz,
        definition=definition,
        title=quiz_title(definition, language, quiz),
        rows=services.learners_attempts(quiz),
        form=form,
    )


@bp.route("/<course>/quizzes/<quiz>/results")
@login_required
def results(course: str, quiz: str):
    row, quiz_row, definition = load_quiz(course, quiz)
    _trainer_only(row)
    return _results_page(row, quiz_row, definition, AllowanceForm(formdata=None))


@bp.route("/<course>/quizzes/<quiz>/allowances", methods=["POST"])
@login_required
def allowance(course: str, quiz: str):
    row, quiz_row, definition = load_quiz(course, quiz)
    _trainer_only(row)
    form = AllowanceForm()
    if not form.validate_on_submit():
        return _results_page(row, quiz_row, definition, form), 400
    learner = services.enrolled_learner(row, form.email.data)
    if learner is None:
        form.email.errors = [
            _("No learner enrolled in this course has this email address, so nothing changed.")
        ]
        return _results_page(row, quiz_row, definition, form), 400
    attempts.grant_time(
        learner.id,
        quiz_row,
        current_user.id,
        extra_minutes=form.extra_minutes.data or 0,
        unlimited=form.unlimited.data,
    )
    db.session.commit()
    # Named by the address the trainer typed: the name may not be on this page.
    if form.unlimited.data:
        message = _("%(email)s now has no time limit on this quiz.")
        flash(isolate(message, email=learner.email), "success")
    else:
        minutes = form.extra_minutes.data or 0
        # ngettext fills every placeholder: it puts %(email)s back for isolate to fill.
        message = ngettext(
            "%(email)s now has %(num)d extra minute on this quiz.",
            "%(email)s now has %(num)d extra minutes on this quiz.",
            minutes,
            email="%(email)s",
        )
        flash(isolate(message, email=learner.email), "success")
    return redirect(url_for("quizzes.results", course=row.slug, quiz=quiz_row.slug))

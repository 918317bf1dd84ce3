"""The learners' quiz pages: a quiz, starting an attempt, the attempt form and its result.

Reading a page never writes to the database; every change is a POST with a
CSRF token, commits once and redirects. The trainers' pages are in
trainer_views.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from academy.courses.content_languages import offered_language, pick
from academy.courses.models import Course, Quiz
from academy.courses.outline import neighbours_of, outline_of
from academy.extensions import db
from academy.learning import services as learning
from academy.learning.completion import record_completion
from academy.learning.models import Enrolment
from academy.packagefiles.quiz_types import QuizDefinition
from academy.quizzes import attempts, bp, layout, pages, result_page, services
from academy.quizzes.forms import ActionForm
from academy.quizzes.grading import grade_quiz
from academy.quizzes.models import OPEN, Attempt
from academy.quizzes.page_helpers import deadline_label, load_quiz, quiz_title


def _active_enrolment(course: Course) -> Enrolment | None:
    if not current_user.is_authenticated:
        return None
    enrolment = learning.find_enrolment(current_user, course)
    return enrolment if enrolment is not None and enrolment.is_active else None


def _quiz_page(course: Course, quiz: Quiz) -> str:
    return url_for("quizzes.quiz", course=course.slug, quiz=quiz.slug)


def _attempt_page(course: Course, quiz: Quiz, attempt: Attempt) -> str:
    return url_for("quizzes.attempt", course=course.slug, quiz=quiz.slug, number=attempt.number)


def _language(course: Course, definition: QuizDefinition, enrolment: Enrolment | None) -> str:
    wanted = enrolment.content_language if enrolment is not None else None
    if wanted is None:
        wanted = offered_language(course, request.args.get("content")) or offered_language(
            course, str(get_locale())
        )
    if wanted in definition.languages:
        return wanted
    return definition.default_language


# -- the quiz page ---------------------------------------------------------------


@bp.route("/<course>/quizzes/<quiz>")
def quiz(course: str, quiz: str):
    row, quiz_row, definition = load_quiz(course, quiz)
    enrolment = _active_enrolment(row)
    language = _language(row, definition, enrolment)
    history, left, current, allowance = [], None, None, None
    if current_user.is_authenticated:
        history = attempts.attempts_of(current_user.id, quiz_row)
        left = attempts.attempts_left(current_user.id, quiz_row)
        current = next((a for a in history if a.state == OPEN and not attempts.is_expired(a)), None)
        allowance = services.time_allowance(current_user.id, quiz_row)
    minutes = definition.time_limit_minutes
    if minutes and allowance is not None:
        minutes = None if allowance.unlimited else minutes + allowance.extra_minutes
    return render_template(
        "quizzes/quiz.html",
        course=row,
        quiz=quiz_row,
        definition=definition,
        title=quiz_title(definition, language, quiz_row),
        course_title=pick(row.title, language, row.default_language),
        introduction=pick(definition.introduction, language, definition.default_language),
        enrolment=enrolment,
        history=history,
        left=left,
        current=current,
        minutes=minutes,
        is_trainer=services.is_trainer_of(current_user, row),
        # The course path runs through the quiz: its previous and next lesson or quiz.
        path=neighbours_of(outline_of(row, language), "quiz", quiz_row.slug),
        links=_visitor_links(row, enrolment),
    )


def _visitor_links(course: Course, enrolment: Enrolment | None) -> dict[str, str]:
    """A visitor's ?content= choice, kept in the links to the next lesson or quiz."""
    chosen = offered_language(course, request.args.get("content"))
    return {"content": chosen} if chosen and enrolment is None else {}


@bp.route("/<course>/quizzes/<quiz>/attempts", methods=["POST"])
@login_required
def start(course: str, quiz: str):
    row, quiz_row, definition = load_quiz(course, quiz)
    if not ActionForm().validate_on_submit():
        abort(400)
    enrolment = _active_enrolment(row)
    if enrolment is None:
        flash(_("Enrol in this course to take its quizzes."), "error")
        return redirect(url_for("courses.course", course=row.slug))
    language = _language(row, definition, enrolment)
    try:
        attempt = attempts.start_attempt(
            current_user.id, quiz_row, language, layout.make_layout(definition)
        )
    except attempts.AttemptRefused:
        db.session.commit()  # an expired attempt may have been closed
        flash(_("You have used all your attempts at this quiz."), "error")
        return redirect(_quiz_page(row, quiz_row))
    db.session.commit()
    return redirect(_attempt_page(row, quiz_row, attempt))


# -- an attempt ------------------------------------------------------------------


def _common(course: Course, quiz: Quiz, definition: QuizDefinition, attempt: Attempt) -> dict:
    return {
        "course": course,
        "quiz": quiz,
        "definition": definition,
        "attempt": attempt,
        "title": quiz_title(definition, attempt.language, quiz),
        "course_title": pick(course.title, attempt.language, course.default_language),
    }


def _attempt_form(course, quiz, definition, attempt, questions, responses=None, repeated=None):
    """The attempt's form, filled with responses (by default the saved ones)."""
    deadline = deadline_label(attempt.deadline_at) if attempt.deadline_at else None
    values = pages.form_values(questions, attempt.responses if responses is None else responses)
    return render_template(
        "quizzes/attempt.html",
        questions=questions,
        deadline=deadline,
        values=values,
        repeated=repeated or {},
        **_common(course, quiz, definition, attempt),
    )


@bp.route("/<course>/quizzes/<quiz>/attempts/<int:number>")
@login_required
def attempt(course: str, quiz: str, number: int):
    row, quiz_row, definition = load_quiz(course, quiz)
    attempt_row = services.attempt_or_404(current_user.id, quiz_row, number)
    questions = pages.shown_questions(definition, attempt_row.layout, attempt_row.language)
    if attempt_row.state == OPEN and not attempts.is_expired(attempt_row):
        return _attempt_form(row, quiz_row, definition, attempt_row, questions)
    return result_page.render(_common(row, quiz_row, definition, attempt_row), questions)


@bp.route("/<course>/quizzes/<quiz>/attempts/<int:number>", methods=["POST"])
@login_required
def submit(course: str, quiz: str, number: int):
    """Save, ask to confirm, or finish (grade) an attempt, by the button pressed.

    action=save is the form's first (hidden) button, so Enter in a text field
    saves instead of finishing. action=finish asks first when questions are
    unanswered; action=confirm grades the saved answers. A form without an
    action (a page loaded before the buttons existed) finishes, as it used to.
    """
    row, quiz_row, definition = load_quiz(course, quiz)
    attempt_row = services.attempt_or_404(current_user.id, quiz_row, number)
    if not ActionForm().validate_on_submit():
        abort(400)
    if request.headers.get("X-Background-Save") == "1":
        return _keep(row, definition, attempt_row)
    if _active_enrolment(row) is None:
        # Left the course with an attempt open: as for starting one, enrol first.
        flash(_("Enrol in this course to take its quizzes."), "error")
        return redirect(url_for("courses.course", course=row.slug))
    here = _attempt_page(row, quiz_row, attempt_row)
    if attempt_row.state != OPEN:
        flash(_("This attempt was already submitted."), "info")
        return redirect(here)
    action = request.form.get("action")
    if action == "confirm":
        saved = attempt_row.responses
        return _finish(
            row, quiz_row, definition, attempt_row, saved if isinstance(saved, dict) else {}
        )
    questions = pages.shown_questions(definition, attempt_row.layout, attempt_row.language)
    responses = pages.responses_from(request.form, questions)
    if action is None:
        return _finish(row, quiz_row, definition, attempt_row, responses)
    action = "save" if action == "save" else "finish"
    return _save(row, quiz_row, definition, attempt_row, questions, responses, action)


def _keep(course, definition, attempt):
    """keep-answers.js saving in the background: action=save only, never a
    grade, no message and no redirect (a flash would show on the next page).
    204 when saved, 409 when the attempt is closed or the learner left the course.
    """
    if request.form.get("action") != "save" or attempt.state != OPEN:
        return "", 409
    if _active_enrolment(course) is None:
        return "", 409
    questions = pages.shown_questions(definition, attempt.layout, attempt.language)
    if not attempts.save_responses(attempt, pages.responses_from(request.form, questions)):
        db.session.rollback()
        return "", 409
    db.session.commit()
    return "", 204


def _save(course, quiz, definition, attempt, questions, responses, action):
    """Keep the answers; then the form again, or the confirmation step, or grading."""
    here = _attempt_page(course, quiz, attempt)
    repeated = pages.repeated_positions(questions, responses)
    unanswered = [q for q in questions if not pages.is_answered(q, responses.get(q.question.id))]
    if action == "finish" and not repeated and not unanswered:
        return _finish(course, quiz, definition, attempt, responses)
    if not attempts.save_responses(attempt, responses):
        db.session.rollback()
        return redirect(here)  # submitted meanwhile, or out of time: its result page says
    db.session.commit()
    if repeated:
        page = _attempt_form(course, quiz, definition, attempt, questions, responses, repeated)
        return page, 422
    if action == "save":
        flash(_("Your answers are saved. Press Finish when you are ready."), "success")
        return redirect(here)
    return render_template(
        "quizzes/confirm.html",
        unanswered=unanswered,
        **_common(course, quiz, definition, attempt),
    )


def _finish(course, quiz, definition, attempt, responses):
    """Grade the attempt exactly once, and go to its result."""
    here = _attempt_page(course, quiz, attempt)
    locale = get_locale()

    def grade(kept: dict, _late: bool) -> dict:
        return grade_quiz(definition, kept, attempt.language, locale).to_dict()

    if not attempts.submit_attempt(attempt, responses, grade):
        db.session.rollback()
        flash(_("This attempt was already submitted."), "info")
        return redirect(here)
    completed = record_completion(current_user.id, course)
    db.session.commit()
    if attempt.late:
        flash(_("Your time had run out, so this attempt was graded as unanswered."), "error")
    else:
        flash(_("Your answers were submitted."), "success")
    if completed:
        flash(_("You have completed this course. Congratulations!"), "success")
    return redirect(here)

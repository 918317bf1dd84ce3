"""The quiz pages: a quiz, taking an attempt, its result, and the trainers' results.

Reading a page never writes to the database; every change is a POST with a
CSRF token, commits once and redirects.
"""

from __future__ import annotations

from datetime import UTC, timedelta

from babel.dates import format_time, format_timedelta
from babel.numbers import format_decimal
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import format_datetime, get_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user, login_required

from academy.certificates.mails import send_certificate_issued
from academy.certificates.services import after_completion
from academy.courses.models import Course
from academy.courses.queries import Text, course_or_404, offered_language, pick
from academy.database import utcnow
from academy.extensions import db
from academy.learning import services as learning
from academy.learning.completion import record_completion
from academy.learning.models import Enrolment
from academy.quizzes import attempts, bp, pages, services
from academy.quizzes.definition_types import QuizDefinition
from academy.quizzes.forms import ActionForm, AllowanceForm
from academy.quizzes.grading import GROUPED_NUMBER, NOT_A_NUMBER, grade_quiz
from academy.quizzes.models import OPEN, Attempt, Quiz


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


def _title(definition: QuizDefinition, language: str, quiz: Quiz) -> Text:
    return pick(definition.title, language, definition.default_language) or Text(quiz.slug, "en")


def _load(course: str, quiz: str) -> tuple[Course, Quiz, QuizDefinition]:
    row = course_or_404(course)
    quiz_row = services.quiz_or_404(row, quiz)
    return row, quiz_row, QuizDefinition.from_dict(quiz_row.definition)


# -- words and numbers -----------------------------------------------------------


def score_label(percent: float | None) -> str:
    value = format_decimal(percent or 0, format="#,##0.##", locale=get_locale())
    # TRANSLATORS: a quiz score, as in "75.5%".
    return _("%(score)s%%", score=value)


def deadline_label(deadline) -> str:
    locale = get_locale()
    remaining = max(deadline - utcnow(), timedelta(0))
    return _(
        "Submit before %(time)s UTC (%(remaining)s).",
        time=format_time(deadline, "short", tzinfo=UTC, locale=locale),
        remaining=format_timedelta(
            remaining, add_direction=True, threshold=1.5, locale=locale, granularity="minute"
        ),
    )


def date_label(moment) -> str:
    return format_datetime(moment, "medium") + " UTC" if moment else ""


def number_hint() -> str:
    example = format_decimal(3.5, locale=get_locale())
    return _(
        "Write decimals like %(example)s, without separators between thousands.", example=example
    )


def number_message(code: str | None) -> str | None:
    if code == NOT_A_NUMBER:
        return _("This answer could not be read as a number.")
    if code == GROUPED_NUMBER:
        return _("Write numbers without spaces or separators between thousands, like 1000.")
    return None


@bp.app_context_processor
def _quiz_helpers() -> dict:
    return {
        "score_label": score_label,
        "date_label": date_label,
        "number_hint": number_hint,
        "number_message": number_message,
    }


# -- the quiz page ---------------------------------------------------------------


@bp.route("/<course>/quizzes/<quiz>")
def quiz(course: str, quiz: str):
    row, quiz_row, definition = _load(course, quiz)
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
        title=_title(definition, language, quiz_row),
        course_title=pick(row.title, language, row.default_language),
        introduction=pick(definition.introduction, language, definition.default_language),
        enrolment=enrolment,
        history=history,
        left=left,
        current=current,
        minutes=minutes,
        is_trainer=services.is_trainer_of(current_user, row),
    )


@bp.route("/<course>/quizzes/<quiz>/attempts", methods=["POST"])
@login_required
def start(course: str, quiz: str):
    row, quiz_row, definition = _load(course, quiz)
    if not ActionForm().validate_on_submit():
        abort(400)
    enrolment = _active_enrolment(row)
    if enrolment is None:
        flash(_("Enrol in this course to take its quizzes."), "error")
        return redirect(url_for("courses.course", course=row.slug))
    language = _language(row, definition, enrolment)
    try:
        attempt = attempts.start_attempt(
            current_user.id, quiz_row, language, services.make_layout(definition)
        )
    except attempts.AttemptRefused:
        db.session.commit()  # an expired attempt may have been closed
        flash(_("You have used all your attempts at this quiz."), "error")
        return redirect(_quiz_page(row, quiz_row))
    db.session.commit()
    return redirect(_attempt_page(row, quiz_row, attempt))


# -- an attempt ------------------------------------------------------------------


@bp.route("/<course>/quizzes/<quiz>/attempts/<int:number>")
@login_required
def attempt(course: str, quiz: str, number: int):
    row, quiz_row, definition = _load(course, quiz)
    attempt_row = services.attempt_or_404(current_user.id, quiz_row, number)
    questions = pages.shown_questions(definition, attempt_row.layout, attempt_row.language)
    common = {
        "course": row,
        "quiz": quiz_row,
        "definition": definition,
        "attempt": attempt_row,
        "title": _title(definition, attempt_row.language, quiz_row),
        "course_title": pick(row.title, attempt_row.language, row.default_language),
    }
    if attempt_row.state == OPEN and not attempts.is_expired(attempt_row):
        deadline = deadline_label(attempt_row.deadline_at) if attempt_row.deadline_at else None
        return render_template(
            "quizzes/attempt.html", questions=questions, deadline=deadline, **common
        )
    mode = definition.feedback
    show_details = mode == "after_each_attempt" or (
        mode == "once_passed" and services.has_passed(current_user.id, quiz_row)
    )
    details = None
    if show_details and attempt_row.state != OPEN:
        details = pages.question_feedback(
            questions,
            attempt_row.responses,
            attempt_row.results,
            attempt_row.language,
            definition.default_language,
        )
    return render_template(
        "quizzes/result.html",
        details=details,
        mode=mode,
        expired=attempt_row.state == OPEN,
        left=attempts.attempts_left(current_user.id, quiz_row),
        **common,
    )


@bp.route("/<course>/quizzes/<quiz>/attempts/<int:number>", methods=["POST"])
@login_required
def submit(course: str, quiz: str, number: int):
    row, quiz_row, definition = _load(course, quiz)
    attempt_row = services.attempt_or_404(current_user.id, quiz_row, number)
    if not ActionForm().validate_on_submit():
        abort(400)
    result_page = _attempt_page(row, quiz_row, attempt_row)
    if attempt_row.state != OPEN:
        flash(_("This attempt was already submitted."), "info")
        return redirect(result_page)
    questions = pages.shown_questions(definition, attempt_row.layout, attempt_row.language)
    responses = pages.responses_from(request.form, questions)
    locale = get_locale()

    def grade(kept: dict, _late: bool) -> dict:
        return grade_quiz(definition, kept, attempt_row.language, locale).to_dict()

    if not attempts.submit_attempt(attempt_row, responses, grade):
        db.session.rollback()
        flash(_("This attempt was already submitted."), "info")
        return redirect(result_page)
    completed = record_completion(current_user.id, row)
    certificate = after_completion(current_user._get_current_object(), row) if completed else None
    db.session.commit()
    if certificate is not None:
        send_certificate_issued(current_user, certificate)
    if attempt_row.late:
        flash(_("Your time had run out, so this attempt was graded as unanswered."), "error")
    else:
        flash(_("Your answers were submitted."), "success")
    if completed:
        flash(_("You have completed this course. Congratulations!"), "success")
    return redirect(result_page)


# -- trainers --------------------------------------------------------------------


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
        title=_title(definition, language, quiz),
        rows=services.learners_attempts(quiz),
        form=form,
    )


@bp.route("/<course>/quizzes/<quiz>/results")
@login_required
def results(course: str, quiz: str):
    row, quiz_row, definition = _load(course, quiz)
    _trainer_only(row)
    return _results_page(row, quiz_row, definition, AllowanceForm(formdata=None))


@bp.route("/<course>/quizzes/<quiz>/allowances", methods=["POST"])
@login_required
def allowance(course: str, quiz: str):
    row, quiz_row, definition = _load(course, quiz)
    _trainer_only(row)
    form = AllowanceForm()
    if not form.validate_on_submit():
        return _results_page(row, quiz_row, definition, form), 400
    learner = services.user_by_email(form.email.data)
    if learner is None:
        form.email.errors = [_("No account has this email address, so nothing was changed.")]
        return _results_page(row, quiz_row, definition, form), 400
    attempts.grant_time(
        learner.id,
        quiz_row,
        current_user.id,
        extra_minutes=form.extra_minutes.data or 0,
        unlimited=form.unlimited.data,
    )
    db.session.commit()
    if form.unlimited.data:
        flash(_("%(name)s now has no time limit on this quiz.", name=learner.name), "success")
    else:
        minutes = form.extra_minutes.data or 0
        flash(
            ngettext(
                "%(name)s now has %(num)d extra minute on this quiz.",
                "%(name)s now has %(num)d extra minutes on this quiz.",
                minutes,
                name=learner.name,
            ),
            "success",
        )
    return redirect(url_for("quizzes.results", course=row.slug, quiz=quiz_row.slug))

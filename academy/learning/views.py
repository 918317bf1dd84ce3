"""My learning, and the buttons that enrol, unenrol, complete a lesson and pick a language.

Every change is a POST with a CSRF token by a signed-in learner; each
returns to the page it came from with a message.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from academy.courses.content_languages import (
    Text,
    language_choices,
    language_name,
    offered_language,
    pick,
)
from academy.courses.forms import ContentLanguageForm
from academy.courses.models import Course
from academy.courses.outline import Entry, neighbours, next_step, outline_of, quiz_pks
from academy.courses.queries import course_or_404
from academy.courses.readers import done_items
from academy.errors import render_error
from academy.extensions import db
from academy.i18n import current_language
from academy.learning import bp, services
from academy.learning.completion import record_completion
from academy.learning.forms import ActionForm
from academy.learning.models import Enrolment
from academy.security import safe_next


@dataclass(frozen=True)
class CourseProgress:
    course: Course
    enrolment: Enrolment
    title: Text
    progress: services.Progress
    resume: Entry | None


def _course_progress(
    enrolment: Enrolment, course: Course, completed: set[int], passed: set[int]
) -> CourseProgress:
    language = offered_language(course, enrolment.content_language) or course.default_language
    return CourseProgress(
        course=course,
        enrolment=enrolment,
        title=pick(course.title, language, course.default_language) or Text(course.slug, "en"),
        progress=services.progress_of(course, completed, passed),
        resume=next_step(course, outline_of(course, language), completed, passed),
    )


@bp.route("/")
@login_required
def my_learning():
    completed = services.completed_lesson_ids(current_user)
    enrolments = services.enrolments_of(current_user)
    # One query for the quizzes of every course, however many courses and attempts.
    quizzes = {pk for _enrolment, course in enrolments for pk in quiz_pks(course)}
    passed = done_items(current_user.id, "quiz", quizzes)
    rows = [
        _course_progress(enrolment, course, completed, passed) for enrolment, course in enrolments
    ]
    return render_template(
        "learning/my_learning.html",
        current=[row for row in rows if row.enrolment.is_active],
        past=[row for row in rows if not row.enrolment.is_active],
    )


# -- changes ---------------------------------------------------------------------


def _course_page(course: Course) -> str:
    return url_for("courses.course", course=course.slug)


def _sign_in_first(return_to: str):
    flash(_("Sign in or register to enrol and track your progress."), "info")
    return redirect(url_for("auth.sign_in", next=return_to))


def _active_enrolment(course: Course) -> Enrolment | None:
    enrolment = services.find_enrolment(current_user, course)
    return enrolment if enrolment is not None and enrolment.is_active else None


def _not_enrolled(course: Course):
    flash(_("You are not enrolled in this course, so nothing was changed."), "error")
    return redirect(_course_page(course))


@bp.route("/<course>/enrol", methods=["POST"])
def enrol(course: str):
    row = course_or_404(course)
    if not current_user.is_authenticated:
        return _sign_in_first(_course_page(row))
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    if not row.open_enrolment:
        message = _(
            "This course takes learners through its cohorts only, so you were not enrolled. "
            "Join with the enrolment key your trainer gave you, on the course page."
        )
        return render_error(403, message)
    _enrolment, changed = services.enrol(current_user, row, current_language())
    db.session.commit()
    if changed:
        flash(
            _("You are enrolled. Your progress is saved as you mark lessons complete."), "success"
        )
    else:
        flash(_("You are already enrolled in this course."), "info")
    return redirect(safe_next(form.next.data, _course_page(row)))


@bp.route("/<course>/unenrol", methods=["POST"])
def unenrol(course: str):
    row = course_or_404(course)
    if not current_user.is_authenticated:
        return _sign_in_first(_course_page(row))
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    enrolment = _active_enrolment(row)
    if enrolment is None:
        return _not_enrolled(row)
    services.unenrol(enrolment)
    db.session.commit()
    flash(
        _("You have left this course. Your completed lessons are kept if you enrol again."),
        "success",
    )
    return redirect(safe_next(form.next.data, _course_page(row)))


@bp.route("/<course>/lessons/<lesson>/complete", methods=["POST"])
def complete(course: str, lesson: str):
    row = course_or_404(course)
    lesson_page = url_for("courses.lesson", course=row.slug, lesson=lesson)
    if not current_user.is_authenticated:
        return _sign_in_first(lesson_page)
    pk = dict(services.lesson_ids(row)).get(lesson)
    if pk is None:
        abort(404)
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    if _active_enrolment(row) is None:
        flash(_("Enrol in this course to mark lessons as complete."), "error")
        return redirect(_course_page(row))
    if services.complete_lesson(current_user, pk):
        flash(_("Lesson marked as complete."), "success")
    else:
        flash(_("You had already completed this lesson."), "info")
    if record_completion(current_user.id, row):
        flash(_("You have completed this course. Congratulations!"), "success")
    db.session.commit()
    return redirect(_after_lesson(row, lesson))


def _after_lesson(course: Course, lesson: str) -> str:
    """The next lesson or quiz on the course path; the course page after the last.

    The learner moves on instead of landing at the top of the lesson they
    finished; the confirmation is flashed into the page's status region.
    """
    modules = outline_of(course, course.default_language)
    entry = next(item for module in modules for item in module.lessons if item.slug == lesson)
    _previous, following = neighbours(modules, entry)
    if following is None:
        return _course_page(course)
    if following.kind == "quiz":
        return url_for("quizzes.quiz", course=course.slug, quiz=following.slug)
    return url_for("courses.lesson", course=course.slug, lesson=following.slug)


@bp.route("/<course>/language", methods=["POST"])
def set_language(course: str):
    row = course_or_404(course)
    if not current_user.is_authenticated:
        return _sign_in_first(_course_page(row))
    form = ContentLanguageForm(
        prefix="content", languages=language_choices(row, current_language())
    )
    target = safe_next(form.next.data, _course_page(row))
    enrolment = _active_enrolment(row)
    if enrolment is None:
        return _not_enrolled(row)
    language = form.language.data if form.validate_on_submit() else None
    if language is None or not services.set_content_language(enrolment, row, language):
        flash(_("This course is not offered in that language, so nothing was changed."), "error")
        return redirect(target)
    db.session.commit()
    name = language_name(language, current_language())
    flash(_("You now read this course in %(name)s.", name=name), "success")
    return redirect(target)

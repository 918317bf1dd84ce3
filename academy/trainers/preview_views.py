"""The preview of a version: its course, lesson and quiz pages as learners will see them.

The pages are rendered by the learners' own templates from the checked
package (academy.trainers.drafts), never from the published course, and
their links are rewritten to stay inside the preview; buttons that would
change something lead to a page that says nothing is saved. Only the people
who may publish the version reach it, so learners never see a draft.
"""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from academy.courses import outline
from academy.courses.content_languages import offered_language, pick
from academy.courses.importing import unsaved_course
from academy.courses.models import Course, Quiz
from academy.courses.queries import ContentText
from academy.courses.views import SVG_CONTENT_SECURITY_POLICY, Reading
from academy.extensions import db
from academy.i18n import current_language
from academy.quizzes import pages
from academy.quizzes.layout import make_layout
from academy.quizzes.models import Attempt
from academy.quizzes.page_helpers import quiz_title
from academy.security import role_required, safe_next
from academy.trainers import access, bp, drafts

# What a learner's button would change: in a preview it changes nothing.
_INERT = {
    "learning.enrol",
    "learning.unenrol",
    "learning.complete",
    "learning.set_language",
    "quizzes.start",
    "quizzes.submit",
}


_PAGES = {
    "courses.course": "trainers.preview_course",
    "courses.lesson": "trainers.preview_lesson",
    "quizzes.quiz": "trainers.preview_quiz",
}


def _links(version_id: int, language: str):
    """url_for and path_url for the learners' templates, kept inside the preview.

    The language is part of the preview's paths, so the relative links of the
    stored lesson HTML (another lesson, a quiz, an asset) keep it too.
    """

    def preview_url_for(endpoint: str, **values) -> str:
        if endpoint in _INERT:
            return url_for("trainers.preview_inert", version_id=version_id)
        if endpoint in _PAGES:
            values.pop("course", None)
            values["language"] = values.pop("content", None) or language
            return url_for(_PAGES[endpoint], version_id=version_id, **values)
        return url_for(endpoint, **values)

    def preview_path_url(course, item, **values) -> str:
        if item.kind == "quiz":
            return preview_url_for("quizzes.quiz", quiz=item.slug, **values)
        return preview_url_for("courses.lesson", lesson=item.slug, **values)

    return {"url_for": preview_url_for, "path_url": preview_path_url}


def _draft(version_id: int):
    version = access.handled_version_or_403(version_id)
    checked = drafts.checked_version(version)
    if not checked.ok:
        abort(404)
    course = unsaved_course(checked.built)
    published = db.session.scalar(select(Course).where(Course.slug == course.slug))
    if published is not None:  # what the workspace decides, not the package
        course.open_enrolment = published.open_enrolment
    return version, checked.built, course


def _reading(course, language: str) -> Reading:
    """Read as a visitor who chose language (no enrolment, no progress)."""
    if offered_language(course, language) != language:
        abort(404)
    return Reading(course, language, chosen=language)


def _render(template: str, version, reading: Reading, **context) -> str:
    links = _links(version.id, reading.language)
    return render_template(template, preview=version, reading=reading, **links, **context)


@bp.route("/versions/<int:version_id>/preview/")
@role_required("trainer")
def preview(version_id: int):
    """The course page in the reader's language where the course has it."""
    _version, _built, course = _draft(version_id)
    language = offered_language(course, current_language()) or course.default_language
    return redirect(url_for(".preview_course", version_id=version_id, language=language))


@bp.route("/versions/<int:version_id>/preview/<language>/")
@role_required("trainer")
def preview_course(version_id: int, language: str):
    version, _built, course = _draft(version_id)
    reading = _reading(course, language)
    return _render(
        "courses/course.html",
        version,
        reading,
        course=course,
        title=pick(course.title, reading.language, course.default_language),
        summary=pick(course.summary, reading.language, course.default_language),
        audience=pick(course.audience, reading.language, course.default_language),
        modules=outline.outline_of(course, reading.language),
        progress=None,
        resume=None,
        quiz_states={},
        content_form=None,
    )


@bp.route("/versions/<int:version_id>/preview/<language>/lessons/<lesson>")
@role_required("trainer")
def preview_lesson(version_id: int, language: str, lesson: str):
    version, built, course = _draft(version_id)
    reading = _reading(course, language)
    modules = outline.outline_of(course, reading.language)
    ordered = outline.lessons_in_order(modules)
    entry = next((entry for entry in ordered if entry.slug == lesson), None)
    texts = next((item.texts for item in built.package.lessons if item.id == lesson), None)
    if entry is None or texts is None:
        abort(404)
    shown = language if language in texts else course.default_language
    text = texts[shown]
    content = ContentText(shown, text.title, text.duration_minutes, built.html[(lesson, shown)])
    module = next(module for module in modules if module.id == entry.module_id)
    return _render(
        "courses/lesson.html",
        version,
        reading,
        course=course,
        course_title=pick(course.title, reading.language, course.default_language),
        module=module,
        entry=entry,
        content=content,
        missing=shown != language,
        path=outline.neighbours(modules, entry),
        total=len(ordered),
        content_form=None,
    )


@bp.route("/versions/<int:version_id>/preview/<language>/quizzes/<quiz>")
@role_required("trainer")
def preview_quiz(version_id: int, language: str, quiz: str):
    """The quiz's questions as an attempt shows them; answering saves nothing."""
    version, built, course = _draft(version_id)
    definition = built.quizzes.get(quiz)
    if definition is None:
        abort(404)
    reading = _reading(course, language)
    if language not in definition.languages:
        language = definition.default_language
    row = Quiz(slug=quiz, definition=definition.to_dict())
    attempt = Attempt(number=1, language=language, layout=make_layout(definition))
    questions = pages.shown_questions(definition, attempt.layout, language)
    return _render(
        "quizzes/attempt.html",
        version,
        reading,
        course=course,
        quiz=row,
        definition=definition,
        attempt=attempt,
        title=quiz_title(definition, language, row),
        course_title=pick(course.title, language, course.default_language),
        questions=questions,
        deadline=None,
        values=pages.form_values(questions, {}),
        repeated={},
    )


@bp.route("/versions/<int:version_id>/preview/<language>/assets/<digest>/<path:name>")
@role_required("trainer")
def preview_asset(version_id: int, language: str, digest: str, name: str):
    _version, built, _course = _draft(version_id)
    asset = built.package.assets.get(name)
    if asset is None or not asset.sha256.startswith(digest) or len(digest) != 16:
        abort(404)
    response = Response(asset.data, content_type=asset.media_type)
    response.headers["X-Content-Type-Options"] = "nosniff"
    if asset.media_type.split(";")[0].strip() == "image/svg+xml":
        response.headers["Content-Security-Policy"] = SVG_CONTENT_SECURITY_POLICY
    return response


@bp.route("/versions/<int:version_id>/nothing-saved", methods=["POST"])
@role_required("trainer")
def preview_inert(version_id: int):
    access.handled_version_or_403(version_id)
    flash(_("This is a preview: nothing was saved."), "info")
    fallback = url_for("trainers.preview", version_id=version_id)
    return redirect(safe_next(request.form.get("next"), fallback))

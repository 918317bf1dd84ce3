"""The public course pages: catalogue, course, lesson, and the package assets.

Anyone can read; an enrolled learner also sees their progress. Reading a page
never writes to the database, and no page queries per lesson.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from babel.lists import format_list
from babel.numbers import format_percent
from babel.units import format_unit
from flask import Response, abort, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from academy.courses import (
    bp,
    content_languages,
    freshness,
    outline,
    queries,
    readers,
    vocabulary,
)
from academy.courses.content_languages import Text, offered_language, pick
from academy.courses.forms import CatalogueFilterForm, ContentLanguageForm
from academy.courses.models import Course
from academy.forms import choices
from academy.i18n import current_language
from academy.pagecache import cached_only, cached_page

# Asset URLs change with their content, so browsers may keep them for a year.
ASSET_CACHE_CONTROL = "public, max-age=31536000, immutable"
# An SVG opened on its own must not run anything or load anything; it may
# show the raster images embedded in it (data:), which the checker allows.
SVG_CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"
)
LEVEL_ORDER = ("introductory", "intermediate", "advanced")


def _sort_key(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# -- the catalogue ---------------------------------------------------------------


@dataclass(frozen=True)
class CourseCard:
    course: Course
    title: Text
    summary: Text | None
    in_your_language: bool


def _card(course: Course, language: str) -> CourseCard:
    offered = offered_language(course, language)
    wanted = offered or course.default_language
    return CourseCard(
        course=course,
        title=pick(course.title, wanted, course.default_language) or Text(course.slug, "en"),
        summary=pick(course.summary, wanted, course.default_language),
        in_your_language=offered is not None,
    )


def _filter_choices(form: CatalogueFilterForm, courses: list[Course], language: str) -> None:
    codes = {code for course in courses for code in course.languages}
    names = sorted(
        ((code, content_languages.language_name(code, language)) for code in codes),
        key=lambda pair: _sort_key(pair[1]),
    )
    form.language.choices = choices([("", _("Any language")), *names])
    tags = {tag for course in courses for tag in course.tags or []}
    topics = sorted(
        ((tag, vocabulary.topic_label(tag)) for tag in tags), key=lambda p: _sort_key(p[1])
    )
    form.tag.choices = choices([("", _("Any topic")), *topics])
    levels = {course.level for course in courses if course.level}
    form.level.choices = choices(
        [("", _("Any level"))]
        + [(level, level_label(level)) for level in LEVEL_ORDER if level in levels]
    )


def _matches(course: Course, selected: dict[str, str]) -> bool:
    if "language" in selected and selected["language"] not in course.languages:
        return False
    if "tag" in selected and selected["tag"] not in (course.tags or []):
        return False
    return "level" not in selected or selected["level"] == course.level


@bp.route("/")
def catalogue():
    language = current_language()
    courses = queries.catalogue_courses()
    form = CatalogueFilterForm(request.args)
    _filter_choices(form, courses, language)
    selected, ignored = form.selected()
    cards = [_card(course, language) for course in courses if _matches(course, selected)]
    cards.sort(key=lambda card: (not card.in_your_language, _sort_key(card.title.text)))
    return render_template(
        "courses/catalogue.html",
        form=form,
        cards=cards,
        total=len(courses),
        filtered=bool(selected),
        ignored=ignored,
    )


# -- reading a course ------------------------------------------------------------


@dataclass
class Reading:
    """Who reads the course, in which language, with which lessons done."""

    course: Course
    language: str
    enrolment: Any = None  # learning's Enrolment; active enrolments only
    has_left: bool = False
    completed: set[int] = field(default_factory=set)
    chosen: str | None = None  # a visitor's ?content= choice, kept in links

    def link_args(self) -> dict[str, str]:
        return {"content": self.chosen} if self.chosen else {}


def _progress(course: Course) -> tuple[Any, set[int]]:
    """The signed-in reader's enrolment in course and the lessons they completed (one query)."""
    if not current_user.is_authenticated:
        return None, set()
    return readers.learners().enrolment_and_completions(current_user, course)


def _reading(course: Course, progress: tuple[Any, set[int]] | None = None) -> Reading:
    enrolment, completed = progress if progress is not None else _progress(course)
    if enrolment is not None and enrolment.is_active:
        language = offered_language(course, enrolment.content_language) or course.default_language
        return Reading(course, language, enrolment, completed=completed)
    chosen = offered_language(course, request.args.get("content"))
    language = chosen or offered_language(course, current_language()) or course.default_language
    return Reading(course, language, has_left=enrolment is not None, chosen=chosen)


def _content_form(reading: Reading) -> ContentLanguageForm | None:
    if reading.enrolment is None or len(reading.course.languages) < 2:
        return None
    form = ContentLanguageForm(
        prefix="content",
        formdata=None,
        languages=content_languages.language_choices(reading.course, current_language()),
    )
    form.language.data = reading.language
    form.next.data = current_path()
    return form


@bp.route("/<course>/")
def course(course: str):
    row = queries.course_or_404(course)
    reading = _reading(row)
    modules = outline.outline_of(row, reading.language)
    progress = resume = None
    quiz_states = {}
    if reading.enrolment:
        quiz_ids = [quiz.pk for module in modules for quiz in module.quizzes]
        quiz_states = readers.item_states(current_user.id, "quiz", quiz_ids)
        passed = {pk for pk, state in quiz_states.items() if state.status == readers.PASSED}
        progress = readers.learners().progress_of(row, reading.completed, passed)
        resume = outline.next_step(row, modules, reading.completed, passed)
    return render_template(
        "courses/course.html",
        course=row,
        reading=reading,
        title=pick(row.title, reading.language, row.default_language),
        summary=pick(row.summary, reading.language, row.default_language),
        audience=pick(row.audience, reading.language, row.default_language),
        modules=modules,
        progress=progress,
        resume=resume,
        quiz_states=quiz_states,
        content_form=_content_form(reading),
        notices=readers.announcements(reading.enrolment, current_language()),
        join_open=_may_join_a_cohort(reading),
        # Free for a reader with a name; a query only for one without.
        name_needed=reading.enrolment is not None and readers.certificate_waits(current_user, row),
    )


def _may_join_a_cohort(reading: Reading) -> bool:
    """Offer the key form to a signed-in reader not enrolled, when a cohort takes keys now.

    Not to enrolled learners: their page already spends its queries on their
    progress (a learner enrolled on their own joins a cohort through its
    trainer's file, or the key once they have left).
    """
    if not current_user.is_authenticated or reading.enrolment is not None:
        return False
    return readers.open_to_key(reading.course)


@bp.route("/<course>/lessons/<lesson>")
def lesson(course: str, lesson: str):
    # While this process's version of the course is recent (academy.courses.freshness),
    # a page already cached is served without the lesson query: for a visitor with
    # no query at all, for a learner with none either while this process's copies
    # of their user row and progress are recent (academy.recent_rows).
    version = freshness.known_version(course)
    if version is not None:
        if not current_user.is_authenticated:
            # A visitor's page depends on the version, the address and the language.
            page = cached_only(_visitor_key(version, lesson))
            if page is not None:
                return page
        elif (row := queries.known_course(course, version)) is not None:
            # The progress this process read a moment ago (academy.learning.recent_progress)
            # builds the key; a page not cached reads the learner's enrolment again.
            recent = readers.learners().recent_progress(current_user, row)
            found = _find_lesson(row, lesson, _reading(row, recent))
            page = cached_only(_reader_key(version, *found)) if found else None
            if page is not None:
                return page
    return _lesson_page(course, lesson)


def _visitor_key(version: freshness.Version, lesson: str) -> tuple:
    return ("visitor-lesson", *version, lesson, request.full_path, current_language())


def _reader_key(version: freshness.Version, reading: Reading, module, entry) -> tuple:
    # Everything the page shows depends on these, and on nothing about the reader else.
    shown_done = frozenset(reading.completed & {item.pk for item in module.lessons})
    return (
        "lesson", *version, entry.slug, request.full_path, current_language(),
        reading.language, reading.enrolment is not None, reading.has_left, reading.chosen,
        shown_done,
    )  # fmt: skip


def _find_lesson(row, lesson: str, reading: Reading):
    """The reading, the lesson's module and outline entry; None if the lesson is not there."""
    found = outline.find_lesson(row, reading.language, lesson)
    return (reading, *found) if found is not None else None


def _lesson_page(course: str, lesson: str) -> str:
    row, contents = queries.lesson_page_or_404(course, lesson)
    version = freshness.Version(row.id, row.content_hash, row.imported_at)
    freshness.remember(course, version)
    found = _find_lesson(row, lesson, _reading(row))
    if found is None:
        abort(404)
    reading, module, entry = found
    content = contents.get(reading.language) or contents.get(row.default_language)
    if content is None:
        abort(404)
    modules = outline.outline_of(row, reading.language)
    ordered = outline.lessons_in_order(modules)

    def render() -> str:
        return render_template(
            "courses/lesson.html",
            course=row,
            reading=reading,
            course_title=pick(row.title, reading.language, row.default_language),
            module=module,
            entry=entry,
            content=content,
            missing=content.language != reading.language,
            # The path runs through quizzes too: after a module's last lesson, its quiz.
            path=outline.neighbours(modules, entry),
            total=len(ordered),
            content_form=_content_form(reading),
        )

    if not current_user.is_authenticated:
        return cached_page(_visitor_key(version, lesson), render)
    return cached_page(_reader_key(version, *found), render)


@bp.route("/<course>/assets/<digest>/<path:name>")
def asset(course: str, digest: str, name: str):
    row = queries.asset_or_404(course, digest, name)
    if request.if_none_match.contains_weak(row.sha256):
        response = Response(status=304)
    else:
        response = Response(row.data, content_type=row.media_type)
    response.set_etag(row.sha256)
    response.headers["Cache-Control"] = ASSET_CACHE_CONTROL
    response.headers["X-Content-Type-Options"] = "nosniff"
    if row.media_type.split(";")[0].strip() == "image/svg+xml":
        # Set before the site-wide headers, which only fill in what is missing.
        response.headers["Content-Security-Policy"] = SVG_CONTENT_SECURITY_POLICY
    return response


# -- words and numbers for the templates -----------------------------------------


def level_label(level: str | None) -> str:
    # TRANSLATORS: how hard a course is.
    labels = {
        "introductory": _("Introductory"),
        "intermediate": _("Intermediate"),
        "advanced": _("Advanced"),
    }
    return labels.get(level or "", level or "")


def hours_label(hours: float | None) -> str:
    if not hours:
        return ""
    return format_unit(hours, "duration-hour", length="long", locale=get_locale())


def minutes_label(minutes: int | None) -> str:
    if not minutes:
        return ""
    return _minutes_in(minutes, str(get_locale()))


@lru_cache(maxsize=2048)
def _minutes_in(minutes: int, locale: str) -> str:
    # Formatting a unit costs more than the rest of an outline row; cache it.
    return format_unit(minutes, "duration-minute", length="long", locale=locale)


def percent_label(ratio: float) -> str:
    return format_percent(ratio, locale=get_locale())


def language_list(codes: list[str]) -> str:
    language = current_language()
    return format_list(
        [content_languages.language_name(code, language) for code in codes], locale=get_locale()
    )


def lang_attrs(code: str | None) -> Markup:
    """lang and dir for content in code, when it is not the page's language."""
    if not code or code == current_language():
        return Markup("")
    return Markup(' lang="{}" dir="{}"').format(code, content_languages.direction_of(code))


def path_url(course: Course, item, **values) -> str:
    """The address of a lesson or a quiz of course (an outline entry)."""
    if item.kind == "quiz":
        return url_for("quizzes.quiz", course=course.slug, quiz=item.slug, **values)
    return url_for("courses.lesson", course=course.slug, lesson=item.slug, **values)


def current_path() -> str:
    """This page's address, to come back to after a form."""
    return request.full_path if request.query_string else request.path


@bp.app_context_processor
def _course_helpers() -> dict:
    return {
        "hours_label": hours_label,
        "minutes_label": minutes_label,
        "language_list": language_list,
        "language_name": lambda code: content_languages.language_name(code, current_language()),
        "current_path": current_path,
        "path_url": path_url,
        "lang_attrs": lang_attrs,
        "content_direction": content_languages.direction_of,
        "percent_label": percent_label,
        "level_label": level_label,
        "topic_label": vocabulary.topic_label,
        "licence": vocabulary.licence,
    }

"""The lesson page: its content in the reader's language, the way through the course."""

from __future__ import annotations

import re
import shutil

import pytest
from sqlalchemy import func, select, update

from academy.courses.models import Lesson
from academy.extensions import db
from academy.learning.models import Enrolment, LessonCompletion
from tests.conftest import SAMPLE_PACKAGE, import_package
from tests.courses import packages
from tests.courses.packages import package
from tests.factories import make_user, reload, sign_in
from tests.i18n import translated

LESSON = "/courses/sample-course/lessons/"


def content_wrapper(html: str) -> tuple[str, str]:
    match = re.search(r'<div class="lesson-content" lang="([^"]+)" dir="([^"]+)">', html)
    assert match, "no lesson content wrapper"
    return match.group(1), match.group(2)


def enrol(client, locale="en"):
    user = make_user(locale=locale)
    sign_in(client, user.email)
    client.post("/learning/sample-course/enrol")
    return user


def test_a_lesson_shows_its_content(client, sample_course):
    response = client.get(LESSON + "working-together")
    assert response.status_code == 200
    html = response.text
    assert html.count("<h1") == 1
    assert '<h1 id="lesson-title">Working together</h1>' in html
    assert "Lesson 2 of 5" in html
    assert "15 minutes" in html
    assert content_wrapper(html) == ("en", "ltr")
    assert '<div class="callout callout-activity" role="note">' in html
    assert 'src="../assets/6696cf657becd45f/circle.svg"' in html


def test_the_breadcrumb_leads_back_to_the_course_and_module(client, sample_course):
    html = client.get(LESSON + "principles").text
    breadcrumb = html.split('aria-label="Breadcrumb"')[1].split("</nav>")[0]
    assert '<a href="/courses/">Courses</a>' in breadcrumb
    assert '<a href="/courses/sample-course/">Working together: a first look' in breadcrumb
    assert '<a href="/courses/sample-course/#module-next-steps">Next steps</a>' in breadcrumb


def test_a_lesson_in_french(client, sample_course):
    html = client.get(LESSON + "working-together?lang=fr").text
    assert '<h1 id="lesson-title">Travailler ensemble</h1>' in html
    assert content_wrapper(html) == ("fr", "ltr")
    assert "Certains besoins dépassent" in html
    assert 'role="status"' not in html.split('class="lesson-content"')[0].split("<article")[1]


def test_a_missing_translation_falls_back_to_the_default_with_a_notice(client, sample_course):
    html = client.get(LESSON + "local-examples?lang=fr").text
    assert '<h1 id="lesson-title" lang="en" dir="ltr">Cooperation around the world</h1>' in html
    assert content_wrapper(html) == ("en", "ltr")
    assert "Cooperatives exist in every region" in html
    notice = html.split('class="notice notice--language" role="status"')[1].split("</div>")[0]
    assert (
        translated(
            "This lesson is not yet available in %(missing)s. It is shown in %(shown)s.",
            "fr",
            missing="français",
            shown="anglais",
        )
        in notice
    )
    assert 'href="/courses/sample-course/lessons/local-examples?content=en"' in notice


def test_visitors_pick_the_content_language_in_the_address(client, sample_course):
    html = client.get(LESSON + "welcome?lang=fr&content=en").text
    assert content_wrapper(html) == ("en", "ltr")
    assert '<h1 id="lesson-title" lang="en" dir="ltr">Welcome</h1>' in html
    # The choice carries on to the next lesson.
    assert 'href="/courses/sample-course/lessons/working-together?content=en" rel="next"' in html

    html = client.get(LESSON + "welcome?content=fr").text
    assert content_wrapper(html) == ("fr", "ltr")


@pytest.mark.parametrize("value", ["xx", "de", "", "<b>", "fr" * 100])
def test_an_unknown_content_language_is_ignored(client, sample_course, value):
    response = client.get(LESSON + "welcome", query_string={"content": value})
    assert response.status_code == 200
    assert content_wrapper(response.text) == ("en", "ltr")
    assert "<b>" not in response.text
    fr = client.get(LESSON + "welcome", query_string={"content": value, "lang": "fr"})
    assert content_wrapper(fr.text) == ("fr", "ltr")


def test_an_enrolled_learner_reads_in_their_stored_language(client, sample_course):
    user = enrol(client, locale="fr")
    enrolment = db.session.scalar(select(Enrolment).where(Enrolment.user_id == user.id))
    assert enrolment.content_language == "fr"
    html = client.get(LESSON + "welcome?lang=en&content=en").text
    assert content_wrapper(html) == ("fr", "ltr")
    assert '<h1 id="lesson-title" lang="fr" dir="ltr">Bienvenue</h1>' in html


def test_an_enrolled_learner_changes_the_language_with_the_form(client, sample_course):
    user = enrol(client, locale="fr")
    html = client.get(LESSON + "welcome").text
    assert 'action="/learning/sample-course/language"' in html
    assert 'name="content-language"' in html
    response = client.post(
        "/learning/sample-course/language",
        data={"content-language": "en", "content-next": "/courses/sample-course/lessons/welcome"},
    )
    assert response.status_code == 302
    assert response.location == "/courses/sample-course/lessons/welcome"
    assert content_wrapper(client.get(LESSON + "welcome").text) == ("en", "ltr")
    enrolment = db.session.scalar(select(Enrolment).where(Enrolment.user_id == user.id))
    assert enrolment.content_language == "en"


def test_the_fallback_notice_offers_an_enrolled_learner_a_button(client, sample_course):
    enrol(client, locale="fr")
    html = client.get(LESSON + "local-examples").text
    notice = html.split('class="notice notice--language" role="status"')[1].split("</div>")[0]
    assert 'name="content-language" value="en"' in notice
    assert "?content=" not in notice


def test_previous_and_next_lessons_cross_modules(client, sample_course):
    html = client.get(LESSON + "local-examples").text
    pager = html.split('class="pager"')[1].split("</nav>")[0]
    assert 'href="/courses/sample-course/lessons/working-together" rel="prev"' in pager
    assert 'href="/courses/sample-course/lessons/principles" rel="next"' in pager
    assert "Working together</span>" in pager
    assert "The cooperative principles</span>" in pager

    first = client.get(LESSON + "welcome").text.split('class="pager"')[1].split("</nav>")[0]
    assert 'rel="prev"' not in first
    last = client.get(LESSON + "summary").text.split('class="pager"')[1].split("</nav>")[0]
    assert 'href="/courses/sample-course/quizzes/check" rel="next"' in last
    assert 'href="/courses/sample-course/lessons/principles" rel="prev"' in last


def test_the_module_outline_marks_the_current_lesson(client, sample_course):
    html = client.get(LESSON + "working-together").text
    outline = html.split('class="module-outline"')[1].split("</nav>")[0]
    assert re.findall(r'lessons/([a-z-]+)"', outline) == [
        "welcome",
        "working-together",
        "local-examples",
    ]
    assert (
        '<a href="/courses/sample-course/lessons/working-together" aria-current="page">' in outline
    )
    assert outline.count("aria-current") == 1


def test_visitors_are_invited_to_sign_in(client, sample_course):
    html = client.get(LESSON + "welcome").text
    assert "Mark as complete" not in html
    assert 'href="/auth/sign-in?next=/courses/sample-course/lessons/welcome"' in html


def test_signed_in_learners_who_are_not_enrolled_can_enrol_here(client, sample_course):
    user = make_user()
    sign_in(client, user.email)
    html = client.get(LESSON + "welcome").text
    assert "Mark as complete" not in html
    assert 'action="/learning/sample-course/enrol"' in html
    assert 'name="next" value="/courses/sample-course/lessons/welcome"' in html


def test_marking_complete_twice_keeps_one_row(client, sample_course):
    user = enrol(client)
    html = client.get(LESSON + "welcome").text
    assert 'action="/learning/sample-course/lessons/welcome/complete"' in html
    for _ in range(2):
        response = client.post(
            "/learning/sample-course/lessons/welcome/complete",
            data={"next": "/courses/sample-course/lessons/welcome"},
        )
        assert response.location == "/courses/sample-course/lessons/working-together"
    count = db.session.scalar(
        select(func.count())
        .select_from(LessonCompletion)
        .where(LessonCompletion.user_id == user.id)
    )
    assert count == 1
    html = client.get(LESSON + "welcome").text
    assert "Mark as complete" not in html
    assert "Completed: you have marked this lesson as complete." in html
    outline = html.split('class="module-outline"')[1]
    assert outline.count('class="is-done"') == 1


@pytest.mark.parametrize("lesson", ["no-such-lesson", "WELCOME", "welcome.en.md", "assets"])
def test_an_unknown_lesson_is_not_found_in_the_users_language(client, sample_course, lesson):
    response = client.get(LESSON + lesson + "?lang=fr")
    assert response.status_code == 404
    assert '<html lang="fr"' in response.text
    assert translated("Page not found", "fr") in response.text


def test_a_retired_lesson_is_not_found(client, sample_course, tmp_path):
    package = tmp_path / "sample-course"
    shutil.copytree(SAMPLE_PACKAGE, package)
    for path in package.glob("02-next-steps/02-summary.*.md"):
        path.unlink()
    import_package(package)
    lesson = db.session.scalar(select(Lesson).where(Lesson.slug == "summary"))
    assert reload(lesson).position is None
    assert client.get(LESSON + "summary").status_code == 404
    pager = client.get(LESSON + "principles").text.split('class="pager"')[1].split("</nav>")[0]
    assert 'href="/courses/sample-course/quizzes/check" rel="next"' in pager


def test_a_lesson_without_a_position_is_not_found_even_if_listed(client, sample_course):
    # Guards against an outline out of step with the lesson rows.
    db.session.execute(update(Lesson).where(Lesson.slug == "summary").values(position=None))
    db.session.commit()
    assert client.get(LESSON + "summary").status_code == 404


# -- Footnotes and tables, named for screen readers --------------------------------

NOTED_BODY = "Text.[^1]\n\n| Country | Members |\n|---|---|\n| Senegal | 12 |\n\n[^1]: Source.\n"


def test_footnotes_and_tables_are_named_in_the_lesson_language(client, app, tmp_path):
    root = package(
        tmp_path,
        {
            "course.yaml": packages.COURSE_YAML.replace("[en, fr]", "[en, fr, es]"),
            "01-start/01-hello.en.md": packages.lesson("Hello", NOTED_BODY),
            "01-start/01-hello.es.md": packages.lesson("Hola", NOTED_BODY),
        },
    )
    import_package(root)
    for language in ("en", "es"):
        # The interface is English: the names follow the lesson, rendered at import.
        html = client.get(f"/courses/tiny/lessons/hello?content={language}").text
        assert content_wrapper(html) == (language, "ltr")
        notes = translated("Notes", language)
        back = translated("Back to reference %(number)s", language, number="1")
        table = translated("Table %(number)s", language, number="1")
        assert f'<section class="footnotes">\n<h2>{notes}</h2>' in html
        assert f'class="footnote-backref" aria-label="{back}">' in html
        assert f'<div class="table-wrap" role="region" tabindex="0" aria-label="{table}">' in html

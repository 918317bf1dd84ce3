"""The bundled courses read in a phone's browser, in each of their languages.

A visitor whose browser asks for the language finds the course in the
catalogue with the keyboard, opens it, reads a lesson with a diagram and moves
on to the next lesson. Arabic pages run right to left. Every page is checked
with axe-core and for sideways scrolling.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from academy.auth.models import User
from academy.courses.models import Course
from academy.extensions import db
from tests.browser.test_journey import check_page, html_lang_dir, submit_with_enter, tab_to
from tests.conftest import import_package
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.browser

COURSES = Path(__file__).resolve().parents[2] / "courses"
# (course, lesson with a diagram, the lesson after it, languages)
READINGS = [
    ("sse-introduction", "four-principles", "aspirations", ["en", "fr", "es", "ar"]),
    (
        "understanding-cooperatives",
        "seven-principles",
        "kinds-of-cooperatives",
        ["en", "fr", "es"],
    ),
]
CASES = [
    (course, lesson, following, language)
    for course, lesson, following, languages in READINGS
    for language in languages
]


@pytest.fixture
def courses_server(live_server):
    with live_server.app.app_context():
        for course, *_rest in READINGS:
            import_package(COURSES / course)  # unchanged packages are not imported twice
    return live_server


@pytest.mark.parametrize(("course", "lesson", "following", "language"), CASES)
def test_a_visitor_reads_a_bundled_lesson_in_their_language(
    make_context, courses_server, course, lesson, following, language
) -> None:
    page = make_context(locale=language, bypass_csp=True).new_page()
    base = courses_server.url
    direction = "rtl" if language == "ar" else "ltr"

    page.goto(f"{base}/courses/?language={language}")
    assert html_lang_dir(page) == (language, direction)
    check_page(page)
    tab_to(page, f'main h3 a[href="/courses/{course}/"]', max_presses=80)
    submit_with_enter(page)
    page.wait_for_url(f"{base}/courses/{course}/")
    check_page(page)

    page.goto(f"{base}/courses/{course}/lessons/{lesson}")
    content = page.locator(".lesson-content")
    expect(content).to_have_attribute("lang", language)
    assert html_lang_dir(page) == (language, direction)
    expect(page.locator(".notice--language")).to_have_count(0)
    diagram = content.locator("img").first
    expect(diagram).to_have_attribute("alt", re.compile(r"\S"))
    assert page.evaluate("(img) => img.complete && img.naturalWidth > 0", diagram.element_handle())
    check_page(page)

    tab_to(page, f'a[rel="next"][href$="/lessons/{following}"]', max_presses=200)
    submit_with_enter(page)
    page.wait_for_url(f"{base}/courses/{course}/lessons/{following}")
    expect(page.locator(".lesson-content")).to_have_attribute("lang", language)
    check_page(page)


# The learner who takes the quizzes, and the language each course is taken in: a
# cooperative member in Senegal, and an official in Lebanon.
QUIZ_TAKERS = [
    ("understanding-cooperatives", "fr", "awa.diop@example.org"),
    ("sse-introduction", "ar", "rania.haddad@example.org"),
]


@pytest.mark.parametrize(("course", "language", "email"), QUIZ_TAKERS)
def test_every_quiz_of_a_bundled_course_fits_a_phone(
    make_context, courses_server, course, language, email
) -> None:
    """Each quiz's form and result page, with the real texts, on a 360 px screen."""
    with courses_server.app.app_context():
        if db.session.scalar(select(User).where(User.email == email)) is None:
            make_user(email, locale=language)
        quizzes = [
            item["id"]
            for module in db.session.scalar(select(Course).where(Course.slug == course)).outline
            for item in module["items"]
            if item["type"] == "quiz"
        ]
    page = make_context(locale=language, bypass_csp=True).new_page()
    base = courses_server.url
    page.goto(f"{base}/auth/sign-in?next=/courses/{course}/")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base}/courses/{course}/")
    enrol = page.locator(f'form[action$="/learning/{course}/enrol"] button')
    if enrol.count():
        enrol.click()
        page.wait_for_url(f"{base}/courses/{course}/")

    for quiz in quizzes:
        url = f"{base}/courses/{course}/quizzes/{quiz}"
        page.goto(url)
        page.locator(f'form[action$="/quizzes/{quiz}/attempts"] button').click()
        page.wait_for_url(re.compile(rf"{re.escape(url)}/attempts/\d+$"))
        expect(page.locator("form.quiz-form fieldset").first).to_be_visible()
        assert html_lang_dir(page)[0] == language
        check_page(page)
        # Nothing answered: finishing asks first, then submits anyway.
        page.locator('form.quiz-form button[value="finish"]').click()
        page.locator('button[value="confirm"]').click()
        expect(page.locator("#your-result")).to_be_visible()
        check_page(page)

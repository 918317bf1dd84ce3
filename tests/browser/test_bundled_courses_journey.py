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

from tests.browser.test_journey import check_page, html_lang_dir, submit_with_enter, tab_to
from tests.conftest import import_package

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

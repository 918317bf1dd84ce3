"""The public course page: what the course is, its lessons, and a learner's progress."""

from __future__ import annotations

import re

import pytest

from tests.factories import make_user, sign_in
from tests.i18n import translated

COURSE = "/courses/sample-course/"
LESSONS = ["welcome", "working-together", "local-examples", "principles", "summary"]


def enrolled(client, locale="en"):
    user = make_user(locale=locale)
    sign_in(client, user.email)
    assert client.post("/learning/sample-course/enrol").status_code == 302
    return user


def complete(client, *lessons: str) -> None:
    for lesson in lessons:
        response = client.post(f"/learning/sample-course/lessons/{lesson}/complete")
        assert response.status_code == 302


def test_visitors_read_what_the_course_is(client, sample_course):
    response = client.get(COURSE)
    assert response.status_code == 200
    html = response.text
    assert html.count("<h1") == 1
    assert "<h1>Working together: a first look at cooperatives</h1>" in html
    assert "A short course on why people form cooperatives" in html
    assert "Members of cooperatives and associations" in html  # audience
    for fact in ("1.5 hours", "Introductory", "English and French"):
        assert f"<dd>{fact}</dd>" in html
    licence = "Creative Commons Attribution-ShareAlike 4.0"
    assert (
        f'<a href="https://creativecommons.org/licenses/by-sa/4.0/" rel="license">{licence}</a>'
        in (html)
    )


def test_modules_list_their_lessons_in_order_with_durations(client, sample_course):
    html = client.get(COURSE).text
    assert "Getting started" in html
    assert "Next steps" in html
    links = re.findall(r'href="/courses/sample-course/lessons/([a-z-]+)"', html)
    assert links == LESSONS
    assert "About 30 minutes" in html  # module 1: 5 + 15 + 10
    assert "15 minutes" in html


def test_visitors_are_invited_to_sign_in_and_come_back(client, sample_course):
    html = client.get(COURSE).text
    assert (
        '<a href="/auth/sign-in?next=/courses/sample-course/">'
        "Sign in or register to enrol and track your progress.</a>"
    ) in html
    assert "/learning/sample-course/enrol" not in html
    assert "<progress" not in html


def test_signed_in_learners_see_an_enrol_button(client, sample_course):
    user = make_user()
    sign_in(client, user.email)
    html = client.get(COURSE).text
    assert 'action="/learning/sample-course/enrol"' in html
    assert "Enrol in this course</button>" in html
    assert "<progress" not in html


def test_the_page_follows_the_interface_language(client, sample_course):
    html = client.get(COURSE + "?lang=fr").text
    assert "<h1>Travailler ensemble : premiers pas dans les coopératives</h1>" in html
    assert ">Bienvenue</a>" in html
    # The lesson with no French title says it is in English.
    assert 'lang="en" dir="ltr">Cooperation around the world</a>' in html


def test_visitors_choose_another_content_language_with_links(client, sample_course):
    html = client.get(COURSE + "?content=fr").text
    assert '<h1 lang="fr" dir="ltr">Travailler ensemble' in html
    assert 'href="/courses/sample-course/lessons/welcome?content=fr"' in html
    assert 'href="/courses/sample-course/?content=en" hreflang="en">English</a>' in html


def test_enrolled_learners_see_their_progress(client, sample_course):
    enrolled(client)
    complete(client, "welcome", "working-together", "local-examples")
    html = client.get(COURSE).text
    assert "3 of 5 lessons completed" in html
    assert '<progress class="progress" max="5" value="3" aria-labelledby="progress-text">' in html
    assert html.count('<span aria-hidden="true">✓</span> Completed</span>') == 3
    assert html.count('class="is-done"') == 3
    resume = re.search(r'<a class="resume-link" href="([^"]+)">', html)
    assert resume.group(1) == "/courses/sample-course/lessons/principles"
    assert "The cooperative principles" in html.split('class="resume-link"')[1][:300]
    assert 'action="/learning/sample-course/unenrol"' in html
    assert 'action="/learning/sample-course/enrol"' not in html


def test_the_progress_counts_in_french(client, sample_course):
    enrolled(client, locale="fr")
    complete(client, "welcome")
    html = client.get(COURSE).text
    assert translated("Continue where you left off", "fr") in html
    assert "(20\u00a0%)" in html


def test_completing_every_lesson_says_so(client, sample_course):
    enrolled(client)
    complete(client, *LESSONS)
    html = client.get(COURSE).text
    assert "5 of 5 lessons completed" in html
    assert "You have completed every lesson of this course." in html
    assert 'class="resume-link"' not in html


def test_enrolled_learners_switch_the_language_with_a_form(client, sample_course):
    enrolled(client)
    html = client.get(COURSE).text
    assert 'action="/learning/sample-course/language"' in html
    assert '<label for="content-language">Read this course in</label>' in html
    assert '<option selected value="en">English</option>' in html


@pytest.mark.parametrize("url", ["/courses/no-such-course/", "/courses/no-such-course/lessons/x"])
def test_an_unknown_course_is_not_found_in_the_users_language(client, sample_course, url):
    response = client.get(url + "?lang=fr")
    assert response.status_code == 404
    assert '<html lang="fr"' in response.text
    assert translated("Page not found", "fr") in response.text

"""My learning: each course with its progress and where to continue, derived on reading."""

from __future__ import annotations

import re

from tests.factories import make_user, sign_in
from tests.i18n import translated
from tests.learning.course_packages import counted_statements, import_course, writes

LESSONS = ["welcome", "working-together", "local-examples", "principles", "summary"]


def learner_with_progress(client, done: list[str], locale: str = "en"):
    user = make_user(locale=locale)
    sign_in(client, user.email)
    client.post("/learning/sample-course/enrol")
    for lesson in done:
        client.post(f"/learning/sample-course/lessons/{lesson}/complete")
    return user


def resume_links(html: str) -> list[str]:
    return re.findall(r'<a class="resume-link" href="([^"]+)">', html)


def test_my_learning_shows_progress_and_where_to_continue(client, sample_course):
    learner_with_progress(client, ["welcome", "working-together", "local-examples"])
    response = client.get("/learning/")
    assert response.status_code == 200
    html = response.text
    assert html.count("<h1") == 1
    assert "<h1>My learning</h1>" in html
    assert '<a href="/courses/sample-course/">Working together: a first look' in html
    assert "3 of 5 lessons completed" in html
    assert "(60%)" in html
    assert 'max="5" value="3"' in html
    assert resume_links(html) == ["/courses/sample-course/lessons/principles"]
    assert "The cooperative principles" in html
    assert '<a href="/learning/" aria-current="page">My learning</a>' in html


def test_the_resume_link_is_the_first_lesson_not_completed(client, sample_course):
    # Done out of order: the gap is what to continue with.
    learner_with_progress(client, ["welcome", "local-examples", "principles"])
    assert resume_links(client.get("/learning/").text) == [
        "/courses/sample-course/lessons/working-together"
    ]


def test_titles_follow_the_learners_content_language(client, sample_course):
    learner_with_progress(client, ["welcome"], locale="fr")
    html = client.get("/learning/").text
    assert "Travailler ensemble : premiers pas dans les coopératives" in html
    assert translated("My learning", "fr") in html
    assert "(20\u00a0%)" in html


def test_a_completed_course_is_marked(client, sample_course):
    learner_with_progress(client, LESSONS)
    html = client.get("/learning/").text
    assert "5 of 5 lessons completed" in html
    assert "Course completed: you have completed every lesson." in html
    assert resume_links(html) == []


def test_courses_left_are_listed_apart_with_a_way_back(client, sample_course, tmp_path):
    import_course(tmp_path, "other-course", {"en": "Another course"}, lessons=2)
    learner_with_progress(client, ["welcome"])
    client.post("/learning/other-course/enrol")
    client.post("/learning/sample-course/unenrol")
    html = client.get("/learning/").text
    current, past = html.split('id="past-courses"')
    assert "Another course" in current
    assert "Working together" not in current
    assert "Working together: a first look at cooperatives" in past
    assert "1 of 5 lessons completed" in past
    assert 'action="/learning/sample-course/enrol"' in past
    assert 'name="next" value="/learning/"' in past

    response = client.post("/learning/sample-course/enrol", data={"next": "/learning/"})
    assert response.location == "/learning/"
    assert 'id="past-courses"' not in client.get("/learning/").text


def test_no_enrolment_yet_points_to_the_catalogue(client):
    user = make_user()
    sign_in(client, user.email)
    html = client.get("/learning/").text
    assert "You are not enrolled in any course yet." in html
    assert '<a href="/courses/">Browse the courses</a>' in html


def test_reading_my_learning_and_lessons_writes_nothing(client, sample_course):
    learner_with_progress(client, ["welcome"])
    for url in (
        "/learning/",
        "/courses/",
        "/courses/sample-course/",
        "/courses/sample-course/lessons/working-together",
    ):
        with counted_statements() as statements:
            assert client.get(url).status_code == 200
        assert writes(statements) == [], url


def test_the_header_links_to_my_learning_only_when_signed_in(client, sample_course):
    assert 'href="/learning/"' not in client.get("/").text
    learner_with_progress(client, [])
    assert '<a href="/learning/">My learning</a>' in client.get("/").text

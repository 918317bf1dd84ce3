"""Course and lesson pages run a fixed number of queries, however long the course."""

from __future__ import annotations

import pytest

from academy.extensions import db
from tests.factories import make_user, sign_in
from tests.learning.course_packages import counted_statements, import_course, writes

MAX_LESSON_STATEMENTS = 5


def enrolled_learner(client, course_slug: str, lessons_done: list[str]) -> None:
    user = make_user(locale="fr")
    sign_in(client, user.email)
    assert client.post(f"/learning/{course_slug}/enrol").status_code == 302
    for lesson in lessons_done:
        client.post(f"/learning/{course_slug}/lessons/{lesson}/complete")


def statements_for(client, url: str) -> list[str]:
    db.session.rollback()
    with counted_statements() as statements:
        response = client.get(url)
    assert response.status_code == 200, url
    return statements


@pytest.fixture
def big_course(app, tmp_path):
    """200 lessons in 10 modules, in English and French, and a quiz like the sample course's."""
    return import_course(
        tmp_path,
        "big-course",
        {"en": "Big course", "fr": "Grand cours"},
        modules=10,
        lessons=20,
        quiz=True,
    )


@pytest.mark.database
def test_a_lesson_page_costs_the_same_for_5_or_200_lessons(client, sample_course, big_course):
    enrolled_learner(client, "sample-course", ["welcome", "working-together"])
    client.post("/learning/big-course/enrol")
    for number in (1, 2, 150):
        client.post(f"/learning/big-course/lessons/lesson-{number}/complete")

    small = statements_for(client, "/courses/sample-course/lessons/principles")
    big = statements_for(client, "/courses/big-course/lessons/lesson-100")
    assert len(small) == len(big), "\n\n".join(big)
    assert len(big) <= MAX_LESSON_STATEMENTS, "\n\n".join(big)
    assert not writes(big)


def test_a_visitor_reads_a_lesson_in_three_statements_or_fewer(client, sample_course, big_course):
    small = statements_for(client, "/courses/sample-course/lessons/principles?content=fr")
    big = statements_for(client, "/courses/big-course/lessons/lesson-200")
    assert len(small) == len(big) <= 2, "\n\n".join(big)


def test_a_course_page_costs_the_same_for_5_or_200_lessons(client, sample_course, big_course):
    enrolled_learner(client, "sample-course", ["welcome"])
    client.post("/learning/big-course/enrol")
    small = statements_for(client, "/courses/sample-course/")
    big = statements_for(client, "/courses/big-course/")
    assert len(small) == len(big) <= 4, "\n\n".join(big)
    assert not writes(big)


def test_my_learning_costs_the_same_for_5_or_200_lessons(client, sample_course, big_course):
    enrolled_learner(client, "sample-course", ["welcome"])
    one_course = statements_for(client, "/learning/")
    client.post("/learning/big-course/enrol")
    client.post("/learning/big-course/lessons/lesson-7/complete")
    two_courses = statements_for(client, "/learning/")
    # user, enrolments, completed lessons, passed quizzes (every course at once)
    assert len(one_course) == len(two_courses) <= 4, "\n\n".join(two_courses)
    assert not writes(two_courses)


def test_the_catalogue_costs_one_statement(client, sample_course, big_course):
    assert len(statements_for(client, "/courses/")) == 1

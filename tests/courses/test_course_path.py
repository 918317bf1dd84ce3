"""The course path runs through quizzes: pager, "Mark as complete", outline, resume, progress."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from academy.courses.models import Course, Quiz
from academy.extensions import db
from academy.quizzes.models import Attempt
from tests.factories import make_user, sign_in
from tests.learning.course_packages import counted_statements, import_course, writes

LESSON = "/courses/path-course/lessons/"
QUIZ = "/courses/path-course/quizzes/"


@pytest.fixture
def path_course(app, tmp_path):
    """Two modules of two lessons, each ending with a quiz allowing two attempts."""
    return import_course(
        tmp_path, "path-course", {"en": "Path", "fr": "Parcours"}, modules=2, lessons=2,
        module_quizzes=2,
    )  # fmt: skip


def enrolled(client):
    user = make_user()
    sign_in(client, user.email)
    assert client.post("/learning/path-course/enrol").status_code == 302
    return user


def complete(client, *lessons: str) -> list[str]:
    return [
        client.post(f"/learning/path-course/lessons/{lesson}/complete").location
        for lesson in lessons
    ]


def attempt(
    user, quiz: str, number: int, state="submitted", passed=None, course="path-course"
) -> None:
    quiz_id = db.session.scalar(
        select(Quiz.id).join(Course).where(Course.slug == course, Quiz.slug == quiz)
    )
    db.session.add(
        Attempt(
            user_id=user.id, quiz_id=quiz_id, number=number, language="en", state=state,
            passed=passed, score_percent=None if passed is None else (100 if passed else 0),
        )
    )  # fmt: skip
    db.session.commit()


def pager(html: str) -> str:
    return html.split('class="pager"')[1].split("</nav>")[0]


def quiz_row(html: str, quiz: str) -> str:
    return html.split(f'href="{QUIZ}{quiz}"')[1].split("</li>")[0]


def resume_link(html: str) -> list[str]:
    return re.findall(r'<a class="resume-link" href="([^"]+)">', html)


# -- Previous and Next ----------------------------------------------------------------


def test_next_after_a_modules_last_lesson_is_its_quiz(client, path_course):
    links = pager(client.get(LESSON + "lesson-2").text)
    assert f'<a href="{QUIZ}check-1" rel="next">' in links
    assert "Next: quiz" in links
    assert "Check (en)</span>" in links
    assert f'<a href="{LESSON}lesson-1" rel="prev">' in links


def test_previous_from_the_next_modules_first_lesson_is_the_quiz(client, path_course):
    links = pager(client.get(LESSON + "lesson-3").text)
    assert f'<a href="{QUIZ}check-1" rel="prev">' in links
    assert "Previous: quiz" in links
    assert f'<a href="{LESSON}lesson-4" rel="next">' in links


def test_the_last_lesson_leads_to_the_last_quiz(client, path_course):
    links = pager(client.get(LESSON + "lesson-4").text)
    assert f'<a href="{QUIZ}check-2" rel="next">' in links


def test_a_visitors_content_choice_is_kept_on_the_way_to_the_quiz(client, path_course):
    links = pager(client.get(LESSON + "lesson-2?content=fr").text)
    assert f'<a href="{QUIZ}check-1?content=fr" rel="next">' in links
    assert "Check (fr)</span>" in links


def test_after_a_quiz_comes_the_next_modules_first_lesson(client, path_course):
    links = pager(client.get(QUIZ + "check-1").text)
    assert f'<a href="{LESSON}lesson-2" rel="prev">' in links
    assert f'<a href="{LESSON}lesson-3" rel="next">' in links
    assert "Next lesson" in links
    assert "Lesson 3 (en)</span>" in links


def test_the_last_quiz_leads_nowhere_further(client, path_course):
    links = pager(client.get(QUIZ + "check-2").text)
    assert f'<a href="{LESSON}lesson-4" rel="prev">' in links
    assert 'rel="next"' not in links


# -- Mark as complete moves on --------------------------------------------------------


def test_mark_as_complete_goes_to_the_next_lesson_or_quiz(client, path_course):
    enrolled(client)
    assert complete(client, "lesson-1", "lesson-2", "lesson-3", "lesson-4") == [
        LESSON + "lesson-2",
        QUIZ + "check-1",
        LESSON + "lesson-4",
        QUIZ + "check-2",
    ]


def test_the_confirmation_is_announced_on_the_next_page(client, path_course):
    enrolled(client)
    response = client.post("/learning/path-course/lessons/lesson-1/complete", follow_redirects=True)
    assert response.status_code == 200
    assert response.request.path == LESSON + "lesson-2"
    status = response.text.split('<div class="flashes" role="status"')[1].split("</div>")[0]
    assert "Lesson marked as complete." in status


def test_the_last_lesson_of_a_course_without_quizzes_leads_to_the_course_page(
    client, app, tmp_path
):
    import_course(tmp_path, "plain", {"en": "Plain"}, lessons=2)
    user = make_user()
    sign_in(client, user.email)
    client.post("/learning/plain/enrol")
    response = client.post("/learning/plain/lessons/lesson-2/complete")
    assert response.status_code == 302
    assert response.location == "/courses/plain/"


def test_a_next_field_no_longer_sends_the_learner_back_to_the_top(client, path_course):
    enrolled(client)
    response = client.post(
        "/learning/path-course/lessons/lesson-1/complete", data={"next": LESSON + "lesson-1"}
    )
    assert response.location == LESSON + "lesson-2"


# -- the outline's quiz states ----------------------------------------------------------


@pytest.mark.parametrize(
    ("attempts", "words"),
    [
        ([], "Not started"),
        ([("open", None)], "In progress"),
        ([("submitted", False)], "Not passed yet: 1 attempt left"),
        ([("submitted", False), ("submitted", False)], "Not passed: no attempts left"),
        ([("submitted", False), ("submitted", True)], "Passed"),
        ([("submitted", False), ("open", None)], "In progress"),
    ],
)
def test_the_outline_says_where_the_learner_stands_on_each_quiz(
    client, path_course, attempts, words
):
    user = enrolled(client)
    for number, (state, passed) in enumerate(attempts, start=1):
        attempt(user, "check-1", number, state, passed)
    html = client.get("/courses/path-course/").text
    row = quiz_row(html, "check-1")
    meta = re.sub(r"<[^>]+>|\s+", " ", row.split('class="lesson-meta">')[1]).split()
    assert " ".join(meta).replace("✓ ", "") == words
    assert "Not started" in quiz_row(html, "check-2")


def test_visitors_see_no_quiz_state(client, path_course):
    html = client.get("/courses/path-course/").text
    assert "Not started" not in html
    assert 'class="lesson-meta"' not in quiz_row(html, "check-1")


# -- where to continue, and progress that counts quizzes -------------------------------


def test_continue_points_at_a_quiz_not_yet_passed(client, path_course):
    user = enrolled(client)
    complete(client, "lesson-1", "lesson-2", "lesson-3")
    attempt(user, "check-1", 1, passed=False)
    assert resume_link(client.get("/courses/path-course/").text) == [QUIZ + "check-1"]
    assert resume_link(client.get("/learning/").text) == [QUIZ + "check-1"]
    attempt(user, "check-1", 2, passed=True)
    assert resume_link(client.get("/courses/path-course/").text) == [LESSON + "lesson-4"]


def test_progress_counts_lessons_and_quizzes(client, path_course):
    user = enrolled(client)
    complete(client, "lesson-1", "lesson-2")
    attempt(user, "check-1", 1, passed=True)
    for page in ("/courses/path-course/", "/learning/"):
        html = client.get(page).text
        assert "2 of 4 lessons completed" in html
        assert "1 of 2 quizzes passed" in html
        assert 'max="6" value="3"' in html
        assert "(50%)" in html


def test_a_course_whose_rule_is_met_says_so(client, path_course):
    user = enrolled(client)
    complete(client, "lesson-1", "lesson-2", "lesson-3", "lesson-4")
    attempt(user, "check-1", 1, passed=True)
    attempt(user, "check-2", 1, passed=True)
    html = client.get("/courses/path-course/").text
    assert resume_link(html) == []
    assert "You have completed every lesson of this course. Well done!" in html
    assert 'max="6" value="6"' in html


def statements_for(client, url: str) -> list[str]:
    db.session.rollback()
    with counted_statements() as statements:
        assert client.get(url).status_code == 200
    return statements


@pytest.mark.database
def test_pages_cost_the_same_for_2_or_20_quizzes_and_their_attempts(client, path_course, tmp_path):
    user = enrolled(client)
    attempt(user, "check-1", 1, passed=False)
    small_course = statements_for(client, "/courses/path-course/")
    one_course = statements_for(client, "/learning/")

    import_course(tmp_path / "big", "many", {"en": "Many"}, modules=20, lessons=3, module_quizzes=5)
    client.post("/learning/many/enrol")
    for m in range(1, 21):
        for number in range(1, 5):
            attempt(user, f"check-{m}", number, passed=number == 4, course="many")
    big_course = statements_for(client, "/courses/many/")
    two_courses = statements_for(client, "/learning/")
    assert len(small_course) == len(big_course) <= 4, "\n\n".join(big_course)
    assert len(one_course) == len(two_courses) <= 4, "\n\n".join(two_courses)
    assert not writes(big_course + two_courses)
    assert "20 of 20 quizzes passed" in client.get("/courses/many/").text

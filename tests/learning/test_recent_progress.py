"""A learner's progress kept by each process a moment (academy.learning.recent_progress).

Their own action shows on their next page whichever server answers (their
session carries a new stamp); a change made for them elsewhere shows within
PAGE_CACHE_CHECK_SECONDS. A second app on the same database stands for
another server, a clock the test moves for the time.
"""

from __future__ import annotations

import pytest
from sqlalchemy import event, select

from academy import pagecache
from academy.auth.models import User
from academy.courses.models import Course
from academy.extensions import db
from academy.learning.services import complete_lesson, lesson_ids
from tests.factories import make_user, sign_in

LESSON = "/courses/sample-course/lessons/welcome"
DONE = "Completed: you have marked this lesson as complete."


@pytest.fixture(autouse=True)
def _empty_cache():
    pagecache.clear()
    yield
    pagecache.clear()


@pytest.fixture
def learner(client, sample_course, clock):
    user = make_user()
    sign_in(client, user.email)
    assert client.post("/learning/sample-course/enrol").status_code == 302
    client.get(LESSON)  # the enrolment's flashed message
    assert DONE not in client.get(LESSON).text
    return user


def _carry_cookies(source, target) -> None:
    for name in ("session", "remember_token"):
        cookie = source.get_cookie(name)
        if cookie is not None:
            target.set_cookie(name, cookie.value)


def test_a_learners_cached_lesson_page_asks_the_database_nothing(app, client, learner, clock):
    statements = []

    def record(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        assert client.get(LESSON).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert statements == []


def test_a_lesson_marked_complete_shows_at_once(app, client, learner, clock):
    assert client.post("/learning/sample-course/lessons/welcome/complete").status_code == 302
    assert DONE in client.get(LESSON).text  # with the flashed message
    assert DONE in client.get(LESSON).text  # and from the cache


def test_a_lesson_marked_complete_on_another_server_shows_here_at_once(
    make_app, app, client, learner, clock
):
    other = make_app().test_client()  # another server, the same browser
    _carry_cookies(client, other)
    assert other.post("/learning/sample-course/lessons/welcome/complete").status_code == 302
    assert DONE in other.get(LESSON).text  # shows the flashed message there
    _carry_cookies(other, client)
    assert DONE in client.get(LESSON).text


def test_a_completion_recorded_elsewhere_shows_within_the_delay(
    make_app, app, client, learner, clock
):
    other = make_app()
    with other.app_context():
        course = db.session.scalar(select(Course).where(Course.slug == "sample-course"))
        complete_lesson(db.session.get(User, learner.id), dict(lesson_ids(course))["welcome"])
        db.session.commit()
        db.session.remove()
    clock.now += app.config["PAGE_CACHE_CHECK_SECONDS"] - 0.1
    assert DONE not in client.get(LESSON).text  # this process's copy, still trusted
    clock.now += 0.1
    assert DONE in client.get(LESSON).text

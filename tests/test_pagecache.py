"""Cached lesson pages: shared where they are the same, never where they are not."""

from __future__ import annotations

import re

import pytest
from flask import template_rendered

from academy import pagecache
from tests.factories import make_user, sign_in
from tests.test_csrf import signed_in

LESSON = "/courses/sample-course/lessons/welcome"


@pytest.fixture(autouse=True)
def _empty_cache():
    pagecache.clear()
    yield
    pagecache.clear()


@pytest.fixture
def renders(app):
    rendered: list[str] = []

    def record(_sender, template, context, **_extra):
        rendered.append(template.name)

    template_rendered.connect(record)  # from any app the test builds
    yield rendered
    template_rendered.disconnect(record)


def reload_user(email: str):
    from academy.auth.models import User
    from academy.extensions import db

    return db.session.scalar(db.select(User).where(User.email == email))


def tokens(html: str) -> set[str]:
    return set(re.findall(r'name="[\w-]*csrf_token" value="([^"]+)"', html))


def test_a_lesson_page_is_rendered_once_for_every_visitor(make_app, app, sample_course, renders):
    first, second = app.test_client(), make_app().test_client()
    one = first.get(LESSON)
    two = second.get(LESSON)
    assert renders.count("courses/lesson.html") == 1
    # A visitor's page carries no token and starts no session: it is the same bytes for all.
    assert one.text == two.text
    assert tokens(one.text) == set()
    assert "csrf-placeholder" not in one.text
    assert "Set-Cookie" not in one.headers
    assert "Set-Cookie" not in two.headers
    assert "Cookie" in one.headers["Vary"]


def test_signed_in_readers_share_a_page_with_their_own_tokens(
    make_app, app, sample_course, renders
):
    first, second = app.test_client(), make_app().test_client()
    sign_in(first, make_user("one@example.org").email)
    sign_in(second, make_user("two@example.org").email)
    one = first.get(LESSON).text
    two = second.get(LESSON).text
    assert renders.count("courses/lesson.html") == 1
    # Each session gets its own token, never the placeholder or another's token.
    assert tokens(one)
    assert tokens(two)
    assert tokens(one).isdisjoint(tokens(two))
    assert "csrf-placeholder" not in one + two


def test_tokens_on_cached_pages_are_valid(make_app, app, sample_course):
    csrf_app = make_app(WTF_CSRF_ENABLED=True)
    warm, reader = csrf_app.test_client(), csrf_app.test_client()
    signed_in(warm, make_user("warm@example.org"))
    signed_in(reader, make_user("reader@example.org"))
    warm.get(LESSON)
    html = reader.get(LESSON).text
    [token] = tokens(html)
    response = reader.post(
        "/language",
        data={"switch-language": "fr", "switch-next": LESSON, "switch-csrf_token": token},
    )
    assert response.status_code == 302
    assert reload_user("reader@example.org").locale == "fr"


def test_progress_changes_the_page(client, sample_course):
    user = make_user()
    sign_in(client, user.email)
    client.post("/learning/sample-course/enrol")
    before = client.get(LESSON).text
    client.post("/learning/sample-course/lessons/welcome/complete")
    client.get("/")  # shows and clears the flashed message
    after = client.get(LESSON).text
    assert "Mark as complete" in before
    assert "Mark as complete" not in after


def test_pages_with_a_message_are_not_cached(client, sample_course, renders):
    user = make_user()
    sign_in(client, user.email)
    client.post("/learning/sample-course/enrol")
    client.get(LESSON)
    client.post("/learning/sample-course/lessons/welcome/complete", data={"next": LESSON})
    html = client.get(LESSON).text
    assert "Lesson marked as complete." in html
    assert "Lesson marked as complete." not in client.get(LESSON).text


def test_the_interface_language_is_part_of_the_key(client, sample_course):
    english = client.get(LESSON).text
    french = client.get(LESSON + "?lang=fr").text
    assert '<html lang="en"' in english
    assert '<html lang="fr"' in french


def test_the_cache_can_be_turned_off(make_app, app, sample_course, renders):
    client = make_app(PAGE_CACHE_BYTES=0).test_client()
    client.get(LESSON)
    client.get(LESSON)
    assert renders.count("courses/lesson.html") == 2


def test_the_cache_stays_within_its_size(make_app, app, sample_course):
    client = make_app(PAGE_CACHE_BYTES=30_000).test_client()
    for lesson in ("welcome", "working-together", "local-examples", "principles", "summary"):
        client.get(f"/courses/sample-course/lessons/{lesson}")
    assert 0 < pagecache._size <= 30_000


def test_a_learners_cached_page_reads_only_who_they_are_and_their_progress(
    app, client, clock, sample_course
):
    from sqlalchemy import event

    from academy.extensions import db

    sign_in(client, make_user().email)
    client.post("/learning/sample-course/enrol")
    client.get(LESSON)  # shows the enrolment's message: not cached
    client.get(LESSON)

    def selects() -> list[str]:
        statements: list[str] = []

        def record(_conn, _cursor, statement, *_args):
            if statement.lstrip().upper().startswith("SELECT"):
                statements.append(statement.split("FROM", 1)[1].split()[0])

        event.listen(db.engine, "before_cursor_execute", record)
        try:
            assert client.get(LESSON).status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", record)
        return statements

    # Within PAGE_CACHE_CHECK_SECONDS, who they are and their progress are what this
    # process kept: no query at all.
    assert selects() == []
    # Past it: the user (their session version), then their enrolment and completions;
    # never the lesson.
    clock.now += app.config["PAGE_CACHE_CHECK_SECONDS"]
    assert selects() == ["users", "enrolments"]

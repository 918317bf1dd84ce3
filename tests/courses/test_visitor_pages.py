"""A visitor's lesson page: no session, served from the cache, and how soon it changes."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import create_engine, text

from academy import pagecache
from academy.courses import freshness
from academy.extensions import db
from tests.conftest import SAMPLE_PACKAGE, import_package
from tests.factories import make_user, sign_in

LESSON = "/courses/sample-course/lessons/welcome"


@pytest.fixture(autouse=True)
def _empty_cache():
    pagecache.clear()
    yield
    pagecache.clear()


@pytest.fixture
def later(monkeypatch):
    """Move this process's clock past PAGE_CACHE_CHECK_SECONDS (default 2 s)."""
    real = freshness.time.monotonic

    def move(seconds: float) -> None:
        monkeypatch.setattr(freshness.time, "monotonic", lambda: real() + seconds)

    return move


@pytest.mark.parametrize(
    "path", [LESSON, LESSON + "?lang=fr", LESSON + "?content=fr", "/", "/courses/"]
)
def test_reading_as_a_visitor_starts_no_session(client, sample_course, path):
    first = client.get(path)
    again = client.get(path)
    assert (first.status_code, again.status_code) == (200, 200)
    assert "Set-Cookie" not in first.headers
    assert "Set-Cookie" not in again.headers
    assert 'name="switch-csrf_token"' not in first.text


def test_a_signed_in_reader_still_gets_a_token(client, sample_course):
    sign_in(client, make_user().email)
    assert 'name="switch-csrf_token"' in client.get(LESSON).text


def test_a_visitor_switches_language_without_a_token(make_app, app, sample_course):
    client = make_app(WTF_CSRF_ENABLED=True).test_client()
    response = client.post(
        "/language",
        data={"switch-language": "fr", "switch-next": LESSON},
        headers={"Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == LESSON
    assert "academy_lang=fr" in response.headers["Set-Cookie"]
    assert '<html lang="fr"' in client.get(LESSON).text


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://elsewhere.example"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site", "Origin": "https://other.localhost"},
    ],
)
def test_a_visitors_switch_from_another_site_changes_nothing(make_app, app, headers):
    client = make_app(WTF_CSRF_ENABLED=True).test_client()
    response = client.post(
        "/language", data={"switch-language": "fr", "switch-next": "/"}, headers=headers
    )
    assert response.status_code == 400
    assert "Set-Cookie" not in response.headers
    assert "did not come from this site" in response.text


def _changed_package(tmp_path, words: str):
    package = tmp_path / "changed"
    shutil.copytree(SAMPLE_PACKAGE, package)
    lesson = package / "01-getting-started" / "01-welcome.en.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + f"\n{words}\n", encoding="utf-8")
    return package


def test_an_import_by_another_process_reaches_visitors_within_the_delay(
    make_app, app, sample_course, tmp_path, later
):
    client = app.test_client()
    assert "A sentence from the new import" not in client.get(LESSON).text
    # Another app on the same database is another process: nothing tells this one.
    other = make_app()
    with other.app_context():
        import_package(_changed_package(tmp_path, "A sentence from the new import."))
        db.session.remove()
    assert "A sentence from the new import" not in client.get(LESSON).text
    later(app.config["PAGE_CACHE_CHECK_SECONDS"] + 0.1)
    assert "A sentence from the new import" in client.get(LESSON).text


def test_an_import_in_this_process_reaches_visitors_at_once(app, sample_course, tmp_path):
    client = app.test_client()
    client.get(LESSON)
    import_package(_changed_package(tmp_path, "A sentence from the new import."))
    assert "A sentence from the new import" in client.get(LESSON).text


def test_a_course_unpublished_elsewhere_is_gone_for_visitors_after_the_delay(
    app, sample_course, database_url, later
):
    client = app.test_client()
    assert client.get(LESSON).status_code == 200
    engine = create_engine(database_url)  # another process's connection
    with engine.begin() as connection:
        connection.execute(text("UPDATE courses SET unpublished_at = CURRENT_TIMESTAMP"))
    engine.dispose()
    assert client.get(LESSON).status_code == 200
    later(app.config["PAGE_CACHE_CHECK_SECONDS"] + 0.1)
    assert client.get(LESSON).status_code == 404


def test_a_course_unpublished_here_is_gone_at_once(app, client, sample_course):
    assert client.get(LESSON).status_code == 200
    sample_course.unpublished_at = sample_course.imported_at
    db.session.commit()
    assert client.get(LESSON).status_code == 404


def test_a_cached_visitor_page_asks_the_database_nothing(app, client, sample_course):
    from sqlalchemy import event

    client.get(LESSON)
    statements = []

    def record(*args):
        statements.append(args[2])

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        assert client.get(LESSON).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert statements == []

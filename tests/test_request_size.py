"""Requests larger than MAX_CONTENT_LENGTH get a clear 413 page and change nothing."""

from __future__ import annotations

from babel.units import format_unit

from tests.factories import make_user, reload, sign_in
from tests.i18n import translated

BOUNDARY = "academy-test-boundary"


def with_a_big_file(client, url: str, fields: dict[str, str], size: int = 5 * 1024 * 1024):
    """Post fields plus a file of size bytes as multipart/form-data.

    Built as bytes, so the test client keeps it in memory rather than in a
    temporary file it would leave open.
    """
    parts = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in fields.items()
    ]
    head = (
        "".join(parts).encode()
        + (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; '
            'filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n'
        ).encode()
    )
    body = head + b"x" * size + f"\r\n--{BOUNDARY}--\r\n".encode()
    return client.post(url, data=body, content_type=f"multipart/form-data; boundary={BOUNDARY}")


def test_the_limit_is_a_setting_of_a_few_megabytes(make_app, monkeypatch):
    assert make_app().config["MAX_CONTENT_LENGTH"] == 4 * 1024 * 1024
    monkeypatch.setenv("ACADEMY_MAX_CONTENT_LENGTH", "1048576")
    assert make_app().config["MAX_CONTENT_LENGTH"] == 1024 * 1024


def test_a_too_large_upload_gets_a_413_page_in_the_users_language(client):
    response = with_a_big_file(client, "/auth/sign-in?lang=fr", {"email": "a@example.org"})
    assert response.status_code == 413
    assert '<html lang="fr"' in response.text
    assert f"<h1>{translated('Too large', 'fr')}</h1>" in response.text
    assert format_unit(4, "digital-megabyte", length="short", locale="fr") in response.text


def test_the_413_page_says_the_limit(client):
    response = with_a_big_file(client, "/auth/register", {})
    assert response.status_code == 413
    assert "this site accepts at most 4 MB at once. Nothing was changed." in response.text


def test_a_too_large_request_changes_nothing(client):
    user = make_user(name="Amina Diallo")
    sign_in(client, user.email)
    response = with_a_big_file(
        client,
        "/account/",
        {
            "name": "Someone Else",
            "locale": "en",
            "country": "SN",
            "constituent_group": "sse_entity",
        },
    )
    assert response.status_code == 413
    assert reload(user).name == "Amina Diallo"


def test_a_small_request_is_not_affected(make_app, app):
    user = make_user()
    small = make_app(MAX_CONTENT_LENGTH=1024).test_client()
    assert sign_in(small, user.email).status_code == 302


def test_a_limit_under_a_megabyte_is_said_in_kilobytes(make_app, app):
    small = make_app(MAX_CONTENT_LENGTH=512 * 1024).test_client()
    response = with_a_big_file(small, "/auth/register", {}, size=600 * 1024)
    assert response.status_code == 413
    assert "this site accepts at most 512 kB at once." in response.text

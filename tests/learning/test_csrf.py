"""Every learning change needs the form's CSRF token; a forged one changes nothing."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from academy.extensions import db
from academy.learning.models import Enrolment, LessonCompletion
from tests.factories import PASSWORD, make_user


@pytest.fixture
def csrf_client(make_app, app):
    return make_app(WTF_CSRF_ENABLED=True).test_client()


def token_in(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def sign_in_with_token(client, user) -> None:
    html = client.get("/auth/sign-in").text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    response = client.post(
        "/auth/sign-in", data={"email": user.email, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302


def count(model) -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize(
    "url",
    [
        "/learning/sample-course/enrol",
        "/learning/sample-course/unenrol",
        "/learning/sample-course/language",
        "/learning/sample-course/lessons/welcome/complete",
    ],
)
def test_a_post_without_the_token_changes_nothing(csrf_client, sample_course, url):
    sign_in_with_token(csrf_client, make_user())
    response = csrf_client.post(url, data={"content-language": "fr"})
    assert response.status_code == 400
    assert count(Enrolment) == 0
    assert count(LessonCompletion) == 0


def test_the_forms_on_the_pages_carry_their_token(csrf_client, sample_course):
    sign_in_with_token(csrf_client, make_user(locale="fr"))
    token = token_in(csrf_client.get("/courses/sample-course/").text)
    response = csrf_client.post("/learning/sample-course/enrol", data={"csrf_token": token})
    assert response.status_code == 302
    assert count(Enrolment) == 1

    html = csrf_client.get("/courses/sample-course/lessons/welcome").text
    response = csrf_client.post(
        "/learning/sample-course/lessons/welcome/complete", data={"csrf_token": token_in(html)}
    )
    assert response.status_code == 302
    assert count(LessonCompletion) == 1

    language_token = re.search(r'name="content-csrf_token" value="([^"]+)"', html).group(1)
    response = csrf_client.post(
        "/learning/sample-course/language",
        data={"content-csrf_token": language_token, "content-language": "en"},
    )
    assert response.status_code == 302
    db.session.rollback()
    assert db.session.scalar(select(Enrolment.content_language)) == "en"

"""Private pages are never stored; public reading pages keep their caching; /verify revalidates."""

from __future__ import annotations

import hashlib
import re

import pytest
from flask import template_rendered
from sqlalchemy import select

from academy import pagecache
from academy.certificates.models import Certificate
from academy.extensions import db
from tests.certificates.helpers import learner_who_completed, signed_in_admin
from tests.factories import make_user, sign_in

COURSE = "/courses/sample-course"
QUIZ = f"{COURSE}/quizzes/check"


def _asset_url() -> str:
    from tests.conftest import SAMPLE_PACKAGE

    digest = hashlib.sha256((SAMPLE_PACKAGE / "assets" / "circle.svg").read_bytes())
    return f"{COURSE}/assets/{digest.hexdigest()[:16]}/circle.svg"


@pytest.fixture
def learner(client, sample_course):
    user = make_user()
    sign_in(client, user.email)
    assert client.post("/learning/sample-course/enrol").status_code == 302
    return user


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/", 200),  # greets the signed-in person by name
        # The learner's progress, their content language and a sign-out form.
        (f"{COURSE}/", 200),
        (f"{COURSE}/lessons/welcome", 200),
        ("/account/", 200),
        ("/account/email", 200),
        ("/account/password", 200),
        ("/account/delete", 200),
        ("/learning/", 200),
        ("/certificates/", 200),
        (QUIZ, 200),
        ("/no/such/page", 404),
    ],
)
def test_a_signed_in_persons_pages_are_never_stored(client, learner, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert response.headers["Cache-Control"] == "no-store"


def test_a_quiz_attempt_and_the_redirects_around_it_are_never_stored(client, learner):
    started = client.post(f"{QUIZ}/attempts")
    assert started.status_code == 302
    assert started.headers["Cache-Control"] == "no-store"
    attempt = client.get(started.location)
    assert attempt.status_code == 200
    assert attempt.headers["Cache-Control"] == "no-store"


def test_admin_pages_are_never_stored(client, sample_course):
    signed_in_admin(client)
    response = client.get("/certificates/admin")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    "url", ["/auth/sign-in", "/auth/register", "/auth/reset", "/auth/check-your-inbox"]
)
def test_a_visitors_forms_are_never_stored(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


def test_a_submitted_form_is_never_stored(client):
    response = client.post("/auth/sign-in", data={"email": "someone@example.org"})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    "url", ["/courses/", f"{COURSE}/", f"{COURSE}/lessons/welcome", "/", "/privacy"]
)
def test_public_pages_keep_their_caching_for_visitors(client, sample_course, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "Cache-Control" not in response.headers


@pytest.mark.parametrize("url", ["/courses/", "/privacy"])
def test_pages_that_show_nothing_of_the_learner_keep_their_caching(client, learner, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "Cache-Control" not in response.headers


def test_a_lesson_from_the_page_cache_keeps_its_caching_for_visitors(client, sample_course):
    lesson = f"{COURSE}/lessons/welcome"
    rendered = []
    pagecache.clear()
    with template_rendered.connected_to(lambda _app, template, **_kw: rendered.append(template)):
        first, cached = client.get(lesson), client.get(lesson)
    pagecache.clear()
    assert [template.name for template in rendered].count("courses/lesson.html") == 1
    assert (first.status_code, cached.status_code) == (200, 200)
    assert "Cache-Control" not in first.headers
    assert "Cache-Control" not in cached.headers


def test_static_files_and_course_assets_keep_their_own_caching(client, sample_course):
    asset = client.get(_asset_url())
    assert asset.status_code == 200
    assert asset.cache_control.max_age == 365 * 24 * 3600
    html = client.get("/").text
    static = client.get(re.search(r'href="(/static/css/[^"]+)"', html).group(1))
    assert static.cache_control.max_age == 365 * 24 * 3600


# -- /verify: always checked, never stale ---------------------------------------


@pytest.fixture
def certificate(client, sample_course) -> Certificate:
    learner = learner_who_completed(client, sample_course)
    client.post("/auth/sign-out", follow_redirects=True)  # its message shown and gone
    return db.session.scalar(select(Certificate).where(Certificate.user_id == learner.id))


def test_verification_is_revalidated_and_answers_304_while_unchanged(client, certificate):
    url = f"/verify/{certificate.public_id}"
    first = client.get(url)
    assert first.status_code == 200
    assert first.headers["Cache-Control"] == "private, no-cache"
    etag, weak = first.get_etag()
    assert weak
    again = client.get(url, headers={"If-None-Match": f'W/"{etag}"'})
    assert again.status_code == 304
    assert again.data == b""
    assert again.get_etag() == (etag, True)
    assert again.headers["Cache-Control"] == "private, no-cache"


def test_verification_is_never_stale_after_a_revocation(client, certificate):
    url = f"/verify/{certificate.public_id}"
    etag, _weak = client.get(url).get_etag()
    signed_in_admin(client)
    response = client.post(
        f"/certificates/admin/{certificate.id}/revoke", data={"reason": "Issued by mistake"}
    )
    assert response.status_code == 302
    client.post("/auth/sign-out", follow_redirects=True)
    after = client.get(url, headers={"If-None-Match": f'W/"{etag}"'})
    assert after.status_code == 200
    assert "This certificate was revoked on" in after.text
    assert after.get_etag()[0] != etag


def test_verification_in_another_language_is_not_confirmed(client, certificate):
    url = f"/verify/{certificate.public_id}"
    etag, _weak = client.get(url).get_etag()
    french = client.get(f"{url}?lang=fr", headers={"If-None-Match": f'W/"{etag}"'})
    assert french.status_code == 200
    assert '<html lang="fr"' in french.text


def test_a_route_added_later_is_private_until_named_public(make_app, app):
    later = make_app()

    @later.route("/added-later")
    def added_later():
        return "<p>new</p>"

    response = later.test_client().get("/added-later")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"

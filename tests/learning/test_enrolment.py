"""Enrolling, leaving, completing lessons and choosing the content language."""

from __future__ import annotations

from html import unescape

import pytest
from sqlalchemy import func, select

from academy.extensions import db
from academy.learning import services
from academy.learning.models import Enrolment, LessonCompletion
from tests.factories import make_user, sign_in
from tests.i18n import translated

COURSE = "/courses/sample-course/"
ENROL = "/learning/sample-course/enrol"
UNENROL = "/learning/sample-course/unenrol"
LANGUAGE = "/learning/sample-course/language"


def complete_url(lesson: str) -> str:
    return f"/learning/sample-course/lessons/{lesson}/complete"


def signed_in(client, **profile):
    user = make_user(**profile)
    sign_in(client, user.email)
    return user


def enrolment_of(user) -> Enrolment | None:
    db.session.rollback()
    return db.session.scalar(select(Enrolment).where(Enrolment.user_id == user.id))


def completions_of(user) -> int:
    db.session.rollback()
    return db.session.scalar(
        select(func.count())
        .select_from(LessonCompletion)
        .where(LessonCompletion.user_id == user.id)
    )


def flashes(client) -> str:
    """The messages shown on the next page, as text."""
    html = client.get("/privacy").text
    return unescape(html.split('class="flashes"')[1].split("</div>")[0])


# -- enrolling -------------------------------------------------------------------


@pytest.mark.database
def test_enrolling_starts_in_the_interface_language(client, sample_course):
    user = signed_in(client, locale="fr")
    response = client.post(ENROL, data={"next": COURSE})
    assert response.status_code == 302
    assert response.location == COURSE
    enrolment = enrolment_of(user)
    assert enrolment.is_active
    assert enrolment.content_language == "fr"
    assert translated(
        "You are enrolled. Your progress is saved as you mark lessons complete.", "fr"
    ) in flashes(client)


def test_enrolling_in_a_language_the_course_lacks_starts_in_its_default(client, sample_course):
    user = signed_in(client, locale="ar")
    client.post(ENROL)
    assert enrolment_of(user).content_language == "en"


def test_enrolling_twice_keeps_one_enrolment(client, sample_course):
    user = signed_in(client)
    client.post(ENROL)
    client.post(ENROL)
    assert "You are already enrolled in this course." in flashes(client)
    count = db.session.scalar(
        select(func.count()).select_from(Enrolment).where(Enrolment.user_id == user.id)
    )
    assert count == 1


def test_enrolling_in_an_unknown_course_is_not_found(client, sample_course):
    signed_in(client)
    assert client.post("/learning/no-such-course/enrol?lang=fr").status_code == 404
    assert db.session.scalar(select(func.count()).select_from(Enrolment)) == 0


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example"])
def test_enrolling_never_returns_to_another_site(client, sample_course, target):
    signed_in(client)
    assert client.post(ENROL, data={"next": target}).location == COURSE


@pytest.mark.parametrize(
    "url", [ENROL, UNENROL, LANGUAGE, complete_url("welcome"), complete_url("no-such-lesson")]
)
def test_visitors_are_sent_to_sign_in_and_nothing_changes(client, sample_course, url):
    response = client.post(url, data={"content-language": "fr"})
    assert response.status_code == 302
    assert response.location.startswith("/auth/sign-in?next=/courses/sample-course/")
    assert db.session.scalar(select(func.count()).select_from(Enrolment)) == 0
    assert db.session.scalar(select(func.count()).select_from(LessonCompletion)) == 0


def test_my_learning_needs_an_account(client):
    response = client.get("/learning/")
    assert response.status_code == 302
    assert response.location.startswith("/auth/sign-in?next=")


# -- leaving and coming back -----------------------------------------------------


@pytest.mark.database
def test_leaving_keeps_completions_and_coming_back_restores_progress(client, sample_course):
    user = signed_in(client)
    client.post(ENROL)
    first_id = enrolment_of(user).id
    for lesson in ("welcome", "working-together"):
        client.post(complete_url(lesson))

    response = client.post(UNENROL, data={"next": COURSE})
    assert response.location == COURSE
    enrolment = enrolment_of(user)
    assert not enrolment.is_active
    assert enrolment.unenrolled_at is not None
    assert completions_of(user) == 2
    html = client.get(COURSE).text
    assert "<progress" not in html
    assert "Enrol again</button>" in html

    client.post(ENROL)
    enrolment = enrolment_of(user)
    assert enrolment.id == first_id
    assert enrolment.is_active
    assert "2 of 5 lessons completed" in client.get(COURSE).text


def test_leaving_a_course_you_are_not_in_changes_nothing(client, sample_course):
    signed_in(client)
    response = client.post(UNENROL)
    assert response.location == COURSE
    assert "You are not enrolled in this course, so nothing was changed." in flashes(client)


def test_coming_back_keeps_the_chosen_language(client, sample_course):
    user = signed_in(client, locale="fr")
    client.post(ENROL)
    client.post(LANGUAGE, data={"content-language": "en"})
    client.post(UNENROL)
    client.post(ENROL)
    assert enrolment_of(user).content_language == "en"


# -- completing lessons ----------------------------------------------------------


@pytest.mark.database
def test_completing_a_lesson_twice_keeps_one_row(client, sample_course):
    user = signed_in(client)
    client.post(ENROL)
    client.post(complete_url("welcome"))
    assert "Lesson marked as complete." in flashes(client)
    client.post(complete_url("welcome"))
    assert "You had already completed this lesson." in flashes(client)
    assert completions_of(user) == 1


@pytest.mark.database
def test_the_service_inserts_at_most_once(app, sample_course):
    user = make_user()
    pk = dict(services.lesson_ids(sample_course))["principles"]
    assert services.complete_lesson(user, pk) is True
    assert services.complete_lesson(user, pk) is False
    db.session.commit()
    assert completions_of(user) == 1


def test_completing_needs_an_active_enrolment(client, sample_course):
    user = signed_in(client)
    response = client.post(complete_url("welcome"))
    assert response.location == COURSE
    assert completions_of(user) == 0
    assert "Enrol in this course to mark lessons as complete." in flashes(client)

    client.post(ENROL)
    client.post(UNENROL)
    client.post(complete_url("welcome"))
    assert completions_of(user) == 0


def test_completing_an_unknown_lesson_is_not_found(client, sample_course):
    user = signed_in(client)
    client.post(ENROL)
    assert client.post(complete_url("no-such-lesson")).status_code == 404
    assert completions_of(user) == 0


def test_completing_moves_on_to_the_next_lesson(client, sample_course):
    signed_in(client)
    client.post(ENROL)
    response = client.post(complete_url("welcome"))
    assert response.status_code == 302
    assert response.location == "/courses/sample-course/lessons/working-together"


# -- content language -------------------------------------------------------------


def test_the_content_language_can_be_changed(client, sample_course):
    user = signed_in(client)
    client.post(ENROL)
    response = client.post(LANGUAGE, data={"content-language": "fr", "content-next": COURSE})
    assert response.location == COURSE
    assert enrolment_of(user).content_language == "fr"
    assert "You now read this course in French." in flashes(client)


@pytest.mark.parametrize("value", ["de", "", "FR", "en-GB", "<script>"])
def test_a_language_the_course_lacks_changes_nothing(client, sample_course, value):
    user = signed_in(client, locale="fr")
    client.post(ENROL)
    response = client.post(LANGUAGE, data={"content-language": value})
    assert response.status_code == 302
    assert enrolment_of(user).content_language == "fr"
    message = "This course is not offered in that language, so nothing was changed."
    assert translated(message, "fr") in flashes(client)


def test_a_learner_who_is_not_enrolled_cannot_change_the_language(client, sample_course):
    user = signed_in(client)
    response = client.post(LANGUAGE, data={"content-language": "fr"})
    assert response.location == COURSE
    assert enrolment_of(user) is None
    assert "You are not enrolled in this course, so nothing was changed." in flashes(client)

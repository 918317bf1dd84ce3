"""Joining a cohort with its key from the course page; courses closed to self-enrolment."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

import pytest
from sqlalchemy import select

from academy.database import utcnow
from academy.extensions import db
from academy.learning.models import Enrolment
from tests.factories import make_user, sign_in
from tests.trainers.cohort_helpers import KEY, make_cohort, members_of

COURSE = "/courses/sample-course/"
JOIN = "/learning/sample-course/join"
ENROL = "/learning/sample-course/enrol"


def flashes(client) -> str:
    html = client.get("/privacy").text
    return unescape(re.sub(r"<[^>]+>", "", html.split('class="flashes"')[1].split("</div>")[0]))


def learner(client, **profile):
    user = make_user(**profile)
    sign_in(client, user.email)
    return user


def enrolments() -> list[tuple[int, int | None, bool]]:
    db.session.rollback()
    rows = db.session.scalars(select(Enrolment).order_by(Enrolment.id))
    return [(row.user_id, row.cohort_id, row.is_active) for row in rows]


@pytest.mark.database
def test_the_right_key_enrols_into_the_cohort_in_its_language(client, sample_course):
    cohort = make_cohort(sample_course)
    user = learner(client, locale="en")
    response = client.post(JOIN, data={"key": f"  {KEY} ", "next": COURSE})
    assert response.status_code == 302
    assert response.location == COURSE
    assert members_of(cohort.id) == [(user.id, "fr", True)]
    assert "You have joined the cohort SSE Academy 2027, French, online." in flashes(client)


def test_the_course_page_offers_the_form_only_while_a_key_cohort_is_open(client, sample_course):
    learner(client)
    assert 'action="/learning/sample-course/join"' not in client.get(COURSE).text
    cohort = make_cohort(sample_course)
    page = client.get(COURSE).text
    assert 'action="/learning/sample-course/join"' in page
    assert '<label for="join-key">Enrolment key</label>' in page
    cohort.enrolment_closes_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert 'action="/learning/sample-course/join"' not in client.get(COURSE).text


def test_visitors_see_no_join_form(client, sample_course):
    make_cohort(sample_course)
    assert 'action="/learning/sample-course/join"' not in client.get(COURSE).text


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("wrong", "This enrolment key does not match any cohort of this course"),
        ("closed", "Enrolment in the cohort SSE Academy 2027, French, online is not open now"),
        ("not-yet", "Enrolment in the cohort SSE Academy 2027, French, online is not open now"),
        ("full", "The cohort SSE Academy 2027, French, online is full"),
        ("invitation", "This enrolment key does not match any cohort of this course"),
    ],
)
def test_a_refused_key_says_why_and_changes_nothing(client, sample_course, setup, message):
    now = utcnow()
    fields = {
        "closed": {"enrolment_closes_at": now - timedelta(hours=1)},
        "not-yet": {"enrolment_opens_at": now + timedelta(hours=1)},
        "full": {"capacity": 1},
        "invitation": {"joining": "invitation"},
    }.get(setup, {})
    cohort = make_cohort(sample_course, **fields)
    if setup == "full":
        other = make_user()
        db.session.add(
            Enrolment(user_id=other.id, course_id=sample_course.id, content_language="fr",
                      cohort_id=cohort.id)
        )  # fmt: skip
        db.session.commit()
    before = enrolments()
    learner(client)
    key = "not-the-key" if setup == "wrong" else KEY
    assert client.post(JOIN, data={"key": key}).status_code == 302
    assert enrolments() == before
    assert message in flashes(client)


def test_an_active_enrolment_is_attached_and_a_past_one_made_active(client, sample_course):
    cohort = make_cohort(sample_course)
    user = learner(client)
    client.post(ENROL)
    client.post(JOIN, data={"key": KEY})
    assert members_of(cohort.id) == [(user.id, "fr", True)]
    assert len(enrolments()) == 1
    # left, then joined again with the key
    client.post("/learning/sample-course/unenrol")
    assert members_of(cohort.id) == [(user.id, "fr", False)]
    client.post(JOIN, data={"key": KEY})
    assert members_of(cohort.id) == [(user.id, "fr", True)]


def test_a_member_of_another_cohort_is_not_moved(client, sample_course):
    first = make_cohort(sample_course, name="First")
    make_cohort(sample_course, name="Second", key="second-key")
    user = learner(client)
    client.post(JOIN, data={"key": KEY})
    client.post(JOIN, data={"key": "second-key"})
    assert enrolments() == [(user.id, first.id, True)]
    assert "You already belong to another cohort of this course" in flashes(client)


def test_an_empty_key_is_asked_for(client, sample_course):
    make_cohort(sample_course)
    learner(client)
    client.post(JOIN, data={"key": ""})
    assert enrolments() == []
    assert "Enter the enrolment key your trainer gave you." in flashes(client)


def test_a_visitor_is_sent_to_sign_in(client, sample_course):
    make_cohort(sample_course)
    response = client.post(JOIN, data={"key": KEY})
    assert response.status_code == 302
    assert response.location.startswith("/auth/sign-in?next=")
    assert enrolments() == []


def test_wrong_keys_are_limited_per_person(make_app, sample_course):
    app = make_app(RATELIMIT_ENABLED=True, COHORT_KEY_LIMIT="3/hour")
    client = app.test_client()
    make_cohort(sample_course)
    user = learner(client)
    for _ in range(3):
        assert client.post(JOIN, data={"key": "guess-it"}).status_code == 302
    response = client.post(JOIN, data={"key": KEY})
    assert response.status_code == 429
    assert "You tried too many enrolment keys in a short while" in unescape(response.text)
    assert enrolments() == []
    assert user.id


def test_a_closed_course_refuses_self_enrolment_with_a_page(client, sample_course):
    sample_course.open_enrolment = False
    db.session.commit()
    learner(client)
    response = client.post(ENROL)
    assert response.status_code == 403
    assert "This course takes learners through its cohorts only" in unescape(response.text)
    assert enrolments() == []
    page = client.get(COURSE).text
    assert 'action="/learning/sample-course/enrol"' not in page
    assert "This course takes learners through its cohorts only." in unescape(page)


def test_an_enrolled_learner_is_not_offered_the_form(client, sample_course):
    make_cohort(sample_course)
    learner(client)
    client.post(ENROL)
    assert 'action="/learning/sample-course/join"' not in client.get(COURSE).text


def test_a_course_closed_to_self_enrolment_offers_the_key_form_instead(client, sample_course):
    sample_course.open_enrolment = False
    db.session.commit()
    make_cohort(sample_course)
    learner(client)
    page = client.get(COURSE).text
    assert 'action="/learning/sample-course/enrol"' not in page
    assert 'action="/learning/sample-course/join"' in page

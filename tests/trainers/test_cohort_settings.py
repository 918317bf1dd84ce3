"""Creating and changing a cohort: owners and admins, times in the trainer's zone, key hashed."""

from __future__ import annotations

from datetime import UTC, date, datetime
from html import unescape

import pytest
from sqlalchemy import select

from academy.auth.passwords import verify_password
from academy.certificates.models import AuditEntry
from academy.extensions import db
from academy.learning.models import Cohort, CohortTrainer, Enrolment
from tests.factories import make_user, sign_in
from tests.trainers.cohort_helpers import make_cohort, make_owner

NEW = "/trainers/courses/sample-course/cohorts/new"

FORM = {
    "name": "SSE Academy 2027, French, online",
    "content_language": "fr",
    "enrolment_opens_at": "2027-01-10T09:00",
    "enrolment_closes_at": "2027-02-01T18:30",
    "starts_on": "2027-02-02",
    "ends_on": "2027-03-30",
    "capacity": "40",
    "trainers": "",
    "joining": "key",
    "key": "cooperatives-27",
    "on_certificates": "y",
}


def edit_url(cohort_id: int) -> str:
    return f"/trainers/cohorts/{cohort_id}/edit"


@pytest.fixture
def owner(client, sample_course):
    # Dakar: UTC+0 all year; Paris below for a zone with an offset.
    user = make_user("owner@example.org", role="trainer", time_zone="Europe/Paris")
    make_owner(user, sample_course)
    sign_in(client, user.email)
    return user


def cohorts() -> list[Cohort]:
    db.session.rollback()
    return list(db.session.scalars(select(Cohort).order_by(Cohort.id)))


@pytest.mark.database
def test_an_owner_creates_a_cohort(client, sample_course, owner):
    other = make_user("co-trainer@example.org", role="trainer")
    response = client.post(NEW, data=FORM | {"trainers": "Co-Trainer@example.org\n"})
    assert response.status_code == 302
    [cohort] = cohorts()
    assert response.location == f"/trainers/cohorts/{cohort.id}/"  # the cohort's own page
    assert (cohort.name, cohort.content_language, cohort.capacity) == (FORM["name"], "fr", 40)
    # Paris is UTC+1 in winter: 09:00 there is 08:00 UTC.
    assert cohort.enrolment_opens_at == datetime(2027, 1, 10, 8, 0, tzinfo=UTC)
    assert cohort.enrolment_closes_at == datetime(2027, 2, 1, 17, 30, tzinfo=UTC)
    assert (cohort.starts_on, cohort.ends_on) == (date(2027, 2, 2), date(2027, 3, 30))
    assert cohort.joining == "key"
    assert cohort.on_certificates is True
    assert cohort.key_hash != "cooperatives-27"
    assert verify_password(cohort.key_hash, "cooperatives-27")
    assert cohort.created_by == owner.id
    trainers = db.session.scalars(select(CohortTrainer.user_id)).all()
    assert trainers == [other.id]
    audit = db.session.scalars(select(AuditEntry.action)).all()
    assert audit == ["create_cohort"]


def test_the_edit_page_shows_local_times_and_never_the_key(client, sample_course, owner):
    client.post(NEW, data=FORM)
    [cohort] = cohorts()
    page = client.get(edit_url(cohort.id)).text
    assert 'value="2027-01-10T09:00"' in page
    assert "cooperatives-27" not in page
    assert cohort.key_hash not in page
    assert "A key is set." in page


def test_editing_keeps_the_key_when_left_empty_and_changes_it_when_typed(
    client, sample_course, owner
):
    client.post(NEW, data=FORM)
    [cohort] = cohorts()
    kept = cohort.key_hash
    response = client.post(edit_url(cohort.id), data=FORM | {"key": "", "name": "Renamed"})
    assert response.status_code == 302
    [cohort] = cohorts()
    assert (cohort.name, cohort.key_hash) == ("Renamed", kept)
    client.post(edit_url(cohort.id), data=FORM | {"key": "a-new-key-2027"})
    [cohort] = cohorts()
    assert verify_password(cohort.key_hash, "a-new-key-2027")
    audit = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert audit == ["create_cohort", "update_cohort", "update_cohort"]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"name": "  "}, "name", "Enter the cohort's name."),
        (
            {"enrolment_closes_at": "2027-01-10T09:00"},
            "enrolment_closes_at",
            "Enrolment must close after it opens.",
        ),
        ({"ends_on": "2027-02-01"}, "ends_on", "The last day cannot come before the first day."),
        ({"capacity": "0"}, "capacity", "Enter a capacity of at least 1, or leave it empty."),
        ({"capacity": "forty"}, "capacity", "Enter a whole number, such as 30."),
        ({"starts_on": "2 Feb"}, "starts_on", "Enter a date, such as 2027-03-01."),
        (
            {"enrolment_opens_at": "tomorrow"},
            "enrolment_opens_at",
            "Enter a date and a time, such as 2027-03-01 09:00.",
        ),
        ({"key": "short"}, "key", "Use at least 6 characters."),
        (
            {"key": ""},
            "key",
            "Enter an enrolment key of at least 6 characters, or choose invitation only.",
        ),
        ({"content_language": "de"}, "content_language", "Choose one of the course's languages."),
        ({"joining": "door"}, "joining", "Choose how learners join."),
        (
            {"trainers": "nobody@example.org, learner@example.org"},
            "trainers",
            "No trainer account has the address nobody@example.org. Check it, or remove it.",
        ),
    ],
)
def test_bad_settings_are_refused_by_field(client, sample_course, owner, change, field, message):
    make_user("learner@example.org")  # an account, but not a trainer's
    response = client.post(NEW, data=FORM | change)
    assert response.status_code == 400
    page = unescape(response.text).replace("<bdi>", "").replace("</bdi>", "")
    error = page.split(f'id="{field}-error">')[1].split("</p>")[0]
    assert message in error
    assert cohorts() == []
    assert "cooperatives-27" not in page


def test_an_unknown_trainer_is_named_each(client, sample_course, owner):
    response = client.post(NEW, data=FORM | {"trainers": "a@example.org; b@example.org"})
    page = response.text
    assert "<bdi>a@example.org</bdi>" in page
    assert "<bdi>b@example.org</bdi>" in page


def test_invitation_only_needs_no_key(client, sample_course, owner):
    response = client.post(NEW, data=FORM | {"joining": "invitation", "key": "ignored-key"})
    assert response.status_code == 302
    [cohort] = cohorts()
    assert (cohort.joining, cohort.key_hash) == ("invitation", None)


def test_capacity_cannot_drop_below_the_members(client, sample_course, owner):
    cohort = make_cohort(sample_course)
    for _ in range(3):
        learner = make_user()
        db.session.add(
            Enrolment(user_id=learner.id, course_id=sample_course.id, content_language="fr",
                      cohort_id=cohort.id)
        )  # fmt: skip
    db.session.commit()
    response = client.post(edit_url(cohort.id), data=FORM | {"capacity": "2"})
    assert response.status_code == 400
    assert "The cohort already holds 3 learners and invitations" in unescape(response.text)
    assert cohorts()[0].capacity is None
    assert client.post(edit_url(cohort.id), data=FORM | {"capacity": "3"}).status_code == 302


def test_the_course_page_lists_its_cohorts(client, sample_course, owner):
    page = client.get("/trainers/courses/sample-course/").text
    assert f'href="{NEW}"' in page
    cohort = make_cohort(sample_course, capacity=25)
    page = unescape(client.get("/trainers/courses/sample-course/").text)
    assert f'<a href="/trainers/cohorts/{cohort.id}/">SSE Academy 2027, French, online</a>' in page
    assert "0 learners · capacity 25" in page


@pytest.mark.parametrize("role", ["learner", "trainer"])
def test_only_owners_and_admins_change_cohorts(client, sample_course, role):
    cohort = make_cohort(sample_course)
    user = make_user(role=role)
    db.session.add(CohortTrainer(cohort_id=cohort.id, user_id=user.id))  # runs it, owns nothing
    db.session.commit()
    sign_in(client, user.email)
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, data=FORM).status_code == 403
    assert client.get(edit_url(cohort.id)).status_code == 403
    assert client.post(edit_url(cohort.id), data=FORM | {"name": "x"}).status_code == 403
    assert [c.name for c in cohorts()] == ["SSE Academy 2027, French, online"]


def test_an_admin_creates_a_cohort_of_any_course(client, sample_course):
    admin = make_user(role="admin")
    sign_in(client, admin.email)
    assert client.post(NEW, data=FORM).status_code == 302
    assert len(cohorts()) == 1


def test_a_missing_cohort_is_not_found(client, sample_course, owner):
    assert client.get(edit_url(999)).status_code == 404

"""The admins' lists of courses and cohorts: every row, its counts, one query each."""

from __future__ import annotations

import pytest

from academy.courses.models import CourseOwner
from academy.extensions import db
from academy.learning import services as learning
from tests.admin.helpers import counted_statements, signed_in_admin
from tests.factories import make_user
from tests.test_pages import check_structure
from tests.trainers.cohorts_world import make_cohort

pytestmark = pytest.mark.database


def test_the_courses_list_shows_owners_and_counts(client, sample_course):
    owner = make_user("owner@example.org", role="trainer")
    db.session.add(CourseOwner(course_id=sample_course.id, user_id=owner.id))
    learning.enrol(make_user(), sample_course, "en")
    learning.enrol(make_user(), sample_course, "en")
    db.session.commit()
    make_cohort(sample_course)
    signed_in_admin(client)
    response = client.get("/admin/courses/")
    assert response.status_code == 200
    check_structure(response.text)
    row = response.text.split('href="/trainers/courses/sample-course/"')[1].split("</tr>")[0]
    cells = [cell.split("</td>")[0].strip() for cell in row.split("<td")[1:]]
    assert cells == [
        'dir="ltr">sample-course',
        ">Yes",
        '><bdi dir="ltr">owner@example.org</bdi>',
        ">2",
        ">1",
    ]


def test_the_cohorts_list_shows_members_and_trainers(client, sample_course):
    trainer = make_user("runner@example.org", role="trainer")
    cohort = make_cohort(sample_course, trainer=trainer, name="Dakar workshop")
    learner = make_user()
    learning.enrol(learner, sample_course, "en")
    learning.find_enrolment(learner, sample_course).cohort_id = cohort.id
    db.session.commit()
    signed_in_admin(client)
    response = client.get("/admin/cohorts/")
    assert response.status_code == 200
    check_structure(response.text)
    row = response.text.split(f'href="/trainers/cohorts/{cohort.id}/"')[1].split("</tr>")[0]
    assert ">Dakar workshop</a>" in row
    assert "<td>1</td>" in row
    assert '<bdi dir="ltr">runner@example.org</bdi>' in row


@pytest.mark.parametrize("path", ["/admin/courses/", "/admin/cohorts/"])
def test_each_list_takes_the_same_queries_whatever_its_length(client, sample_course, path):
    signed_in_admin(client)
    make_cohort(sample_course)
    client.get(path)
    with counted_statements() as few:
        assert client.get(path).status_code == 200
    for number in range(5):
        trainer = make_user(role="trainer")
        make_cohort(sample_course, trainer=trainer, name=f"Cohort {number}")
        db.session.add(CourseOwner(course_id=sample_course.id, user_id=trainer.id))
        db.session.commit()
    with counted_statements() as many:
        assert client.get(path).status_code == 200
    assert many[0] == few[0]

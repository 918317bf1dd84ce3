"""Completing the sample course and making certificates, for the certificate tests."""

from __future__ import annotations

from academy.courses.models import Course
from academy.extensions import db
from tests.factories import make_user, sign_in

LESSONS = ["welcome", "working-together", "local-examples", "principles", "summary"]


def complete_course(client, course: Course) -> None:
    """Enrol the signed-in learner and mark every lesson complete through the pages."""
    assert client.post(f"/learning/{course.slug}/enrol").status_code == 302
    for lesson in LESSONS:
        response = client.post(f"/learning/{course.slug}/lessons/{lesson}/complete")
        assert response.status_code == 302


def learner_who_completed(client, course: Course, **profile):
    learner = make_user(**profile)
    sign_in(client, learner.email)
    complete_course(client, course)
    return learner


def admin_issue_mode(course: Course) -> None:
    course.certificate = {**course.certificate, "issue": "admin"}
    db.session.commit()


def signed_in_admin(client):
    admin = make_user(role="admin", name="Grace Admin")
    sign_in(client, admin.email)
    return admin

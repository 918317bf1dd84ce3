"""The "certificate issued" mail over real SMTP: when it fails, the certificate stays."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import select

from academy.certificates import services
from academy.certificates.models import Certificate
from academy.extensions import db
from tests.certificates.helpers import (
    LESSONS,
    admin_issue_mode,
    learner_who_completed,
    signed_in_admin,
)
from tests.factories import make_user, sign_in
from tests.smtp import REFUSE, smtp_config, smtp_server


@pytest.fixture
def refusing(make_app, app, sample_course):
    with smtp_server(REFUSE) as server:
        yield make_app(**smtp_config(server.port)).test_client()


def certificates_of(user) -> list[Certificate]:
    return list(db.session.scalars(select(Certificate).where(Certificate.user_id == user.id)))


def failures(caplog) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name == "academy.mail"]


def test_a_learner_whose_certificate_mail_fails_gets_the_certificate_and_is_told(
    refusing, sample_course, caplog
):
    learner = make_user()
    sign_in(refusing, learner.email)
    refusing.post(f"/learning/{sample_course.slug}/enrol")
    for lesson in LESSONS[:-1]:
        refusing.post(f"/learning/{sample_course.slug}/lessons/{lesson}/complete")
    with caplog.at_level(logging.ERROR, logger="academy.mail"):
        response = refusing.post(
            f"/learning/{sample_course.slug}/lessons/{LESSONS[-1]}/complete",
            follow_redirects=True,
        )
    assert response.status_code == 200
    assert "You have completed this course. Congratulations!" in response.text
    assert "Your certificate is issued, but we could not send you the mail about it." in (
        response.text
    )
    assert [certificate.state for certificate in certificates_of(learner)] == ["issued"]
    [logged] = failures(caplog)
    assert learner.email in logged


def test_an_admin_is_told_once_which_certificate_mails_failed(
    client, refusing, sample_course, caplog
):
    admin_issue_mode(sample_course)
    learners = []
    for _ in range(2):
        learners.append(learner_who_completed(client, sample_course))
        client.post("/auth/sign-out")
    signed_in_admin(refusing)
    ready = [str(row.completion.id) for row in services.ready_to_issue()]
    with caplog.at_level(logging.ERROR, logger="academy.mail"):
        response = refusing.post(
            "/certificates/admin/issue-ready", data={"completion": ready}, follow_redirects=True
        )
    assert response.status_code == 200
    assert "2 certificates issued." in response.text
    assert "The mails to 2 learners about their certificates could not be sent." in response.text
    assert [len(certificates_of(learner)) for learner in learners] == [1, 1]
    assert len(failures(caplog)) == 2


def test_a_face_to_face_certificate_whose_mail_fails_is_issued(refusing, sample_course, caplog):
    learner = make_user(name="Face Learner")
    signed_in_admin(refusing)
    with caplog.at_level(logging.ERROR, logger="academy.mail"):
        response = refusing.post(
            "/certificates/admin/issue",
            data={"email": learner.email, "course": sample_course.slug},
            follow_redirects=True,
        )
    assert response.status_code == 200
    assert "Certificate issued to <bdi>Face Learner</bdi>." in response.text
    assert "The mail to 1 learner about their certificate could not be sent." in response.text
    assert len(certificates_of(learner)) == 1

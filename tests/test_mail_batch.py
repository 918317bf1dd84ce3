"""Mails sent in a batch go over one SMTP connection, and one failure loses no other mail."""

from __future__ import annotations

import logging

import pytest
from flask import Flask

from academy import mail
from tests.factories import make_user
from tests.smtp import ACCEPT, REFUSE, smtp_config, smtp_server

ADDRESSES = [f"p{n}@example.org" for n in range(5)]


def _messages(app: Flask, addresses=ADDRESSES):
    with app.test_request_context():
        user = make_user(commit=False)
        return [
            mail.compose_mail(
                to,
                "auth/mail/password_changed_subject.txt",
                "auth/mail/password_changed.txt",
                "en",
                user=user,
                reset_link="http://academy.test/auth/reset",
            )
            for to in addresses
        ]


def _batch(app: Flask, messages) -> list[str]:
    with app.app_context():
        return [message["To"] for message in mail.deliver_batch(messages)]


def _logged(caplog) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name == "academy.mail"]


def test_a_batch_goes_over_one_connection(make_app):
    with smtp_server(ACCEPT) as server:
        app = make_app(**smtp_config(server.port))
        assert _batch(app, _messages(app)) == []
    assert server.connections == 1
    assert [message["To"] for message in server.messages] == ADDRESSES


def test_a_refused_address_is_reported_and_the_others_are_sent(make_app, caplog):
    with smtp_server(ACCEPT, refused=["p1@example.org", "p3@example.org"]) as server:
        app = make_app(**smtp_config(server.port))
        with caplog.at_level(logging.ERROR, logger="academy.mail"):
            failed = _batch(app, _messages(app))
    assert failed == ["p1@example.org", "p3@example.org"]
    assert [message["To"] for message in server.messages] == [
        "p0@example.org", "p2@example.org", "p4@example.org"]  # fmt: skip
    assert server.connections == 1
    logged = _logged(caplog)
    assert len(logged) == 3
    assert "p1@example.org" in logged[0]
    assert "p3@example.org" in logged[1]
    assert logged[2] == (
        "2 of 5 mails of a batch could not be sent, to: p1@example.org, p3@example.org"
    )


def test_a_dropped_connection_is_opened_again_and_no_mail_is_lost(make_app):
    with smtp_server(ACCEPT, drop_after=2) as server:
        app = make_app(**smtp_config(server.port))
        assert _batch(app, _messages(app)) == []
    assert [message["To"] for message in server.messages] == ADDRESSES
    assert server.connections == 3


def test_a_server_that_refuses_service_is_tried_once_for_the_whole_batch(make_app, caplog):
    with smtp_server(REFUSE) as server:
        app = make_app(**smtp_config(server.port))
        with caplog.at_level(logging.ERROR, logger="academy.mail"):
            assert _batch(app, _messages(app)) == ADDRESSES
    assert server.connections == 1
    assert _logged(caplog)[-1].startswith("5 of 5 mails of a batch could not be sent")


def test_without_a_server_the_batch_goes_to_the_outbox(app, outbox):
    assert _batch(app, _messages(app, ADDRESSES[:2])) == []
    assert [message["To"] for message in outbox.messages()] == ADDRESSES[:2]


@pytest.fixture
def accepting(make_app, sample_course):
    with smtp_server(ACCEPT, refused=["refused@example.org"]) as server:
        yield server, make_app(**smtp_config(server.port))


def test_face_to_face_certificates_are_mailed_over_one_connection(accepting, caplog):
    from tests.admin.test_face_to_face import HEADER, counts, excel, issue
    from tests.factories import sign_in

    server, app = accepting
    client = app.test_client()
    sign_in(client, make_user("smtp-admin@example.org", role="admin", name="Ada Admin").email)
    lines = [f"P{n} Ndiaye;p{n}@example.org;sample-course;14/03/2026;;;;" for n in range(3)]
    lines.insert(1, "Refused Person;refused@example.org;sample-course;14/03/2026;;;;")
    with caplog.at_level(logging.ERROR, logger="academy.mail"):
        assert issue(client, excel(HEADER, *lines)).status_code == 302
    assert counts() == (4, 4, 4)
    assert server.connections == 1
    assert sorted(message["To"] for message in server.messages) == [
        "p0@example.org", "p1@example.org", "p2@example.org"]  # fmt: skip
    assert "to: refused@example.org" in _logged(caplog)[-1]


def test_a_cohorts_certificates_are_mailed_over_one_connection(accepting, sample_course):
    from academy.extensions import db
    from academy.learning import services as learning
    from academy.learning.models import CourseCompletion
    from tests.factories import sign_in
    from tests.trainers.cohorts_world import make_cohort

    server, app = accepting
    trainer = make_user("cohort.trainer@example.org", role="trainer", name="Tess Trainer")
    cohort = make_cohort(sample_course, trainer=trainer)
    for n in range(3):
        learner = make_user(f"c{n}@example.org", name=f"Learner {n}")
        learning.enrol(learner, sample_course, "en")
        learning.find_enrolment(learner, sample_course).cohort_id = cohort.id
        db.session.add(CourseCompletion(user_id=learner.id, course_id=sample_course.id))
    db.session.commit()
    client = app.test_client()
    sign_in(client, trainer.email)
    assert client.post(f"/trainers/cohorts/{cohort.id}/certificates").status_code == 302
    assert server.connections == 1
    assert sorted(message["To"] for message in server.messages) == [
        "c0@example.org", "c1@example.org", "c2@example.org"]  # fmt: skip


def test_an_admin_is_told_how_many_of_the_ready_certificates_could_not_be_mailed(
    accepting, sample_course
):
    from academy.certificates import services
    from tests.certificates.helpers import admin_issue_mode, complete_course
    from tests.factories import sign_in

    server, app = accepting
    admin_issue_mode(sample_course)
    for email in ("refused@example.org", "ok@example.org"):
        learner = app.test_client()
        sign_in(learner, make_user(email, name=email.split("@")[0].title()).email)
        complete_course(learner, sample_course)
    admin = app.test_client()
    sign_in(admin, make_user("ready-admin@example.org", role="admin", name="Ada Admin").email)
    ready = [str(row.completion.id) for row in services.ready_to_issue()]
    response = admin.post(
        "/certificates/admin/issue-ready", data={"completion": ready}, follow_redirects=True
    )
    assert "2 certificates issued." in response.text
    assert "The mail to 1 learner about their certificate could not be sent." in response.text
    assert server.connections == 1
    assert [message["To"] for message in server.messages] == ["ok@example.org"]

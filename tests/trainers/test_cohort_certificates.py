"""Certificates for a cohort: who is ready, who may issue, one step, the cohort on the record."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import select

from academy.certificates.models import ISSUED, AuditEntry, Certificate
from academy.certificates.services import issue_certificate, revoke_certificate
from academy.extensions import db
from academy.learning import services as learning
from tests.certificates.helpers import admin_issue_mode
from tests.factories import make_user, sign_in
from tests.trainers.cohorts_world import COHORT_TRAINER, completed, join, make_cohort


@pytest.fixture
def cohort(app, sample_course):
    trainer = make_user(COHORT_TRAINER, role="trainer", name="Tomás Trainer")
    return make_cohort(sample_course, trainer)


def url(cohort) -> str:
    return f"/trainers/cohorts/{cohort.id}/certificates"


def certificates() -> list[tuple[str, str]]:
    rows = db.session.execute(
        select(Certificate.recipient_name, Certificate.state).order_by(Certificate.id)
    ).all()
    return [tuple(row) for row in rows]


@pytest.fixture
def learners(sample_course, cohort):
    """Ready: Dan (completed), Carl (completed, certificate revoked). Not ready: the others."""
    dan = join(cohort, sample_course, name="Dan Ready", email="dan@example.org")
    completed(dan, sample_course)
    carl = join(cohort, sample_course, name="Carl Revoked", email="carl@example.org")
    completed(carl, sample_course)
    revoke_certificate(issue_certificate(carl, sample_course), None, "Mistake")
    bea = join(cohort, sample_course, name="Bea Holds", email="bea@example.org")
    completed(bea, sample_course)
    issue_certificate(bea, sample_course)
    join(cohort, sample_course, name="Ama Working", email="ama@example.org")
    outsider = make_user(name="Out Sider")
    learning.enrol(outsider, sample_course, "en")
    completed(outsider, sample_course)
    db.session.commit()
    return {"dan": dan, "carl": carl, "bea": bea}


@pytest.mark.database
def test_the_trainer_issues_every_ready_certificate_in_one_step(
    database_backend, client, outbox, sample_course, cohort, learners
):
    sign_in(client, COHORT_TRAINER)
    html = client.get(f"/trainers/cohorts/{cohort.id}/").text
    section = re.search(r'id="certificates".*?</section>', html, re.DOTALL).group(0)
    assert "2 learners completed the course and have no valid certificate yet" in section
    assert "Carl Revoked" in section
    assert "Dan Ready" in section
    assert "Bea Holds" not in section
    assert "Issue 2 certificates</button>" in section
    assert "The cohort's trainers, the course's owners and admins may issue them." in section

    before = certificates()
    response = client.post(url(cohort))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/trainers/cohorts/{cohort.id}/#certificates")
    assert certificates() == [*before, ("Carl Revoked", ISSUED), ("Dan Ready", ISSUED)]
    issued = db.session.scalars(select(Certificate).order_by(Certificate.id.desc()).limit(2)).all()
    assert {certificate.issuer for certificate in issued} == {"Tomás Trainer"}
    entries = db.session.scalars(
        select(AuditEntry.action).where(AuditEntry.certificate_id.in_([c.id for c in issued]))
    ).all()
    assert entries == ["issue", "issue"]
    assert sorted(message["To"] for message in outbox.messages()) == [
        "carl@example.org",
        "dan@example.org",
    ]
    # Nobody is left waiting: a second press changes nothing.
    assert client.post(url(cohort)).status_code == 302
    assert len(certificates()) == len(before) + 2
    html = client.get(f"/trainers/cohorts/{cohort.id}/").text
    assert "No learner of this cohort is waiting for a certificate." in html


def test_when_admins_issue_the_course_certificates_only_they_may(
    client, outbox, sample_course, cohort, learners
):
    admin_issue_mode(sample_course)
    sign_in(client, COHORT_TRAINER)
    html = client.get(f"/trainers/cohorts/{cohort.id}/").text
    assert "issued by admins only" in html
    assert "Issue 2 certificates</button>" not in html
    before = certificates()
    assert client.post(url(cohort)).status_code == 403
    assert certificates() == before

    client.post("/auth/sign-out")
    make_user("admin@example.org", role="admin", name="Grace Admin")
    sign_in(client, "admin@example.org")
    assert "Issue 2 certificates</button>" in client.get(f"/trainers/cohorts/{cohort.id}/").text
    assert client.post(url(cohort)).status_code == 302
    assert len(certificates()) == len(before) + 2


def test_the_cohort_name_and_dates_go_on_the_certificate_when_it_prints_them(
    app, sample_course, cohort
):
    cohort.on_certificates = True
    db.session.commit()
    learner = join(cohort, sample_course)
    certificate = issue_certificate(learner, sample_course)
    db.session.commit()
    expected = {
        "name": "SSE Academy 2027, online",
        "starts_on": "2027-03-01",
        "ends_on": "2027-06-30",
    }
    assert certificate.settings["cohort"] == expected
    assert certificate.as_record()["cohort"] == expected

    # A cohort that does not print them, and a learner in no cohort: nothing.
    quiet = make_cohort(sample_course, name="Quiet", starts_on=date(2027, 1, 1))
    for learner in (join(quiet, sample_course), make_user()):
        learning.enrol(learner, sample_course, "en")
        assert issue_certificate(learner, sample_course).as_record()["cohort"] is None
    db.session.commit()


def test_the_snapshot_keeps_the_cohort_as_it_was(app, sample_course, cohort):
    cohort.on_certificates = True
    db.session.commit()
    certificate = issue_certificate(join(cohort, sample_course), sample_course)
    db.session.commit()
    cohort.name = "Renamed later"
    db.session.commit()
    db.session.refresh(certificate)
    assert certificate.as_record()["cohort"]["name"] == "SSE Academy 2027, online"


def test_the_certificate_mails_leave_after_the_commit_and_the_response(
    client, outbox, sample_course, cohort, learners
):
    sign_in(client, COHORT_TRAINER)
    response = client.post(url(cohort), buffered=False)
    parts = iter(response.response)
    next(parts, None)
    assert response.status_code == 302
    assert len(outbox) == 0
    assert len(certificates()) == 4  # two held before, two issued: committed before any mail
    list(parts)
    response.close()
    assert sorted(message["To"] for message in outbox.messages()) == [
        "carl@example.org",
        "dan@example.org",
    ]

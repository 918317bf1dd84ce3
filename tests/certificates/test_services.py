"""Issuing, revoking and reissuing: snapshots that never change, and the audit log."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import select

from academy.certificates import services
from academy.certificates.models import AuditEntry, Certificate
from academy.extensions import db
from tests.certificates.helpers import admin_issue_mode, learner_who_completed
from tests.conftest import SAMPLE_PACKAGE, import_package
from tests.factories import make_user, reload


def certificates_of(user) -> list[Certificate]:
    return list(db.session.scalars(select(Certificate).where(Certificate.user_id == user.id)))


def actions(certificate: Certificate) -> list[str]:
    return list(
        db.session.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.certificate_id == certificate.id)
            .order_by(AuditEntry.id)
        )
    )


def test_completion_issues_the_certificate_and_mails_it(client, sample_course, outbox):
    learner = learner_who_completed(client, sample_course, name="Amina Diallo")
    [certificate] = certificates_of(learner)
    assert certificate.recipient_name == "Amina Diallo"
    assert certificate.course_slug == "sample-course"
    assert certificate.course_version == "1.0"
    assert certificate.course_title == "Working together: a first look at cooperatives"
    assert certificate.language == "en"
    assert certificate.completed_at is not None
    assert certificate.score_percent is None
    assert certificate.issuer == "SSE Academy"
    assert certificate.issued_by_id is None
    assert not certificate.face_to_face
    assert certificate.duration_hours == 1.5
    assert certificate.settings["signatories"] == [
        {"name": "Ada Mensah", "title": "Course director"}
    ]
    assert certificate.settings["logo"]["path"].endswith("logo.svg")
    assert len(certificate.settings["logo"]["sha256"]) == 64
    assert actions(certificate) == ["issue"]
    mail = outbox.last()
    assert mail["To"] == learner.email
    assert "Working together" in mail["Subject"]
    assert outbox.link(contains="/verify/") == (
        f"http://academy.test/verify/{certificate.public_id}"
    )


def test_certificate_and_mail_follow_the_learners_languages(client, sample_course, outbox):
    learner = learner_who_completed(client, sample_course, locale="fr")
    [certificate] = certificates_of(learner)
    assert certificate.language == "fr"
    assert certificate.course_title.startswith("Travailler ensemble")
    assert certificate.settings["signatories"][0]["title"] == "Directrice du cours"
    assert outbox.last()["Content-Language"] == "fr"
    assert "certificat" in outbox.last()["Subject"].lower()


def test_the_snapshot_survives_profile_changes_and_reimports(client, sample_course, tmp_path):
    learner = learner_who_completed(client, sample_course, name="First Name")
    [certificate] = certificates_of(learner)
    learner.name = "Changed Name"
    db.session.commit()
    package = tmp_path / "sample-course"
    shutil.copytree(SAMPLE_PACKAGE, package)
    course_yaml = package / "course.yaml"
    text = course_yaml.read_text().replace('version: "1.0"', 'version: "2.0"')
    course_yaml.write_text(text.replace("a first look at cooperatives", "second edition"))
    import_package(package)
    certificate = reload(certificate)
    assert certificate.recipient_name == "First Name"
    assert certificate.course_version == "1.0"
    assert certificate.course_title == "Working together: a first look at cooperatives"


def test_a_certificate_refuses_changes_but_revocation(client, sample_course):
    learner = learner_who_completed(client, sample_course)
    [certificate] = certificates_of(learner)
    certificate.recipient_name = "Someone Else"
    with pytest.raises(ValueError, match="cannot change"):
        db.session.flush()
    db.session.rollback()


def test_issuing_twice_returns_the_same_certificate(app, sample_course):
    learner = make_user()
    first = services.issue_certificate(learner, sample_course)
    assert services.issue_certificate(learner, sample_course) is first
    db.session.commit()
    assert len(certificates_of(learner)) == 1


def test_public_ids_are_long_and_unguessable(app, sample_course):
    ids = {services.issue_certificate(make_user(), sample_course).public_id for _ in range(20)}
    assert len(ids) == 20
    assert all(len(public_id) >= 32 for public_id in ids)


def test_admin_mode_lists_completions_instead_of_issuing(client, sample_course, outbox):
    admin_issue_mode(sample_course)
    learner = learner_who_completed(client, sample_course)
    assert certificates_of(learner) == []
    assert len(outbox) == 0
    [ready] = services.ready_to_issue()
    assert ready.user.id == learner.id
    assert ready.course.id == sample_course.id
    admin = make_user(role="admin", name="Grace Admin")
    services.issue_certificate(learner, sample_course, issued_by=admin)
    db.session.commit()
    assert services.ready_to_issue() == []
    assert certificates_of(learner)[0].issuer == "Grace Admin"


def test_revoke_and_reissue_keep_the_history(client, sample_course):
    learner = learner_who_completed(client, sample_course, name="Old Name")
    [certificate] = certificates_of(learner)
    admin = make_user(role="admin", name="Grace Admin")
    learner.name = "New Name"
    replacement = services.reissue_certificate(certificate, admin, "Name corrected")
    db.session.commit()
    certificate = reload(certificate)
    assert certificate.state == "revoked"
    assert certificate.revocation_reason == "Name corrected"
    assert certificate.replaced_by_id == replacement.id
    assert certificate.recipient_name == "Old Name"
    assert replacement.recipient_name == "New Name"
    assert replacement.public_id != certificate.public_id
    assert actions(certificate) == ["issue", "reissue"]
    assert actions(replacement) == ["issue"]
    assert services.revoke_certificate(replacement, admin, "Fraud")
    assert not services.revoke_certificate(replacement, admin, "Again")
    db.session.commit()
    assert actions(replacement) == ["issue", "revoke"]
    entry = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert (entry.actor_id, entry.reason) == (admin.id, "Fraud")


def test_the_record_holds_the_snapshot_as_json_values(app, sample_course):
    learner = make_user(name="Record Learner")
    record = services.issue_certificate(learner, sample_course).as_record()
    assert record["recipient_name"] == "Record Learner"
    assert record["signatories"] == [{"name": "Ada Mensah", "title": "Course director"}]
    assert record["completed_at"] is None
    assert record["issued_at"].endswith("+00:00")
    assert record["state"] == "issued"


@pytest.mark.database
def test_the_database_keeps_one_active_certificate_per_course(app, sample_course, database_backend):
    from sqlalchemy.exc import IntegrityError

    learner = make_user()
    first = services.issue_certificate(learner, sample_course)
    db.session.commit()
    twin = services._snapshot(learner, sample_course, None, False)
    db.session.add(twin)
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()
    services.revoke_certificate(first, None, "Mistake")
    second = services.issue_certificate(learner, sample_course)
    db.session.commit()
    assert second.id != first.id

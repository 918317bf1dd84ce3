"""`academy certificates issue|revoke|list`."""

from __future__ import annotations

from sqlalchemy import select

from academy.certificates.models import Certificate
from academy.extensions import db
from tests.factories import make_user, reload


def test_issue_prints_the_verification_url(runner, sample_course):
    learner = make_user(name="Cli Learner")
    result = runner.invoke(args=["certificates", "issue", "--email", learner.email, "--course",
                                 "sample-course"])  # fmt: skip
    assert result.exit_code == 0, result.output
    certificate = db.session.scalar(select(Certificate))
    assert result.output.strip() == f"http://academy.test/verify/{certificate.public_id}"
    assert certificate.face_to_face
    assert certificate.recipient_name == "Cli Learner"


def test_issue_mails_the_learner_like_the_admin_page(runner, sample_course, outbox):
    learner = make_user(name="Mailed Learner")
    result = runner.invoke(args=["certificates", "issue", "--email", learner.email, "--course",
                                 "sample-course"])  # fmt: skip
    assert result.exit_code == 0, result.output
    certificate = db.session.scalar(select(Certificate))
    assert outbox.last()["To"] == learner.email
    assert outbox.link(contains="/verify/").endswith(f"/verify/{certificate.public_id}")


def test_issue_refuses_unknown_accounts_and_courses(runner, sample_course):
    learner = make_user()
    result = runner.invoke(args=["certificates", "issue", "--email", "no@example.org",
                                 "--course", "sample-course"])  # fmt: skip
    assert result.exit_code == 1
    assert "no account" in result.stderr
    result = runner.invoke(args=["certificates", "issue", "--email", learner.email,
                                 "--course", "nope"])  # fmt: skip
    assert result.exit_code == 1
    assert "no course" in result.stderr
    assert db.session.scalar(select(Certificate)) is None


def test_revoke_and_list(runner, sample_course):
    learner = make_user(name="Listed Learner")
    runner.invoke(args=["certificates", "issue", "--email", learner.email, "--course",
                        "sample-course"])  # fmt: skip
    certificate = db.session.scalar(select(Certificate))
    listing = runner.invoke(args=["certificates", "list", "--course", "sample-course"])
    assert certificate.public_id in listing.output
    assert "Listed Learner" in listing.output
    assert runner.invoke(args=["certificates", "list", "--course", "other"]).output == ""
    result = runner.invoke(args=["certificates", "revoke", certificate.public_id,
                                 "--reason", "Issued by mistake"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert reload(certificate).state == "revoked"
    assert reload(certificate).revocation_reason == "Issued by mistake"
    again = runner.invoke(args=["certificates", "revoke", certificate.public_id, "--reason", "x"])
    assert again.exit_code == 1
    missing = runner.invoke(args=["certificates", "revoke", "unknown", "--reason", "x"])
    assert missing.exit_code == 1
    assert "no certificate" in missing.stderr

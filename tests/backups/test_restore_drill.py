"""The restore drill: back up a filled database, damage it, restore it, find it as it was."""

from __future__ import annotations

import json
import re
import stat
import tarfile
from datetime import date

import pytest
from sqlalchemy import text

from academy.admin.seeding import seed_database
from academy.backups.schema import row_counts
from academy.certificates.models import Certificate
from academy.extensions import db
from tests.backups.helpers import backup, empty_database, restore, stamp_head
from tests.certificates.helpers import learner_who_completed
from tests.factories import make_user

pytestmark = pytest.mark.database


def _counts() -> dict[str, int]:
    db.session.remove()
    with db.engine.connect() as connection:
        return row_counts(connection)


def _verification(app, public_id: str) -> bytes:
    """The page anyone (no account) gets from the certificate's link."""
    response = app.test_client().get(f"/verify/{public_id}")
    assert response.status_code == 200
    # Each new visitor gets their own token for the language form; the rest is the record's.
    return re.sub(rb'(csrf_token" value=)"[^"]*"', rb"\1", response.data)


def test_a_restore_brings_back_every_row_and_the_certificate(
    app, client, sample_course, runner, tmp_path
):
    learner_who_completed(client, sample_course, name="Amina Diallo")
    stamp_head()
    certificate = db.session.scalar(db.select(Certificate))
    public_id = certificate.public_id
    before_page = _verification(app, public_id)
    assert b"Amina Diallo" in before_page
    before = _counts()
    assert before["certificates"] == 1
    assert before["users"] == 1

    result = backup(runner, tmp_path / "academy.backup")
    assert result.exit_code == 0, result.output
    assert "The signing keys" in result.output
    assert stat.S_IMODE((tmp_path / "academy.backup").stat().st_mode) == 0o600

    empty_database()
    assert app.test_client().get(f"/verify/{public_id}").status_code == 404
    assert _counts() == {table: 1 if table == "alembic_version" else 0 for table in before}

    # An empty database needs no --force.
    result = restore(runner, tmp_path / "academy.backup")
    assert result.exit_code == 0, result.output
    assert _counts() == before
    assert _verification(app, public_id) == before_page


def test_a_restore_refuses_a_database_holding_data_without_force(
    app, client, sample_course, runner, tmp_path
):
    learner_who_completed(client, sample_course)
    stamp_head()
    assert backup(runner, tmp_path / "academy.backup").exit_code == 0
    make_user(email="after.backup@example.org")
    before = _counts()

    result = restore(runner, tmp_path / "academy.backup")
    assert result.exit_code == 1
    assert "Error: The database holds data: add --force" in result.output
    assert _counts() == before
    assert before["users"] == 2


def test_a_backup_taken_during_a_write_holds_the_committed_state(app, runner, tmp_path):
    make_user()
    stamp_head()
    # The site is in the middle of a write it has not committed.
    with db.engine.connect() as writer:
        writer.begin()
        writer.execute(text("DELETE FROM alembic_version"))
        result = backup(runner, tmp_path / "academy.backup")
        writer.rollback()
    assert result.exit_code == 0, result.output
    with tarfile.open(tmp_path / "academy.backup") as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
    assert manifest["row_counts"]["alembic_version"] == 1
    assert manifest["row_counts"]["users"] == 1


def test_the_drill_on_a_seeded_academy(app, runner, tmp_path):
    """Hundreds of learners, their attempts and certificates; the damage is silent edits."""
    seed_database(120, 7, date(2026, 12, 1), lambda counts: None)
    db.session.commit()
    stamp_head()
    public_ids = db.session.scalars(db.select(Certificate.public_id).limit(3)).all()
    before_pages = [_verification(app, public_id) for public_id in public_ids]
    before = _counts()
    assert before["users"] == 120
    assert len(public_ids) == 3

    assert backup(runner, tmp_path / "academy.backup").exit_code == 0
    db.session.execute(db.update(Certificate).values(recipient_name="Someone Else"))
    db.session.commit()
    assert [_verification(app, public_id) for public_id in public_ids] != before_pages

    result = restore(runner, tmp_path / "academy.backup", "--force")
    assert result.exit_code == 0, result.output
    assert _counts() == before
    assert [_verification(app, public_id) for public_id in public_ids] == before_pages


def test_an_older_schema_is_restored_and_the_upgrade_named(app, runner, tmp_path):
    make_user()
    stamp_head("3b9e6d2f8c41")  # an earlier migration than the head
    assert backup(runner, tmp_path / "academy.backup").exit_code == 0
    empty_database()

    result = restore(runner, tmp_path / "academy.backup")
    assert result.exit_code == 0, result.output
    assert "Its schema is older than this code's: run `academy db upgrade` now." in result.output
    assert _counts()["users"] == 1

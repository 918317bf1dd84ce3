"""Work that must follow only a committed change (academy.database.after_commit)."""

from __future__ import annotations

import logging

from sqlalchemy import select

from academy.database import after_commit
from academy.extensions import db


def test_runs_once_after_the_commit_not_after_a_savepoint(app):
    ran = []
    after_commit(db.session, lambda: ran.append("mail"))
    with db.session.begin_nested():
        pass
    assert ran == []
    db.session.commit()
    assert ran == ["mail"]
    db.session.commit()
    assert ran == ["mail"]


def test_is_forgotten_when_the_transaction_rolls_back(app):
    ran = []
    db.session.execute(select(1))  # the change's transaction
    after_commit(db.session, lambda: ran.append("mail"))
    db.session.rollback()
    db.session.commit()
    assert ran == []


def test_a_savepoint_rolled_back_keeps_what_the_transaction_queued(app):
    ran = []
    after_commit(db.session, lambda: ran.append("mail"))
    savepoint = db.session.begin_nested()
    savepoint.rollback()
    db.session.commit()
    assert ran == ["mail"]


def test_a_failure_is_logged_and_the_rest_still_runs(app, caplog):
    ran = []

    def fail():
        raise OSError("mail server down")

    after_commit(db.session, fail)
    after_commit(db.session, lambda: ran.append("second"))
    with caplog.at_level(logging.ERROR, logger="academy.database"):
        db.session.commit()
    assert ran == ["second"]
    assert [r.getMessage() for r in caplog.records] == ["Work after a commit failed"]

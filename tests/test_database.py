"""SQLite tuning, write transactions, UTC times on every database."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import create_engine, select, text

from academy.auth.models import User
from academy.database import write_transactions
from academy.extensions import db
from tests.factories import make_user


@pytest.mark.database
def test_times_come_back_timezone_aware_in_utc(app, database_backend):
    user = make_user()
    paris = timezone(timedelta(hours=1))
    user.confirmed_at = datetime(2026, 3, 1, 12, 30, tzinfo=paris)
    db.session.commit()
    db.session.expire_all()
    stored = db.session.scalar(select(User.confirmed_at).where(User.id == user.id))
    assert stored.tzinfo is not None
    assert stored.utcoffset() == timedelta(0)
    assert stored == datetime(2026, 3, 1, 11, 30, tzinfo=UTC)


def test_naive_times_are_refused(app):
    user = make_user()
    user.confirmed_at = datetime(2026, 3, 1, 12, 30)  # noqa: DTZ001 - the point of the test
    with pytest.raises(Exception, match="naive"):
        db.session.commit()
    db.session.rollback()


def test_sqlite_runs_in_wal_mode_with_foreign_keys_and_a_busy_timeout(app):
    connection = db.session.connection()
    assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def _transaction_kind(app, method: str | None) -> str:
    """Begin a transaction and report whether it holds SQLite's write lock."""
    statements = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)

    from sqlalchemy import event

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        if method:
            with app.test_request_context("/", method=method):
                db.session.execute(text("SELECT 1"))
                db.session.rollback()
        else:
            with write_transactions():
                db.session.execute(text("SELECT 1"))
                db.session.rollback()
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return next(s for s in statements if s.startswith("BEGIN"))


def test_unsafe_requests_and_command_line_writes_begin_immediately(app):
    assert _transaction_kind(app, "POST") == "BEGIN IMMEDIATE"
    assert _transaction_kind(app, "DELETE") == "BEGIN IMMEDIATE"
    assert _transaction_kind(app, None) == "BEGIN IMMEDIATE"
    assert _transaction_kind(app, "GET") == "BEGIN"


def test_concurrent_read_then_write_transactions_never_see_database_is_locked(app):
    """Ten writers that read, pause, then write: deferred transactions would fail."""
    user_id = make_user().id
    errors: list[Exception] = []
    barrier = threading.Barrier(10)

    def writer():
        try:
            with app.test_request_context("/", method="POST"):
                barrier.wait()
                row = db.session.get(User, user_id)
                row.session_version = row.session_version + 1
                db.session.commit()
                db.session.remove()
        except Exception as error:  # collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=writer) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    db.session.rollback()
    assert db.session.get(User, user_id).session_version == 11


@pytest.mark.parametrize("database_backend", ["postgresql"], indirect=True)
def test_a_pooled_connection_the_server_closed_is_replaced_before_use(client, database_url):
    """After a database restart, an idle worker's first request still succeeds."""
    assert client.get("/healthz").status_code == 200  # leaves a connection in the pool
    admin = create_engine(database_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            closed = connection.execute(
                text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            ).scalar_one()
    finally:
        admin.dispose()
    assert closed == 1
    assert client.get("/healthz").status_code == 200

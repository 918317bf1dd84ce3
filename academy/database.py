"""Database helpers: SQLite tuning, write transactions, work after commit, UTC times."""

from __future__ import annotations

import contextvars
import json
import logging
import unicodedata
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from flask import has_request_context, request
from sqlalchemy import DateTime, Text, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeDecorator

log = logging.getLogger(__name__)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
_write_intent: contextvars.ContextVar[bool] = contextvars.ContextVar("write_intent", default=False)


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """A timezone-aware UTC datetime on every database.

    SQLite has no time zones, so values are stored as naive UTC and given
    their zone back when read; naive values are refused rather than guessed.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where a UTC time is expected")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


@contextmanager
def write_transactions() -> Iterator[None]:
    """Make transactions begun inside this block take the write lock at once.

    For command-line writers; requests decide from their HTTP method.
    """
    token = _write_intent.set(True)
    try:
        yield
    finally:
        _write_intent.reset(token)


def _wants_write_lock() -> bool:
    if has_request_context():
        return request.method not in SAFE_METHODS
    return _write_intent.get()


def fold_text(value: str | None) -> str | None:
    """value case-folded and without accents: "Émilie" and "emilie" match."""
    if value is None:
        return None
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def configure_sqlite(engine: Engine) -> None:
    """Open SQLite for many processes: WAL, foreign keys, busy timeout.

    A deferred transaction that reads and then writes can fail at once with
    "database is locked" when another process wrote in between, whatever the
    busy timeout. Writers therefore begin with BEGIN IMMEDIATE, which waits
    for the lock; page views keep plain, concurrent read transactions.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Take transaction control away from the driver so "begin" below rules.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
        # SQLite's lower() knows ASCII only: searches fold names in Python (fold_text).
        dbapi_connection.create_function("academy_fold", 1, fold_text, deterministic=True)

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE" if _wants_write_lock() else "BEGIN")


def engine_options(url: str) -> dict:
    """Engine options for the database at url.

    A server database may close a pooled connection (a restart, a failover,
    an idle timeout): pre-ping tests each connection as a request takes it
    from the pool and replaces a dead one, so the first request after the
    database is back does not fail on a worker that was idle meanwhile. An
    embedded SQLite connection cannot be closed under us.
    """
    return {} if url.startswith("sqlite") else {"pool_pre_ping": True}


def init_engine_events(engine: Engine) -> None:
    if engine.dialect.name == "sqlite":
        configure_sqlite(engine)


class SharedJSON(TypeDecorator):
    """JSON stored as text, decoded once per process for each distinct value.

    For large values read on every page (a course's outline): rows carrying
    the same text get the same decoded object, so callers must treat it as
    read-only and assign a new value to change it.
    """

    impl = Text
    cache_ok = True
    _decoded: OrderedDict[str, object] = OrderedDict()
    _limit = 64

    def process_bind_param(self, value, dialect):
        return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        decoded = self._decoded.get(value)
        if decoded is None:
            decoded = json.loads(value)
            self._decoded[value] = decoded
            if len(self._decoded) > self._limit:
                self._decoded.popitem(last=False)
        else:
            self._decoded.move_to_end(value)
        return decoded


_AFTER_COMMIT = "academy.after_commit"


def after_commit(session, callback: Callable[[], None]) -> None:
    """Run callback once session's transaction is committed; forget it on rollback.

    For what must follow only a saved change, such as the mail telling of it;
    call it inside the transaction that makes the change.
    """
    session.info.setdefault(_AFTER_COMMIT, []).append(callback)


@event.listens_for(Session, "after_commit")
def _run_after_commit(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint was released: nothing is committed yet
    for callback in session.info.pop(_AFTER_COMMIT, []):
        try:
            callback()
        except Exception:
            # The change is saved whatever happens here: log, never undo it or fail the page.
            log.exception("Work after a commit failed")


@event.listens_for(Session, "after_soft_rollback")
def _forget_after_rollback(session: Session, previous_transaction) -> None:
    if previous_transaction.parent is None:  # the whole transaction, not a savepoint
        session.info.pop(_AFTER_COMMIT, None)

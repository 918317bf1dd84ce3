"""Shared pieces of the admin console's tests."""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import event, select

from academy.certificates.models import AuditEntry
from academy.extensions import db
from tests.factories import make_user, sign_in


def signed_in_admin(client, email: str = "console-admin@example.org", **options):
    admin = make_user(email, role="admin", **options)
    assert sign_in(client, email).status_code == 302
    return admin


def audit_rows() -> list[tuple]:
    """(action, actor id, subject id, reason, details) of every entry, oldest first."""
    db.session.rollback()
    entries = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id))
    return [(e.action, e.actor_id, e.subject_user_id, e.reason, e.details) for e in entries]


@contextmanager
def counted_statements():
    """Count the SQL statements run inside the block: the list it yields holds the count."""
    count = [0]

    def counter(*_args, **_kwargs):
        count[0] += 1

    event.listen(db.engine, "before_cursor_execute", counter)
    try:
        yield count
    finally:
        event.remove(db.engine, "before_cursor_execute", counter)

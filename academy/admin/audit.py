"""The audit log as admins read it: every entry, filtered, newest first, and as CSV.

One query a page (with its count): who acted, whom it was about and the
certificate come from outer joins, never a query per row. Dates are days in
the admin's own time zone, turned into UTC bounds here.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from sqlalchemy import Select, func, select
from sqlalchemy.orm import aliased

from academy.admin.labels import action_label
from academy.admin.search import fold, pattern
from academy.auth.models import User
from academy.certificates.models import AUDIT_ACTIONS, AuditEntry, Certificate
from academy.extensions import db
from academy.trainers.learners_csv import BOM, safe_cell

PAGE_SIZE = 50
Actor = aliased(User, name="actor")
Subject = aliased(User, name="subject")


@dataclass(frozen=True)
class Filters:
    action: str = ""
    actor: str = ""
    course: str = ""
    since: date | None = None
    until: date | None = None
    subject: int | None = None
    zone: str = "UTC"

    def bounds(self) -> tuple[datetime | None, datetime | None]:
        """[start, end) in UTC: from the first day's midnight to the day after the last."""
        zone = ZoneInfo(self.zone)

        def midnight(day: date) -> datetime:
            return datetime.combine(day, time.min, tzinfo=zone).astimezone(UTC)

        start = midnight(self.since) if self.since else None
        end = midnight(self.until + timedelta(days=1)) if self.until else None
        return start, end

    def clauses(self) -> list:
        found = []
        if self.action in AUDIT_ACTIONS:
            found.append(AuditEntry.action == self.action)
        if self.actor.strip():
            found.append(fold(Actor.email).like(pattern(self.actor), escape="\\"))
        if self.course.strip():
            found.append(AuditEntry.course_slug == self.course.strip())
        if self.subject is not None:
            found.append(AuditEntry.subject_user_id == self.subject)
        start, end = self.bounds()
        if start is not None:
            found.append(AuditEntry.at >= start)
        if end is not None:
            found.append(AuditEntry.at < end)
        return found


@dataclass(frozen=True)
class Row:
    entry: AuditEntry
    actor: User | None
    subject: User | None
    certificate: str | None


def _query(filters: Filters) -> Select:
    return (
        select(AuditEntry, Actor, Subject, Certificate.public_id)
        .outerjoin(Actor, Actor.id == AuditEntry.actor_id)
        .outerjoin(Subject, Subject.id == AuditEntry.subject_user_id)
        .outerjoin(Certificate, Certificate.id == AuditEntry.certificate_id)
        .where(*filters.clauses())
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    )


def page_of(filters: Filters, page: int) -> tuple[list[Row], int]:
    total = db.session.scalar(
        select(func.count(AuditEntry.id))
        .select_from(AuditEntry)
        .outerjoin(Actor, Actor.id == AuditEntry.actor_id)
        .where(*filters.clauses())
    )
    rows = db.session.execute(_query(filters).offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE))
    return [Row(*row) for row in rows], total


def courses_in_log() -> list[str]:
    """The course ids the log mentions, for the course filter."""
    slugs = select(AuditEntry.course_slug).where(AuditEntry.course_slug.is_not(None)).distinct()
    return sorted(db.session.scalars(slugs))


def _person(user: User | None) -> str:
    if user is None:
        return ""
    return user.email or _("Deleted account")


def audit_csv(filters: Filters) -> str:
    """Every entry the filters keep, newest first; times in UTC, ISO 8601."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    header = [
        _("When (UTC)"),
        _("By"),
        _("Action"),
        _("Action id"),
        _("Certificate"),
        _("Course"),
        _("Account concerned"),
        _("Reason"),
        _("Details"),
    ]
    writer.writerow([safe_cell(cell) for cell in header])
    for entry, actor, subject, certificate in db.session.execute(_query(filters)):
        cells = [
            entry.at.astimezone(UTC).isoformat(timespec="seconds"),
            _person(actor) if entry.actor_id is not None else _("System"),
            action_label(entry.action),
            entry.action,
            certificate or "",
            entry.course_slug or "",
            _person(subject),
            entry.reason or "",
            entry.details or "",
        ]
        writer.writerow([safe_cell(cell) for cell in cells])
    return BOM + buffer.getvalue()

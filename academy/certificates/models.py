"""Certificates and the audit log of what was done to them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    event,
    inspect,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from academy.auth.models import CONSTITUENT_GROUPS, SEXES
from academy.database import UTCDateTime, utcnow
from academy.extensions import db

ISSUED = "issued"
REVOKED = "revoked"
STATES = (ISSUED, REVOKED)
ACTIONS = ("issue", "revoke", "reissue")
# The issuer printed on certificates issued on completion, without an admin.
AUTOMATIC_ISSUER = "SSE Academy"


class Certificate(db.Model):
    """One certificate: a snapshot taken at issue; only revocation fields change later."""

    __tablename__ = "certificates"
    __table_args__ = (
        CheckConstraint("state IN ('issued', 'revoked')", name="state"),
        # One active certificate per learner and course, whatever the race.
        Index(
            "uq_certificates_active",
            "user_id",
            "course_id",
            unique=True,
            sqlite_where=text("state = 'issued'"),
            postgresql_where=text("state = 'issued'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The unguessable id in the verification URL (token_urlsafe(24): 192 random bits).
    public_id: Mapped[str] = mapped_column(String(64), unique=True)
    # None: a face-to-face participant without an account yet (see Participant).
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    course_id: Mapped[int | None] = mapped_column(ForeignKey("courses.id"), index=True)
    recipient_name: Mapped[str] = mapped_column(String(200))
    course_slug: Mapped[str] = mapped_column(String(100))
    course_version: Mapped[str] = mapped_column(String(50))
    course_title: Mapped[str] = mapped_column(String(300))
    language: Mapped[str] = mapped_column(String(20))
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    score_percent: Mapped[float | None] = mapped_column(Float)
    duration_hours: Mapped[float | None] = mapped_column(Float)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    issuer: Mapped[str] = mapped_column(String(200))
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    face_to_face: Mapped[bool] = mapped_column(Boolean, default=False)
    # What the course's certificate settings printed: signatories (titles in
    # the certificate language), logo (asset path and sha256), template, and
    # the learner's cohort (name, starts_on, ends_on) when it prints them.
    settings: Mapped[dict] = mapped_column(JSON, default=dict)
    state: Mapped[str] = mapped_column(String(16), default=ISSUED)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revocation_reason: Mapped[str | None] = mapped_column(Text)
    replaced_by_id: Mapped[int | None] = mapped_column(ForeignKey("certificates.id"))

    replaced_by: Mapped[Certificate | None] = relationship(
        remote_side=[id], foreign_keys=[replaced_by_id], lazy="select"
    )

    @property
    def is_valid(self) -> bool:
        return self.state == ISSUED

    @property
    def is_withdrawn(self) -> bool:
        """Withdrawn by its holder: revoked, and the name it printed erased."""
        return self.state == REVOKED and self.recipient_name == ""

    def as_record(self) -> dict:
        """The snapshot as plain JSON values, for renderings (PDF, credential)."""

        def moment(value: datetime | None) -> str | None:
            return value.isoformat() if value is not None else None

        settings = self.settings or {}
        return {
            "public_id": self.public_id,
            "recipient_name": self.recipient_name,
            "course_slug": self.course_slug,
            "course_version": self.course_version,
            "course_title": self.course_title,
            "language": self.language,
            "completed_at": moment(self.completed_at),
            "score_percent": self.score_percent,
            "duration_hours": self.duration_hours,
            "issued_at": moment(self.issued_at),
            "issuer": self.issuer,
            "face_to_face": self.face_to_face,
            "signatories": settings.get("signatories", []),
            "logo": settings.get("logo"),
            "template": settings.get("template"),
            # The cohort's name and dates ({"name", "starts_on", "ends_on"}) or None.
            "cohort": settings.get("cohort"),
            "state": self.state,
            "revoked_at": moment(self.revoked_at),
        }

    def __repr__(self) -> str:
        return f"<Certificate {self.id} {self.course_slug} {self.state}>"


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IS NULL OR {column} IN ({', '.join(repr(v) for v in values)})"


class Participant(db.Model):
    """Who a face-to-face certificate was issued to, kept with it for the reports.

    The certificate prints the name; here are the address it was mailed to
    (case-folded: the certificate attaches to the account that confirms it)
    and what the reports count. Written once, at issue.
    """

    __tablename__ = "certificate_participants"
    __table_args__ = (
        CheckConstraint(_in("sex", SEXES), name="sex"),
        CheckConstraint(_in("constituent_group", CONSTITUENT_GROUPS), name="constituent_group"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    certificate_id: Mapped[int] = mapped_column(ForeignKey("certificates.id"), unique=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    attended_on: Mapped[date] = mapped_column(Date)
    country: Mapped[str | None] = mapped_column(String(2))
    sex: Mapped[str | None] = mapped_column(String(20))
    constituent_group: Mapped[str | None] = mapped_column(String(40))
    organization: Mapped[str | None] = mapped_column(String(200))

    def __repr__(self) -> str:
        return f"<Participant certificate={self.certificate_id}>"


# What the audit log records: certificates, then courses and cohorts.
AUDIT_ACTIONS = (
    "issue",
    "revoke",
    "reissue",
    "upload",
    "publish",
    "restore",
    "unpublish",
    "assign_owner",
    "remove_owner",
    "create_cohort",
    "update_cohort",
    "enrol_from_file",
    "announce",
    # The admin console (academy.admin): what admins do to accounts.
    "create_account",
    "change_role",
    "deactivate",
    "reactivate",
    "set_name",
)


class AuditEntry(db.Model):
    """Something staff did: by whom (None: the system), when, to what, and why.

    Certificates (issue, revoke, reissue) name their certificate; what
    trainers do to courses and cohorts names the course. The action names
    are listed in AUDIT_ACTIONS and checked where entries are written, so a
    new kind of entry needs no migration.
    """

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(32))
    certificate_id: Mapped[int | None] = mapped_column(ForeignKey("certificates.id"), index=True)
    course_slug: Mapped[str | None] = mapped_column(String(100), index=True)
    reason: Mapped[str | None] = mapped_column(Text)
    details: Mapped[str] = mapped_column(Text, default="")
    # The account an entry is about (a role changed, an account deactivated),
    # so the log can be read per person.
    subject_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)

    def __repr__(self) -> str:
        return f"<AuditEntry {self.action} certificate={self.certificate_id}>"


class CertificatePDF(db.Model):
    """The last rendering of a certificate's PDF, shared by every app server.

    The bytes are a function of what the ETag hashes (record, template,
    renderer), so a row whose etag matches is served as it is; a new ETag
    (a renderer or font upgrade) replaces the row. Only a cache: deleting
    rows loses nothing but render time.
    """

    __tablename__ = "certificate_pdfs"

    id: Mapped[int] = mapped_column(primary_key=True)
    certificate_id: Mapped[int] = mapped_column(ForeignKey("certificates.id"), unique=True)
    etag: Mapped[str] = mapped_column(String(64))
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    rendered_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    def __repr__(self) -> str:
        return f"<CertificatePDF certificate={self.certificate_id} {self.etag[:8]}>"


MUTABLE = frozenset({"state", "revoked_at", "revocation_reason", "replaced_by_id", "replaced_by"})


@event.listens_for(Certificate, "before_update")
def _refuse_changes_to_the_snapshot(_mapper, _connection, target: Certificate) -> None:
    """Only the revocation fields of an issued certificate may change, and its name be erased.

    Erasing is how a holder withdraws a certificate (withdrawal.withdraw_certificates);
    the name can never become another name. A face-to-face certificate issued
    without an account gains one once (academy.certificates.face_to_face.attach).
    """
    state = inspect(target)
    changed = [
        attribute.key
        for attribute in state.attrs
        if attribute.key not in MUTABLE
        and attribute.history.has_changes()
        and not (attribute.key == "recipient_name" and target.recipient_name == "")
        and not (attribute.key == "user_id" and _was_unset(attribute.history))
    ]
    if changed:
        raise ValueError(f"a certificate cannot change after issue: {', '.join(changed)}")


def _was_unset(history) -> bool:
    return list(history.deleted) == [None]

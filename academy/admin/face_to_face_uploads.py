"""A face-to-face file waiting for its admin's confirmation: kept once, issued at most once.

The upload's bytes are kept in the database, not on one server's disk, so
the preview and the confirmation may reach different app servers. The
admin's link carries a random token; the row keeps only its SHA-256 (a
copy of the table lets nobody confirm), the SHA-256 of the bytes (checked
before they are read again), who uploaded them (nobody else may use the
token) and when the preview expires. Issuing marks the row used and erases
the bytes in the same transaction as the certificates, so a second
confirmation finds it used and issues nothing. Functions flush; the view
commits.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import ForeignKey, Integer, LargeBinary, String, delete, select
from sqlalchemy.orm import Mapped, mapped_column

from academy.auth.models import User
from academy.database import UTCDateTime, utcnow
from academy.extensions import db

UNKNOWN, EXPIRED, ISSUED, WAITING = "unknown", "expired", "issued", "waiting"
CHANGED = "changed"  # the bytes no longer match their digest (data_of)


class FaceToFaceUpload(db.Model):
    """An admin's participants file between its preview and its confirmation."""

    __tablename__ = "face_to_face_uploads"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    issued_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    issued_count: Mapped[int | None] = mapped_column(Integer)

    def __repr__(self) -> str:
        return f"<FaceToFaceUpload {self.id} by={self.uploaded_by_id}>"


def _digest(value: bytes) -> str:
    return hashlib.sha256(value).hexdigest()


def lifetime_minutes() -> int:
    return current_app.config["FACE_TO_FACE_PREVIEW_SECONDS"] // 60


def keep(data: bytes, admin: User) -> str:
    """Keep data for admin's confirmation; the token for its links.

    Rows past their expiry (used or not) are deleted first: an unconfirmed
    file is other people's data, kept no longer than its preview lasts.
    """
    now = utcnow()
    db.session.execute(delete(FaceToFaceUpload).where(FaceToFaceUpload.expires_at < now))
    token = secrets.token_urlsafe(32)
    seconds = current_app.config["FACE_TO_FACE_PREVIEW_SECONDS"]
    db.session.add(
        FaceToFaceUpload(
            token_sha256=_digest(token.encode()),
            sha256=_digest(data),
            data=data,
            uploaded_by_id=admin.id,
            uploaded_at=now,
            expires_at=now + timedelta(seconds=seconds),
        )
    )
    db.session.flush()
    return token


def find(token: str, admin: User, *, lock: bool = False) -> tuple[str, FaceToFaceUpload | None]:
    """(state, upload) of admin's token: UNKNOWN (also another admin's), EXPIRED, ISSUED, WAITING.

    lock holds the row until the commit (PostgreSQL), so of two confirmations
    at once the second waits and then finds it ISSUED; SQLite's writers
    already wait for each other (BEGIN IMMEDIATE).
    """
    statement = select(FaceToFaceUpload).where(
        FaceToFaceUpload.token_sha256 == _digest(token.encode()),
        FaceToFaceUpload.uploaded_by_id == admin.id,
    )
    if lock:
        statement = statement.with_for_update()
    upload = db.session.scalar(statement)
    if upload is None:
        return UNKNOWN, None
    if upload.issued_at is not None:
        return ISSUED, upload
    if upload.expires_at <= utcnow():
        return EXPIRED, upload
    return WAITING, upload


def data_of(upload: FaceToFaceUpload) -> bytes | None:
    """The kept bytes, or None when they no longer match the digest taken at upload."""
    data = bytes(upload.data)
    return data if _digest(data) == upload.sha256 else None


def mark_issued(upload: FaceToFaceUpload, count: int) -> None:
    """Record that the file was issued; its bytes are no longer needed."""
    upload.issued_at = utcnow()
    upload.issued_count = count
    upload.data = b""
    db.session.flush()


def discard(upload: FaceToFaceUpload) -> None:
    db.session.delete(upload)
    db.session.flush()

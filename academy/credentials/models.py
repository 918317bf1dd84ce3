"""The signed Open Badges credential of a certificate, stored once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from academy.database import UTCDateTime, utcnow
from academy.extensions import db


class Credential(db.Model):
    """A certificate's OpenBadgeCredential, signed once as a compact VC-JWT.

    The token is what was signed, byte for byte: signing again would give a
    new credential (another key, another date), so it is kept, not rebuilt.
    status_index is the certificate's bit in the published status list
    (academy.credentials.status_list), chosen at random among the free ones.
    salt is the one the recipient's email hash was salted with (the token
    carries it too, so the holder can prove the address).
    """

    __tablename__ = "credentials"

    id: Mapped[int] = mapped_column(primary_key=True)
    certificate_id: Mapped[int] = mapped_column(ForeignKey("certificates.id"), unique=True)
    status_index: Mapped[int] = mapped_column(Integer, unique=True)
    salt: Mapped[str] = mapped_column(String(64))
    token: Mapped[str] = mapped_column(Text)
    key_id: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    def __repr__(self) -> str:
        return f"<Credential certificate={self.certificate_id} index={self.status_index}>"

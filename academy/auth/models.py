"""Accounts, registrations waiting for confirmation, and the throttle counters."""

from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from academy.database import UTCDateTime, utcnow
from academy.extensions import db

ROLES = ("learner", "trainer", "admin")
SEXES = ("woman", "man", "another", "undisclosed")
CONSTITUENT_GROUPS = (
    "government",
    "employers",
    "workers",
    "sse_entity",
    "training_research",
    "other",
)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


# What a person tells about themselves: kept on the account, and on a registration
# until it becomes one (academy.auth.registrations copies them across).
PROFILE_FIELDS = (
    "name",
    "locale",
    "country",
    "time_zone",
    "sex",
    "constituent_group",
    "organization",
)


class Profile:
    """The profile columns an account and a waiting registration share."""

    # The name exactly as it should be printed on a certificate.
    name: Mapped[str] = mapped_column(String(200), default="")
    locale: Mapped[str] = mapped_column(String(8), default="en")
    country: Mapped[str | None] = mapped_column(String(2))
    sex: Mapped[str | None] = mapped_column(String(16))
    constituent_group: Mapped[str | None] = mapped_column(String(32))
    organization: Mapped[str] = mapped_column(String(200), default="")
    # An IANA zone (academy.time_zones) chosen on the profile, or told by the
    # browser at registration; NULL follows the country (academy.i18n.user_time_zone).
    time_zone: Mapped[str | None] = mapped_column(String(64))


def _profile_checks() -> tuple[CheckConstraint, ...]:
    # New objects for each table: a constraint belongs to one table.
    return (
        CheckConstraint(f"sex IS NULL OR {_in('sex', SEXES)}", name="sex"),
        CheckConstraint(
            f"constituent_group IS NULL OR {_in('constituent_group', CONSTITUENT_GROUPS)}",
            name="constituent_group",
        ),
    )


class User(Profile, UserMixin, db.Model):
    __tablename__ = "users"
    __table_args__ = (CheckConstraint(_in("role", ROLES), name="role"), *_profile_checks())

    id: Mapped[int] = mapped_column(primary_key=True)
    # Case-folded; NULL once the account is deleted, so the address can register again.
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default="learner")
    # Part of the login id: bumping it ends every session and remember-me cookie.
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_sign_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Set by an admin (academy.admin.users): the account cannot sign in until
    # reactivated; nothing else about it changes.
    deactivated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"

    @property
    def is_active(self) -> bool:
        return (
            self.confirmed_at is not None
            and self.deleted_at is None
            and self.deactivated_at is None
        )

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def is_trainer(self) -> bool:
        return self.role in ("trainer", "admin")

    def get_id(self) -> str:
        return f"{self.id}.{self.session_version}"


class Registration(Profile, db.Model):
    """A registration waiting for its address to be confirmed.

    No account exists until the mailbox owner follows the emailed link, so
    nobody who merely typed someone else's address can hold an account that
    survives its confirmation. Several may wait for one address; confirming
    one creates (or takes over) the account with its choices and drops the rest.
    """

    __tablename__ = "registrations"
    __table_args__ = _profile_checks()

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    def __repr__(self) -> str:
        return f"<Registration {self.id}>"


class SignInFailure(db.Model):
    """A throttle counter (academy.auth.throttle): one row a key, its fixed window.

    Keys hold digests, never an email or network address: failed passwords
    under "pair:<account>:<address>", "account:<account>" and "address:<address>"
    (<account> digests the email with its current password hash); mails under
    "email-change:<user id>", "activation-mails:<email>" and "reset-mails:<email>".
    Kept in the database so every worker and app server sees the same counts.
    """

    __tablename__ = "sign_in_failures"

    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
    # Indexed: every new count deletes the rows whose window is long past.
    window_started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)

    def __repr__(self) -> str:
        return f"<SignInFailure {self.key} {self.count}>"

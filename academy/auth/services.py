"""Account operations. They flush; the request or command commits once."""

from __future__ import annotations

import enum

from sqlalchemy import select

from academy.auth import throttle
from academy.auth.models import ROLES, Registration, User
from academy.auth.passwords import hash_password, needs_rehash, verify_password
from academy.auth.sessions import end_all_sessions
from academy.database import utcnow
from academy.extensions import db

PROFILE_FIELDS = ("name", "locale", "country", "sex", "constituent_group", "organization")


class SignIn(enum.Enum):
    OK = "ok"
    INVALID = "invalid"
    THROTTLED = "throttled"
    UNCONFIRMED = "unconfirmed"


def find_user(email: str) -> User | None:
    """The live account registered with email (already case-folded), if any."""
    if not email:
        return None
    return db.session.scalar(select(User).where(User.email == email, User.deleted_at.is_(None)))


def latest_registration(email: str) -> Registration | None:
    """The newest registration waiting for email to be confirmed, if any."""
    statement = select(Registration).where(Registration.email == email)
    return db.session.scalar(statement.order_by(Registration.id.desc()).limit(1))


def create_user(
    email: str, password: str, *, role: str = "learner", confirmed: bool = False, **profile
) -> User:
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    user = User(email=email.strip().casefold(), password_hash=hash_password(password), role=role)
    update_profile(user, **profile)
    if confirmed:
        user.confirmed_at = utcnow()
    db.session.add(user)
    db.session.flush()
    return user


def update_profile(user: User, **profile) -> None:
    for key, value in profile.items():
        if key not in PROFILE_FIELDS:
            raise TypeError(f"not a profile field: {key}")
        if key in ("country", "sex"):
            value = value or None  # optional choices are stored as NULL, not ""
        setattr(user, key, value)


def confirm_email(user: User) -> None:
    if user.confirmed_at is None:
        user.confirmed_at = utcnow()


def authenticate(email: str, password: str, address: str) -> tuple[SignIn, User | None]:
    """Check a sign-in attempt, counting failures per account and per address.

    UNCONFIRMED comes with no user: the caller mails the address a new link
    (see academy.auth.registrations), and nothing is usable until it is followed.
    """
    user = find_user(email)
    if user is None:
        return _check_pending(email, password, address), None
    status = check_password(user, password, address)
    if status is not SignIn.OK:
        return status, None
    if user.confirmed_at is None:
        return SignIn.UNCONFIRMED, None
    user.last_sign_in_at = utcnow()
    return SignIn.OK, user


def check_password(user: User, password: str, address: str) -> SignIn:
    """Check user's password, as sign-in and every current-password field do."""
    account = throttle.account_key(user.email, user.password_hash)
    if throttle.is_throttled(account, address):
        return SignIn.THROTTLED
    if not verify_password(user.password_hash, password):
        throttle.record_failure(account, address)
        return SignIn.INVALID
    throttle.clear_account(account, address)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return SignIn.OK


def _check_pending(email: str, password: str, address: str) -> SignIn:
    pending = latest_registration(email)
    password_hash = pending.password_hash if pending else None
    account = throttle.account_key(email, password_hash)
    if throttle.is_throttled(account, address):
        return SignIn.THROTTLED
    # One hash check whether or not the address is known, so both take as long.
    if not verify_password(password_hash, password):
        throttle.record_failure(account, address)
        return SignIn.INVALID
    return SignIn.UNCONFIRMED


def set_password(user: User, password: str) -> None:
    """Change the password and end every session, remember-me cookies included."""
    user.password_hash = hash_password(password)
    end_all_sessions(user)


def change_email(user: User, new_email: str) -> bool:
    """Move the account to new_email; False when another account took it meanwhile."""
    if find_user(new_email) is not None:
        return False
    user.email = new_email
    end_all_sessions(user)
    return True


def set_role(user: User, role: str) -> None:
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    user.role = role

"""Account operations. They flush; the request or command commits once."""

from __future__ import annotations

import enum

from sqlalchemy import select

from academy.auth import throttle
from academy.auth.models import ROLES, User
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


def register(email: str, password: str, **profile) -> tuple[User | None, User | None]:
    """Create an unconfirmed account, or return the existing one untouched.

    Returns (new user, None) or (None, existing user): the caller answers
    both the same way, and mails the existing owner instead.
    """
    existing = find_user(email)
    if existing is not None:
        hash_password(password)  # spend the same time either way
        return None, existing
    return create_user(email, password, **profile), None


def confirm_email(user: User) -> None:
    if user.confirmed_at is None:
        user.confirmed_at = utcnow()


def authenticate(email: str, password: str, address: str) -> tuple[SignIn, User | None]:
    """Check a sign-in attempt, counting failures per account and per address."""
    if throttle.is_throttled(email, address):
        return SignIn.THROTTLED, None
    user = find_user(email)
    if not verify_password(user.password_hash if user else None, password):
        throttle.record_failure(email, address)
        return SignIn.INVALID, None
    throttle.clear_account(email)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    if user.confirmed_at is None:
        return SignIn.UNCONFIRMED, user
    user.last_sign_in_at = utcnow()
    return SignIn.OK, user


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

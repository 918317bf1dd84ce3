"""Account operations. They flush; the request or command commits once."""

from __future__ import annotations

import enum

from flask import current_app
from sqlalchemy import select

from academy.auth import throttle
from academy.auth.models import PROFILE_FIELDS, ROLES, Registration, User
from academy.auth.passwords import hash_password, needs_rehash, verify_password
from academy.auth.sessions import end_all_sessions
from academy.auth.signals import account_confirmed
from academy.database import utcnow
from academy.extensions import db

# Registrations kept per address (see academy.auth.registrations): room for
# second thoughts, not for a flood. A sign-in always makes this many hash checks.
MAX_PENDING = 3


class SignIn(enum.Enum):
    OK = "ok"
    INVALID = "invalid"
    THROTTLED = "throttled"
    UNCONFIRMED = "unconfirmed"
    DEACTIVATED = "deactivated"


def find_user(email: str) -> User | None:
    """The live account registered with email (already case-folded), if any."""
    if not email:
        return None
    return db.session.scalar(select(User).where(User.email == email, User.deleted_at.is_(None)))


def waiting_registrations(email: str) -> list[Registration]:
    """The registrations waiting for email to be confirmed, newest first."""
    statement = select(Registration).where(Registration.email == email)
    return list(db.session.scalars(statement.order_by(Registration.id.desc()).limit(MAX_PENDING)))


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
    if confirmed:  # an admin vouches for the address (academy users create)
        account_confirmed.send(current_app._get_current_object(), user=user)
    return user


def update_profile(user: User, **profile) -> None:
    for key, value in profile.items():
        if key not in PROFILE_FIELDS:
            raise TypeError(f"not a profile field: {key}")
        if key in ("country", "sex", "time_zone"):
            value = value or None  # optional choices are stored as NULL, not ""
        setattr(user, key, value)


def confirm_email(user: User) -> None:
    """The account's address is proven (its emailed link was followed): say so, once."""
    if user.confirmed_at is None:
        user.confirmed_at = utcnow()
        db.session.flush()
        account_confirmed.send(current_app._get_current_object(), user=user)


def authenticate(
    email: str, password: str, address: str
) -> tuple[SignIn, User | Registration | None]:
    """Check a sign-in attempt, counting failures per account and per address.

    OK comes with the user. UNCONFIRMED comes with what waits for the address
    to be confirmed, for the caller to mail its link again (see
    academy.auth.registrations): the registration whose password matched, or
    an account left unconfirmed by an older version. Nothing is usable until
    the link is followed. Every attempt makes MAX_PENDING hash checks (none
    once throttled), so timing tells neither whether the address has an
    account nor how many registrations wait for it.
    """
    user = find_user(email)
    if user is None:
        return _check_pending(email, password, address)
    status = check_password(user, password, address)
    if status is not SignIn.THROTTLED:
        _spend_hash_checks(MAX_PENDING - 1, password)
    if status is not SignIn.OK:
        return status, None
    # Told only to whoever knows the password: the state is the account's business.
    if user.deactivated_at is not None:
        return SignIn.DEACTIVATED, None
    if user.confirmed_at is None:
        return SignIn.UNCONFIRMED, user
    return SignIn.OK, user


def record_sign_in(user: User) -> bool:
    """Note that user signed in now; True if it is their first sign-in."""
    first = user.last_sign_in_at is None
    user.last_sign_in_at = utcnow()
    return first


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


def _spend_hash_checks(count: int, password: str) -> None:
    for _ in range(count):
        verify_password(None, password)


def _check_pending(email: str, password: str, address: str) -> tuple[SignIn, Registration | None]:
    """Check password against every registration waiting for email (none: unknown).

    Whoever registered first is not locked out by someone who registered the
    address after them: each registration's own password is accepted.
    """
    pending = waiting_registrations(email)
    account = throttle.account_key(email, pending[0].password_hash if pending else None)
    if throttle.is_throttled(account, address):
        return SignIn.THROTTLED, None
    # Always MAX_PENDING checks, all made: missing ones hash the password instead.
    hashes = [registration.password_hash for registration in pending]
    hashes += [None] * (MAX_PENDING - len(hashes))
    matches = [verify_password(password_hash, password) for password_hash in hashes]
    matched = next((r for r, match in zip(pending, matches, strict=False) if match), None)
    if matched is None:
        throttle.record_failure(account, address)
        return SignIn.INVALID, None
    return SignIn.UNCONFIRMED, matched


def count_reset_mail(email: str) -> bool:
    """Count one more reset mail asked for email; False past the hourly limit."""
    return throttle.take(throttle.RESET_MAILS, throttle.email_key(throttle.RESET_MAILS, email))


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
    db.session.flush()
    # The mailbox owner followed the emailed link: the new address is confirmed,
    # so what waits for it (cohort invitations) is theirs now.
    account_confirmed.send(current_app._get_current_object(), user=user)
    return True


def set_role(user: User, role: str) -> None:
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    user.role = role

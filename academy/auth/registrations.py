"""Registering: a registration waits, unusable, until its address is confirmed.

Whoever holds the mailbox decides: confirming a registration creates the
account with the name, password and details chosen in that registration,
and drops every other registration of the address. An account left
unconfirmed by older versions is taken over the same way, and every session
it may have had ends.
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from academy.auth import throttle
from academy.auth.models import Registration, User
from academy.auth.passwords import hash_password
from academy.auth.services import MAX_PENDING, PROFILE_FIELDS, find_user, update_profile
from academy.auth.sessions import end_all_sessions
from academy.auth.signals import account_confirmed
from academy.database import utcnow
from academy.extensions import db
from academy.time_zones import country_zone, time_zones


def register(email: str, password: str, **profile) -> tuple[Registration | None, User | None]:
    """Record a registration, or return the confirmed account that has the address.

    Returns (registration, None) or (None, existing account): the caller
    answers both the same way, and mails the existing owner instead.
    """
    existing = find_user(email)
    if existing is not None and existing.confirmed_at is not None:
        hash_password(password)  # spend the same time either way
        return None, existing
    profile["time_zone"] = _zone_to_keep(profile.get("time_zone"), profile.get("country"))
    return _add(email, hash_password(password), profile), None


def _zone_to_keep(told: str | None, country: str | None) -> str | None:
    """The browser's zone, kept only where the country cannot tell the zone itself.

    A country with one zone gives it (NULL follows the country, even if it
    changes later); a zone the list does not offer is dropped: nobody typed
    it, so there is nobody to ask.
    """
    if country_zone(country) is not None or told not in time_zones():
        return None
    return told


def to_mail_again(waiting: Registration | User) -> Registration | None:
    """The registration whose link to mail again after a sign-in, if any.

    waiting is what authenticate returned with UNCONFIRMED. Only a few an
    hour go to one address (ACTIVATION_MAILS): past that, None, and nothing
    is added, so signing in in a loop floods no mailbox.
    """
    key = throttle.email_key(throttle.ACTIVATION_MAILS, waiting.email)
    if not throttle.take(throttle.ACTIVATION_MAILS, key):
        return None
    if isinstance(waiting, User):
        return renew(waiting)
    return waiting


def renew(user: User) -> Registration:
    """A registration repeating an unconfirmed account's choices, to mail anew."""
    profile = {field: getattr(user, field) for field in PROFILE_FIELDS}
    return _add(user.email, user.password_hash, profile)


def _add(email: str, password_hash: str, profile: dict) -> Registration:
    _prune(email)
    registration = Registration(email=email, password_hash=password_hash)
    update_profile(registration, **profile)
    db.session.add(registration)
    db.session.flush()
    return registration


def _prune(email: str) -> None:
    expired = utcnow() - timedelta(seconds=current_app.config["TOKEN_MAX_AGE"])
    db.session.execute(delete(Registration).where(Registration.created_at < expired))
    keep = select(Registration.id).where(Registration.email == email)
    keep = keep.order_by(Registration.id.desc()).limit(MAX_PENDING - 1)
    db.session.execute(
        delete(Registration).where(
            Registration.email == email, Registration.id.not_in(keep.scalar_subquery())
        )
    )


def confirm(registration: Registration) -> User | None:
    """Give the address to this registration; None if an account already holds it."""
    user = find_user(registration.email)
    if user is not None and user.confirmed_at is not None:
        return None
    if user is None:
        user = User(email=registration.email, role="learner")
    else:
        end_all_sessions(user)
    user.password_hash = registration.password_hash
    update_profile(user, **{field: getattr(registration, field) for field in PROFILE_FIELDS})
    user.confirmed_at = utcnow()
    if user.id is None and not _insert(user):
        return None
    db.session.execute(delete(Registration).where(Registration.email == registration.email))
    db.session.flush()
    account_confirmed.send(current_app._get_current_object(), user=user)
    return user


def _insert(user: User) -> bool:
    """Insert user; False when another link of the address created its account meanwhile."""
    try:
        # A savepoint: the losing request's transaction stays usable.
        with db.session.begin_nested():
            db.session.add(user)
    except IntegrityError:
        return False
    return True

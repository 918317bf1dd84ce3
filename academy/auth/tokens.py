"""Signed, expiring, single-use tokens for the links we email.

No table is needed: each token signs a fingerprint of the state it is
meant to change, so once that state changes the token no longer matches.
"""

from __future__ import annotations

import hashlib

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from academy.auth.models import Registration, User
from academy.extensions import db

REGISTRATION = "confirm-registration"
RESET = "reset-password"
CHANGE_EMAIL = "change-email"


class InvalidToken(Exception):
    """The link is malformed, forged, expired or already used."""

    def __init__(self, expired: bool = False):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"academy.{purpose}")


def _fingerprint(user: User, purpose: str) -> str:
    # What changes once the link has done its job, so the link works only once.
    state = {
        RESET: user.password_hash or "",
        CHANGE_EMAIL: f"{user.email}|{user.session_version}",
    }[purpose]
    return hashlib.sha256(state.encode()).hexdigest()[:16]


def make_token(user: User, purpose: str, **extra: str) -> str:
    payload = {"u": user.id, "f": _fingerprint(user, purpose), **extra}
    return _serializer(purpose).dumps(payload)


def _load(token: str, purpose: str, max_age: int, key: str) -> dict:
    try:
        payload = _serializer(purpose).loads(token, max_age=max_age)
    except SignatureExpired as error:
        raise InvalidToken(expired=True) from error
    except BadSignature as error:
        raise InvalidToken() from error
    if not isinstance(payload, dict) or not isinstance(payload.get(key), int):
        raise InvalidToken()
    return payload


def read_token(token: str, purpose: str, max_age: int) -> tuple[User, dict]:
    """Return the user and payload of a valid token, or raise InvalidToken."""
    payload = _load(token, purpose, max_age, "u")
    user = db.session.get(User, payload["u"])
    if user is None or user.deleted_at or payload.get("f") != _fingerprint(user, purpose):
        raise InvalidToken()
    return user, payload


def _registration_fingerprint(registration: Registration) -> str:
    # Ids of deleted rows can be reused; the salted hash never is.
    state = f"{registration.email}|{registration.password_hash}"
    return hashlib.sha256(state.encode()).hexdigest()[:16]


def make_registration_token(registration: Registration) -> str:
    # The row is deleted once any registration of its address is confirmed,
    # which is what makes the link single-use.
    payload = {"r": registration.id, "f": _registration_fingerprint(registration)}
    return _serializer(REGISTRATION).dumps(payload)


def read_registration_token(token: str, max_age: int) -> Registration:
    """Return the registration a valid link confirms, or raise InvalidToken."""
    payload = _load(token, REGISTRATION, max_age, "r")
    registration = db.session.get(Registration, payload["r"])
    if registration is None or payload.get("f") != _registration_fingerprint(registration):
        raise InvalidToken()
    return registration


INVITATION = "registration-invitation"
# What an invitation may fill in on the registration form.
INVITATION_FIELDS = ("name", "locale", "country", "sex", "constituent_group")


def make_invitation_token(email: str, **details: str | None) -> str:
    """A link's proof that we invited email to register, with the details to fill in.

    It changes nothing by itself: the address is still confirmed by mail, and
    whatever waits for it (a cohort) waits in the database of the feature that
    invited it.
    """
    payload = {"e": email, **{k: v for k, v in details.items() if k in INVITATION_FIELDS and v}}
    return _serializer(INVITATION).dumps(payload)


def read_invitation_token(token: str, max_age: int) -> dict:
    """The email ("email") and details of a valid invitation, or raise InvalidToken."""
    try:
        payload = _serializer(INVITATION).loads(token, max_age=max_age)
    except SignatureExpired as error:
        raise InvalidToken(expired=True) from error
    except BadSignature as error:
        raise InvalidToken() from error
    if not isinstance(payload, dict) or not isinstance(payload.get("e"), str):
        raise InvalidToken()
    details = {k: v for k, v in payload.items() if k in INVITATION_FIELDS and isinstance(v, str)}
    return {"email": payload["e"], **details}

"""Password hashing (argon2id) and the rules a new password must meet."""

from __future__ import annotations

import re
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_babel import gettext as _

MIN_LENGTH = 10
MAX_LENGTH = 256

# Passwords people pick first; long enough to pass the length rule, useless anyway.
_COMMON = frozenset(
    [
        "password123",
        "password1234",
        "1234567890",
        "0123456789",
        "12345678910",
        "qwertyuiop",
        "azertyuiop",
        "qwertzuiop",
        "1q2w3e4r5t",
        "1qaz2wsx3edc",
        "iloveyou123",
        "administrator",
        "passw0rd123",
        "letmein123",
        "welcome123",
        "abc1234567",
        "aaaaaaaaaa",
        "motdepasse",
        "contrasena",
        "contraseña123",
        "changeme123",
        "password12",
        "football123",
        "sunshine12",
        "academy123",
        "cooperative",
        "cooperativa",
        "coopérative",
        "11111111111",
    ]
)


@cache
def _hasher(time_cost: int, memory_cost: int, parallelism: int) -> PasswordHasher:
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism)


def hasher() -> PasswordHasher:
    config = current_app.config
    return _hasher(
        config.get("ARGON2_TIME_COST", 3),
        config.get("ARGON2_MEMORY_COST", 65536),
        config.get("ARGON2_PARALLELISM", 4),
    )


def hash_password(password: str) -> str:
    return hasher().hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """Check password against stored_hash, spending the same time when there is none."""
    if not stored_hash:
        # Hash anyway so that unknown accounts answer as slowly as known ones.
        hasher().hash(password)
        return False
    try:
        return hasher().verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return hasher().check_needs_rehash(stored_hash)


def _personal_words(email: str, name: str) -> set[str]:
    """Pieces of the email and name long enough to make a password guessable."""
    local = email.split("@")[0].casefold()
    words = re.split(r"[\s._+-]+", f"{local} {name.casefold()}")
    candidates = {local, "".join(name.casefold().split()), *words}
    return {word for word in candidates if len(word) >= 4}


def password_problem(password: str, *, email: str = "", name: str = ""):
    """Return why password is too weak (translated), or None when it is fine."""
    if len(password) < MIN_LENGTH:
        return _("Use at least %(count)d characters.", count=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        return _("Use at most %(count)d characters.", count=MAX_LENGTH)
    folded = password.casefold()
    if len(set(folded)) < 4 or folded in _COMMON:
        return _("This password is too easy to guess. Try a few unrelated words.")
    if any(part in folded for part in _personal_words(email, name)):
        return _("Do not use your name or email address in your password.")
    return None

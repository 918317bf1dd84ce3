"""Throttle password guesses, and mails someone could ask for in a loop.

Password failures are counted three ways, each sized so that a workshop of
thirty people behind one address never reaches it while an attacker does:

- one account from one address (PAIR): someone guessing one person's password;
- one account from anywhere (ACCOUNT): the same guessing spread over many addresses;
- one address, any account (ADDRESS): one machine trying many accounts.

Only failures count: a success gives an attacker nothing to throttle. The
account counters belong to the account's current password (its hash is part
of the key), so a password reset starts them afresh and the owner can sign
in at once, while the attacker's guesses against the new password count anew.

The counts must be shared by every worker and app server, so they live in
the database by default, or in a `limits` storage such as Redis when
ACADEMY_THROTTLE_STORAGE names one. Flask-Limiter's in-memory store would
count per process, which an attacker spreads across workers. Keys hold
digests, never an email or network address.

Mails are counted per recipient (take): activation links mailed again at
sign-in, reset links, and address-change links, so nobody can fill a mailbox.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta
from functools import cache

from flask import current_app
from limits import RateLimitItemPerSecond
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter
from sqlalchemy import case, delete, literal, select
from sqlalchemy.dialects import postgresql, sqlite

from academy.auth.models import SignInFailure
from academy.database import UTCDateTime, utcnow
from academy.extensions import db


@dataclass(frozen=True)
class Rule:
    prefix: str
    limit: int
    # None: the sign-in window (SIGN_IN_WINDOW_SECONDS, 15 minutes by default).
    window_seconds: int | None = None

    def window(self) -> timedelta:
        seconds = self.window_seconds or current_app.config.get("SIGN_IN_WINDOW_SECONDS", 900)
        return timedelta(seconds=seconds)


PAIR = Rule("pair", 5)
ACCOUNT = Rule("account", 20)
ADDRESS = Rule("address", 100)
# Mails that ask to move an account to a new address, per account and hour.
EMAIL_CHANGE_MAILS = Rule("email-change", 3, window_seconds=3600)
# Activation links mailed again when someone signs in before confirming, per address.
ACTIVATION_MAILS = Rule("activation-mails", 3, window_seconds=3600)
# Reset links, per submitted address, counted whether or not it has an account.
RESET_MAILS = Rule("reset-mails", 3, window_seconds=3600)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def account_key(email: str, password_hash: str | None) -> str:
    """What the account counters are kept under: the address and its current password."""
    return _digest(f"{email}|{password_hash or ''}")


def email_key(rule: Rule, email: str) -> str:
    """The key of a per-recipient mail counter: a digest, never the address itself."""
    return f"{rule.prefix}:{_digest(email)}"


def _keys(account: str, address: str) -> list[tuple[Rule, str]]:
    return [
        (PAIR, f"pair:{account}:{_digest(address)}"),
        (ACCOUNT, f"account:{account}"),
        (ADDRESS, f"address:{_digest(address)}"),
    ]


def is_throttled(account: str, address: str) -> bool:
    """True when the account or the address has failed too often lately."""
    return any(is_over(rule, key) for rule, key in _keys(account, address))


def record_failure(account: str, address: str) -> None:
    for rule, key in _keys(account, address):
        hit(rule, key)


def clear_account(account: str, address: str) -> None:
    """Forget an account's failures after its owner proved the password."""
    for rule, key in _keys(account, address):
        if rule is not ADDRESS:
            _backend(rule).clear(key)


def is_over(rule: Rule, key: str) -> bool:
    return _backend(rule).count(key) >= rule.limit


def hit(rule: Rule, key: str) -> int:
    """Count one more under key; return the new count, read in the same atomic step."""
    return _backend(rule).add(key)


def take(rule: Rule, key: str) -> bool:
    """Count one more, then say whether it is within the limit.

    Counting first, and comparing the count the increment returned, means
    two requests at once can never both take the last place.
    """
    return hit(rule, key) <= rule.limit


def _backend(rule: Rule):
    storage = current_app.config["THROTTLE_STORAGE"]
    if storage == "database":
        return DatabaseCounter(rule.window())
    return LimitsCounter(storage, rule.window())


class DatabaseCounter:
    """Fixed-window counters in the sign_in_failures table, one row a key."""

    def __init__(self, window: timedelta):
        self.window = window

    def count(self, key: str) -> int:
        since = utcnow() - self.window
        row = db.session.scalar(
            select(SignInFailure.count).where(
                SignInFailure.key == key, SignInFailure.window_started_at >= since
            )
        )
        return row or 0

    def add(self, key: str) -> int:
        # One atomic upsert, so concurrent failures on several workers all count,
        # and each learns the count its own increment made.
        now = utcnow()
        expired = SignInFailure.window_started_at < literal(now - self.window, UTCDateTime())
        dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
        statement = dialect.insert(SignInFailure).values(key=key, count=1, window_started_at=now)
        statement = statement.on_conflict_do_update(
            index_elements=[SignInFailure.key],
            set_={
                "count": case((expired, 1), else_=SignInFailure.count + 1),
                "window_started_at": case(
                    (expired, literal(now, UTCDateTime())),
                    else_=SignInFailure.window_started_at,
                ),
            },
        )
        count = db.session.scalar(statement.returning(SignInFailure.count))
        # Keys of old passwords and passing addresses are never asked again:
        # drop rows a day old (or older than this window), so the table stays small.
        stale = now - max(self.window, timedelta(days=1))
        db.session.execute(delete(SignInFailure).where(SignInFailure.window_started_at < stale))
        return count

    def clear(self, key: str) -> None:
        db.session.execute(delete(SignInFailure).where(SignInFailure.key == key))


@cache
def _limits_storage(uri: str):
    return storage_from_string(uri)


class LimitsCounter:
    """The same counters kept in a `limits` storage (Redis, Memcached, ...)."""

    def __init__(self, uri: str, window: timedelta):
        self.storage = _limits_storage(uri)
        self.strategy = FixedWindowRateLimiter(self.storage)
        self.item = RateLimitItemPerSecond(10**6, int(window.total_seconds()))

    def count(self, key: str) -> int:
        stats = self.strategy.get_window_stats(self.item, "sign-in", key)
        return self.item.amount - stats.remaining

    def add(self, key: str) -> int:
        # The storage's increment is atomic and answers the new count.
        return self.storage.incr(
            self.item.key_for("sign-in", key), self.item.get_expiry(), amount=1
        )

    def clear(self, key: str) -> None:
        self.strategy.clear(self.item, "sign-in", key)

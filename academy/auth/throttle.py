"""Throttle failed sign-ins per account and per address.

The counts must be shared by every worker and app server, so they live in
the database by default, or in a `limits` storage such as Redis when
ACADEMY_THROTTLE_STORAGE names one. Flask-Limiter's in-memory store would
count per process, which an attacker spreads across workers.
"""

from __future__ import annotations

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


ACCOUNT = Rule("account", 5)
ADDRESS = Rule("address", 20)


def _window() -> timedelta:
    return timedelta(seconds=current_app.config.get("SIGN_IN_WINDOW_SECONDS", 900))


def _keys(email: str, address: str) -> list[tuple[Rule, str]]:
    return [(ACCOUNT, f"account:{email}"), (ADDRESS, f"address:{address}")]


def is_throttled(email: str, address: str) -> bool:
    """True when the account or the address has failed too often lately."""
    backend = _backend()
    return any(backend.count(key) >= rule.limit for rule, key in _keys(email, address))


def record_failure(email: str, address: str) -> None:
    backend = _backend()
    for _rule, key in _keys(email, address):
        backend.add(key)


def clear_account(email: str) -> None:
    """Forget an account's failures after it signs in successfully."""
    _backend().clear(f"account:{email}")


def _backend():
    storage = current_app.config["THROTTLE_STORAGE"]
    if storage == "database":
        return DatabaseCounter(_window())
    return LimitsCounter(storage, _window())


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

    def add(self, key: str) -> None:
        # One atomic upsert, so concurrent failures on several workers all count.
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
        db.session.execute(statement)

    def clear(self, key: str) -> None:
        db.session.execute(delete(SignInFailure).where(SignInFailure.key == key))


@cache
def _limits_storage(uri: str):
    return storage_from_string(uri)


class LimitsCounter:
    """The same counters kept in a `limits` storage (Redis, Memcached, ...)."""

    def __init__(self, uri: str, window: timedelta):
        self.strategy = FixedWindowRateLimiter(_limits_storage(uri))
        self.item = RateLimitItemPerSecond(10**6, int(window.total_seconds()))

    def count(self, key: str) -> int:
        stats = self.strategy.get_window_stats(self.item, "sign-in", key)
        return self.item.amount - stats.remaining

    def add(self, key: str) -> None:
        self.strategy.hit(self.item, "sign-in", key)

    def clear(self, key: str) -> None:
        self.strategy.clear(self.item, "sign-in", key)

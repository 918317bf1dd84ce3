"""Exporting and erasing a person's data."""

from __future__ import annotations

from collections.abc import Callable

from academy.auth import throttle
from academy.auth.models import User
from academy.auth.sessions import end_all_sessions
from academy.database import utcnow

# Features that keep personal data add a function here that returns their
# part of "download my data", so the export grows with the platform.
EXPORTERS: dict[str, Callable[[User], object]] = {}


def exporter(section: str):
    def decorator(function: Callable[[User], object]):
        EXPORTERS[section] = function
        return function

    return decorator


def _iso(value) -> str | None:
    return value.isoformat() if value else None


@exporter("account")
def _account(user: User) -> dict:
    return {
        "email": user.email,
        "name": user.name,
        "preferred_language": user.locale,
        "country": user.country,
        "sex": user.sex,
        "constituent_group": user.constituent_group,
        "organization": user.organization,
        "role": user.role,
        "created_at": _iso(user.created_at),
        "confirmed_at": _iso(user.confirmed_at),
        "last_sign_in_at": _iso(user.last_sign_in_at),
    }


def export_data(user: User) -> dict:
    data = {"format": "sse-academy-personal-data/1", "exported_at": utcnow().isoformat()}
    data.update({section: build(user) for section, build in EXPORTERS.items()})
    return data


def count_email_change_mail(user: User) -> bool:
    """Count one more email-change mail; False (counting nothing) past the hourly limit."""
    key = f"{throttle.EMAIL_CHANGE_MAILS.prefix}:{user.id}"
    if throttle.is_over(throttle.EMAIL_CHANGE_MAILS, key):
        return False
    throttle.hit(throttle.EMAIL_CHANGE_MAILS, key)
    return True


def delete_account(user: User) -> None:
    """Erase the person's data but keep the row, which issued records point to."""
    user.email = None
    user.password_hash = None
    user.name = ""
    user.country = None
    user.sex = None
    user.constituent_group = None
    user.organization = ""
    user.last_sign_in_at = None
    user.deleted_at = utcnow()
    end_all_sessions(user)

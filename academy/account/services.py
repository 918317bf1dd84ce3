"""Operations on the signed-in person's own account."""

from __future__ import annotations

from academy.auth import throttle
from academy.auth.models import User
from academy.auth.sessions import end_all_sessions
from academy.database import utcnow


def count_email_change_mail(user: User) -> bool:
    """Count one more email-change mail; False past the hourly limit.

    Counted first and compared after, so two requests at once cannot both
    take the last mail of the hour.
    """
    key = f"{throttle.EMAIL_CHANGE_MAILS.prefix}:{user.id}"
    return throttle.take(throttle.EMAIL_CHANGE_MAILS, key)


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

"""Accounts as admins see and change them: search, roles, deactivation, new accounts.

Nothing here deletes anything about a person: a deactivated account keeps
its enrolments, progress and certificates, and can be reactivated. Every
change is written to the audit log with the account it is about. The
functions flush; the view commits once.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select

from academy.admin.search import fold, pattern
from academy.auth.models import ROLES, User
from academy.auth.sessions import end_all_sessions
from academy.certificates.models import Certificate
from academy.certificates.services import record
from academy.courses.models import Course, CourseOwner
from academy.database import utcnow
from academy.extensions import db
from academy.learning.models import Enrolment

PAGE_SIZE = 50
STATES = ("active", "deactivated", "unconfirmed", "deleted")

# Why a change was refused (the view says it in the admin's language).
OWN_ADMIN_ROLE = "own-admin-role"
OWN_ACCOUNT = "own-account"
DELETED = "deleted"
UNCHANGED = "unchanged"


def state_of(user: User) -> str:
    if user.deleted_at is not None:
        return "deleted"
    if user.deactivated_at is not None:
        return "deactivated"
    if user.confirmed_at is None:
        return "unconfirmed"
    return "active"


def _state_clause(state: str):
    live = User.deleted_at.is_(None)
    return {
        "active": live & User.confirmed_at.is_not(None) & User.deactivated_at.is_(None),
        "deactivated": live & User.deactivated_at.is_not(None),
        "unconfirmed": live & User.confirmed_at.is_(None) & User.deactivated_at.is_(None),
        "deleted": User.deleted_at.is_not(None),
    }[state]


@dataclass(frozen=True)
class Search:
    text: str = ""
    role: str = ""
    state: str = ""

    def clauses(self) -> list:
        found = []
        if self.text.strip():
            like = pattern(self.text)
            found.append(
                or_(
                    fold(User.name).like(like, escape="\\"),
                    fold(User.email).like(like, escape="\\"),
                )
            )
        if self.role in ROLES:
            found.append(User.role == self.role)
        if self.state in STATES:
            found.append(_state_clause(self.state))
        return found


def search_users(search: Search, page: int) -> tuple[list[User], int]:
    """One page of the accounts found, by name then id, and how many there are: two queries."""
    clauses = search.clauses()
    total = db.session.scalar(select(func.count(User.id)).where(*clauses))
    users = db.session.scalars(
        select(User)
        .where(*clauses)
        .order_by(User.name, User.id)
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
    )
    return list(users), total


@dataclass(frozen=True)
class Facts:
    enrolments: int
    certificates: int
    owned: list[Course]


def facts_of(user: User) -> Facts:
    enrolments = (
        select(func.count(Enrolment.id)).where(Enrolment.user_id == user.id).scalar_subquery()
    )
    certificates = (
        select(func.count(Certificate.id))
        .where(Certificate.user_id == user.id, Certificate.state == "issued")
        .scalar_subquery()
    )
    counts = db.session.execute(select(enrolments, certificates)).one()
    owned = db.session.scalars(
        select(Course)
        .join(CourseOwner, CourseOwner.course_id == Course.id)
        .where(CourseOwner.user_id == user.id)
        .order_by(Course.slug)
    )
    return Facts(counts[0], counts[1], list(owned))


def change_role(user: User, role: str, actor: User) -> str | None:
    """Give user role; the reason it was refused, else None."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    if user.deleted_at is not None:
        return DELETED
    if user.id == actor.id and role != "admin":
        return OWN_ADMIN_ROLE
    if user.role == role:
        return UNCHANGED
    previous, user.role = user.role, role
    record("change_role", actor, subject=user, details=f"{previous} -> {role}")
    db.session.flush()
    return None


def deactivate(user: User, actor: User, reason: str | None) -> str | None:
    """Stop user from signing in and end their sessions; the refusal, else None."""
    if user.deleted_at is not None:
        return DELETED
    if user.id == actor.id:
        return OWN_ACCOUNT
    if user.deactivated_at is not None:
        return UNCHANGED
    user.deactivated_at = utcnow()
    end_all_sessions(user)
    record("deactivate", actor, subject=user, reason=reason)
    db.session.flush()
    return None


def reactivate(user: User, actor: User, reason: str | None) -> str | None:
    if user.deleted_at is not None:
        return DELETED
    if user.deactivated_at is None:
        return UNCHANGED
    user.deactivated_at = None
    record("reactivate", actor, subject=user, reason=reason)
    db.session.flush()
    return None


def create_account(email: str, name: str, role: str, locale: str, actor: User | None) -> User:
    """An unconfirmed account with no password: its owner sets one from the mailed link.

    The caller has checked that no live account holds email.
    """
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    user = User(email=email, name=name.strip(), role=role, locale=locale, password_hash=None)
    db.session.add(user)
    db.session.flush()
    record("create_account", actor, subject=user, details=role)
    return user

"""The name a certificate prints: asked for when the account has none.

An account an admin or the command line created may have no name, or
its email address as name (older versions set it so): printed, that would
make a certificate nobody can show. Issuing to such an account asks for the
name first and saves it to the account, in the audit log too.
"""

from __future__ import annotations

from academy.auth.models import User
from academy.certificates.services import record
from academy.extensions import db

NAME_MAX = 200


def needs_name(user: User) -> bool:
    """True when the account has no name to print: empty, or its email address."""
    name = (user.name or "").strip()
    return not name or name.casefold() == (user.email or "").casefold()


def name_problem(user: User, given: str | None) -> bool:
    """True when user needs a name and given is no usable one."""
    given = (given or "").strip()
    if not needs_name(user):
        return False
    return not given or len(given) > NAME_MAX or given.casefold() == (user.email or "").casefold()


def save_name(user: User, given: str | None, actor: User | None) -> None:
    """Give user the name to print when they need one (the caller checked name_problem)."""
    given = (given or "").strip()
    if not needs_name(user) or not given:
        return
    user.name = given
    record("set_name", actor, subject=user, details=given)
    db.session.flush()

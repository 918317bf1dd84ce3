"""Signed-cookie sessions that one database write can end everywhere.

The login id is "<user id>.<session version>", kept in the session cookie
and the remember-me cookie alike. Bumping a user's session_version makes
every cookie issued before it point at nobody.

The user row a cookie points at is kept by each process for
PAGE_CACHE_CHECK_SECONDS (academy.recent_rows): ending every session,
deactivating, erasing or changing a role takes effect at once in the process
that did it and within that delay on every other one.
"""

from __future__ import annotations

from flask import session
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, login_user

from academy.auth.models import User
from academy.extensions import db
from academy.recent_rows import Recent, attach, columns_of

# Users by id, as their rows' column values; any change to a user forgets it here.
recent_users = Recent("users", (User,), lambda user: user.id)


def load_user(login_id: str) -> User | None:
    user_id, _, version = login_id.partition(".")
    if not (user_id.isdigit() and version.isdigit()):
        return None
    columns = recent_users.get(int(user_id))
    if columns is not None and columns["session_version"] == int(version):
        return attach(User, columns)
    # Not known, or known with another version (signed in again since): ask.
    generation = recent_users.generation()
    user = db.session.get(User, int(user_id))
    if user is None or user.session_version != int(version) or not user.is_active:
        return None
    recent_users.keep(user.id, columns_of(user), generation)
    return user


def configure_login(login_manager: LoginManager) -> None:
    login_manager.user_loader(load_user)
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.login_message_category = "info"
    # Flask-Login flashes the message; str() translates it now, so no lazy
    # string is stored in the session.
    login_manager.localize_callback = str
    # The session version already ends stolen sessions; "strong" protection
    # would also sign out people whose mobile network changes their address.
    login_manager.session_protection = "basic"


def end_all_sessions(user: User) -> None:
    """Invalidate every session and remember-me cookie of user."""
    user.session_version = (user.session_version or 1) + 1


# Set in the session when it is the account's first (last_sign_in_at was empty), so
# the pages greet "welcome" rather than "welcome back" for as long as it lasts.
FIRST_SESSION = "first_session"


def start_session(user: User, remember: bool) -> None:
    session.clear()
    login_user(user, remember=remember)

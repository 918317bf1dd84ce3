"""Signed-cookie sessions that one database write can end everywhere.

The login id is "<user id>.<session version>", kept in the session cookie
and the remember-me cookie alike. Bumping a user's session_version makes
every cookie issued before it point at nobody.
"""

from __future__ import annotations

from flask import session
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, login_user

from academy.auth.models import User
from academy.extensions import db


def load_user(login_id: str) -> User | None:
    user_id, _, version = login_id.partition(".")
    if not (user_id.isdigit() and version.isdigit()):
        return None
    user = db.session.get(User, int(user_id))
    if user is None or user.session_version != int(version) or not user.is_active:
        return None
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

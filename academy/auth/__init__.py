"""Auth: registering, confirming an email, signing in and out, resetting a password.

Owns the User model, password hashing, the emailed tokens, sessions and the
sign-in throttle; the account blueprint builds the self-service pages on them.
"""

from flask import Blueprint

bp = Blueprint("auth", __name__, url_prefix="/auth", template_folder="templates")

from academy.auth import views  # noqa: E402, F401  (attaches the routes to bp)

"""Account: the signed-in person's own pages.

Edit the profile, change email or password, download one's data, delete the
account. Built on the auth feature's model and services.
"""

from flask import Blueprint

bp = Blueprint("account", __name__, url_prefix="/account", template_folder="templates")

from academy.account import views  # noqa: E402, F401  (attaches the routes to bp)

"""Main: the home page, the language switcher and the health check."""

from flask import Blueprint

bp = Blueprint("main", __name__, template_folder="templates")

from academy.main import views  # noqa: E402, F401  (attaches the routes to bp)

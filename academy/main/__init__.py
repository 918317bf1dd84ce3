"""Main: the home page, the language switcher, the health checks and the metrics."""

from flask import Blueprint

bp = Blueprint("main", __name__, template_folder="templates")

from academy.main import monitoring, views  # noqa: E402, F401  (attach the routes to bp)

"""Courses: course packages (reading, checking, rendering, importing) and the public pages.

Owns the catalogue, course and lesson pages and the package assets; the
`academy courses` commands check and import packages.
"""

from flask import Blueprint

bp = Blueprint("courses", __name__, url_prefix="/courses", template_folder="templates")

from academy.courses import views  # noqa: E402, F401  (attaches the routes to bp)

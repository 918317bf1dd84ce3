"""Courses: course packages (reading, checking, rendering, importing) and the public pages.

Owns the catalogue, course and lesson pages and the package assets; the
`academy courses` commands check and import packages.
"""

from flask import Blueprint

bp = Blueprint("courses", __name__, url_prefix="/courses", template_folder="templates")

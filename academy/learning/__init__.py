"""Learning: enrolments, progress through lessons, and "My learning".

Kept apart from the course content: rows here point at courses and lessons
by id and survive re-imports of the package.
"""

from flask import Blueprint

bp = Blueprint("learning", __name__, url_prefix="/learning", template_folder="templates")

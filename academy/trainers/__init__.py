"""Trainers: their workspace in the browser.

Upload a course package, read the same check report as `academy courses
check`, preview the draft in every language, publish, unpublish and restore
versions; run cohorts of a course and follow their learners. Cohorts and
enrolments live in learning; this feature holds the pages and the services
that use them.
"""

from flask import Blueprint

bp = Blueprint("trainers", __name__, url_prefix="/trainers", template_folder="templates")

from academy.trainers import views  # noqa: E402, F401  (attaches the routes to bp)

"""Admin: the console of the Turin Centre's admins, and the reports.

Users and roles, courses and their owners, cohorts, certificates (the
certificates feature's own page, linked from here), the audit log,
face-to-face certificates from a file, and the reports on the
capacity-development outputs. It comes after trainers: a trainer also
reads the reports of their own courses and cohorts here.
"""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates")

from academy.admin import report_views, views  # noqa: E402, F401  (attaches the routes to bp)

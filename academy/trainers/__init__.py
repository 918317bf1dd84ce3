"""Trainers: their workspace in the browser.

Upload a course package, read the same check report as `academy courses
check`, preview the draft in every language, publish, unpublish and restore
versions; run cohorts of a course and follow their learners. Cohorts and
enrolments live in learning; this feature holds the pages and the services
that use them.
"""

from flask import Blueprint

bp = Blueprint("trainers", __name__, url_prefix="/trainers", template_folder="templates")


@bp.record_once
def _tell_courses(state) -> None:
    # Courses come before trainers: the course page shows a learner their
    # cohort's announcements through this registration (academy.courses.readers).
    from academy.courses.readers import register_announcements
    from academy.trainers.announcements import notices_for

    register_announcements(state.app, notices_for)


# Importing the views attaches their routes to bp: the workspace, following a cohort.
from academy.trainers import following_views, views  # noqa: E402, F401

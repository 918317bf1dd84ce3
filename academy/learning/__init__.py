"""Learning: enrolments, progress through lessons, and "My learning".

Kept apart from the course content: rows here point at courses and lessons
by id and survive re-imports of the package.
"""

from flask import Blueprint

bp = Blueprint("learning", __name__, url_prefix="/learning", template_folder="templates")


@bp.record_once
def _tell_courses(state) -> None:
    # Courses come before learning, so their pages learn of enrolments and
    # progress through this registration (academy.courses.readers).
    from academy.courses.readers import register_learners
    from academy.learning import services

    register_learners(state.app, services)


from academy.learning import views  # noqa: E402, F401  (attaches the routes to bp)

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
    from types import SimpleNamespace

    from academy.courses.readers import register_key_cohorts, register_learners
    from academy.learning import cohorts, services
    from academy.learning.recent_progress import recent_progress

    learners = SimpleNamespace(
        enrolment_and_completions=services.enrolment_and_completions,
        progress_of=services.progress_of,
        recent_progress=recent_progress,
    )
    register_learners(state.app, learners)
    register_key_cohorts(state.app, cohorts.open_to_key)


@bp.record_once
def _listen_to_auth(_state) -> None:
    # Auth comes before learning: a confirmed address joins the cohorts that
    # invited it through this signal. Connected once, whatever the number of apps.
    from academy.auth.signals import account_confirmed
    from academy.learning.cohorts import accept_invitations

    account_confirmed.connect(accept_invitations)


from academy.learning import join_views, views  # noqa: E402, F401  (attach the routes to bp)

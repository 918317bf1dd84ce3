"""Quizzes: grading, attempts, and Moodle GIFT conversion of quiz files.

A quiz file is read by academy.packagefiles.quiz (the course check reads it
too); grading and GIFT conversion are pure (no Flask, no database); the
attempt services keep every attempt graded exactly once. The pages let an
enrolled learner take a quiz and read their results, and let the course's
trainers follow every attempt and give learners more time.
"""

from flask import Blueprint

bp = Blueprint("quizzes", __name__, url_prefix="/courses", template_folder="templates")


@bp.record_once
def _tell_courses(state) -> None:
    # A quiz is done once passed; the course pages and learning's completion
    # rule, which come before quizzes, ask through academy.courses.readers.
    from academy.courses.readers import register_done_items, register_item_states
    from academy.quizzes.services import passed_quiz_ids
    from academy.quizzes.standing import quiz_states

    register_done_items(state.app, "quiz", passed_quiz_ids)
    register_item_states(state.app, "quiz", quiz_states)


from academy.quizzes import trainer_views, views  # noqa: E402, F401  (attach the routes to bp)

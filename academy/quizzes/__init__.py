"""Quizzes: quiz files in course packages, grading, attempts, and Moodle GIFT conversion.

The definition and grading modules are pure (no Flask, no database); the
attempt services keep every attempt graded exactly once. The pages let an
enrolled learner take a quiz and read their results, and let the course's
trainers follow every attempt and give learners more time.
"""

from flask import Blueprint

bp = Blueprint("quizzes", __name__, url_prefix="/courses", template_folder="templates")

"""The indexes the reports need, on the tables of the features they count.

Each report filters by course (or not) and by a date range on its event, so
each event table gets (course key, date, ...) for a chosen course and
(date, ...) for all courses; the trailing columns make the common reports
read the index alone (SQLite's "COVERING INDEX"). Activity (lessons completed,
attempts started) is probed per enrolment through the indexes led by user_id
that those tables already have, so it needs none here. Declared here, beside the
queries that need them, rather than in each feature's models: they exist
for the reports. Migration 7c2d9e4b1a08 creates them; tests/admin check the
plans with EXPLAIN.
"""

from __future__ import annotations

from sqlalchemy import Index

from academy.certificates.models import Certificate
from academy.learning.models import CourseCompletion, Enrolment
from academy.quizzes.models import Attempt

E, C, A, X = Enrolment, CourseCompletion, Attempt, Certificate
_ATTEMPT_FIGURES = (A.state, A.language, A.user_id, A.score_percent, A.passed)

INDEXES = (
    Index(
        "ix_enrolments_report_course",
        E.course_id,
        E.enrolled_at,
        E.cohort_id,
        E.content_language,
        E.user_id,
    ),
    Index(
        "ix_enrolments_report_date",
        E.enrolled_at,
        E.course_id,
        E.cohort_id,
        E.content_language,
        E.user_id,
    ),
    Index("ix_course_completions_report_course", C.course_id, C.completed_at, C.user_id),
    Index("ix_course_completions_report_date", C.completed_at, C.course_id, C.user_id),
    # Quiz results (and question results' learners) read only these columns:
    # covered, a million attempts are counted without visiting the table.
    Index("ix_attempts_report_submitted", A.quiz_id, A.submitted_at, *_ATTEMPT_FIGURES),
    Index("ix_attempts_report_date", A.submitted_at, A.quiz_id, *_ATTEMPT_FIGURES),
    Index("ix_certificates_report_course", X.course_slug, X.issued_at),
    Index("ix_certificates_report_date", X.issued_at),
)

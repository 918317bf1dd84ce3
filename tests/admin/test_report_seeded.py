"""On a small seeded database, the maintained structures answer what the raw rows say.

The seeder loads without triggers and fills report_enrolments and the cells
once; every report read from them must equal the straightforward count over
the rows: the cells against the same report over a date range that holds
everything (which reads the rows), active learners against EXISTS over the
learner's progress and attempts, for several filters and breakdowns.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import String, bindparam, text

from academy.admin import (
    report_cell_triggers,
    report_cells,
    report_months,
    report_queries,
    report_question_groups,
    report_taker_triggers,
    report_takers,
    report_triggers,
)
from academy.admin.report_groups import BREAKDOWNS, Filters
from academy.admin.report_queries import _moment
from academy.admin.seeding import seed_database
from academy.database import UTCDateTime
from academy.extensions import db
from academy.quizzes.models import Attempt

pytestmark = pytest.mark.database
TODAY = date(2026, 12, 7)
EVERYTHING = {"start": date(2000, 1, 1), "end": date(2100, 12, 31)}


@pytest.fixture
def seeded(app):
    seed_database(40, 3, TODAY, lambda _counts: None)
    db.session.commit()


def _approx(rows: list[dict]) -> list[dict]:
    return [
        {k: pytest.approx(v) if isinstance(v, float) else v for k, v in r.items()} for r in rows
    ]


FILTERS = ({}, {"course_slug": "sse-introduction"}, {"language": "fr"})
DATED = (
    {"start": date(2025, 1, 1), "end": date(2025, 12, 31)},
    {"start": date(2025, 3, 12), "end": date(2026, 2, 27)},  # cut months at both ends
    {"start": date(2026, 4, 1), "end": date(2026, 4, 30), "language": "fr"},
    {"start": date(2026, 3, 17)},  # a boundary inside many takers' spans
    {"start": date(2025, 7, 1)},  # whole months to today
    {"end": date(2025, 10, 31), "course_slug": "sse-introduction"},
    {"end": date(2025, 8, 2)},
    {"start": date(2026, 2, 9), "end": date(2026, 2, 9), "course_slug": "sse-introduction"},
    {"start": date(2026, 5, 3), "end": date(2026, 5, 29)},  # a month less days at both ends
    {"start": date(2025, 11, 2), "end": date(2025, 12, 31)},  # a month less its first day
)


def _from_rows(monkeypatch, report, filters: Filters, by):
    """The report computed from the attempts and outcomes themselves."""
    with monkeypatch.context() as patch:
        patch.setattr(report_cells, "answers_all_time", lambda _filters: False)
        patch.setattr(report_takers, "answers", lambda _filters: False)
        patch.setattr(report_months, "answers_dated", lambda _filters, _by: False)
        patch.setattr(report_question_groups, "answers", lambda _filters, _by: False)
        return report(filters, by)


def _cohorts_and_scopes() -> list[dict]:
    """A cohort, and trainers' scopes: a course, cohorts of another course, both."""
    courses = dict(db.session.execute(text("SELECT slug, id FROM courses")).all())
    cohorts = [
        tuple(row)
        for row in db.session.execute(
            text(
                "SELECT c.id, c.course_id FROM cohorts AS c JOIN enrolments AS e "
                "ON e.cohort_id = c.id JOIN quizzes AS q ON q.course_id = c.course_id "
                "JOIN attempts AS a ON a.quiz_id = q.id AND a.user_id = e.user_id "
                "GROUP BY c.id, c.course_id ORDER BY count(*) DESC, c.id"
            )
        )
    ]
    intro = courses["sse-introduction"]
    elsewhere = tuple(cohort for cohort, course in cohorts if course != intro)[:3]
    assert cohorts
    assert elsewhere
    return [
        {"cohort_id": cohorts[0][0]},
        {"cohort_id": elsewhere[0], "start": date(2024, 3, 12), "end": date(2026, 11, 27)},
        {"course_ids": (intro,), "cohort_ids": ()},
        {"course_ids": (intro,), "cohort_ids": elsewhere, "language": "fr"},
        {"course_ids": (), "cohort_ids": elsewhere, "start": date(2024, 1, 1)},
        {"course_ids": (intro,), "cohort_ids": elsewhere, "start": date(2026, 3, 17)},
        {"course_ids": (intro,), "cohort_ids": elsewhere, "course_slug": "sse-introduction"},
    ]


def test_the_cells_and_takers_answer_what_the_rows_say(seeded, monkeypatch):
    for filters in (*FILTERS, *DATED, *_cohorts_and_scopes()):
        for by in (None, *BREAKDOWNS):
            for report in (report_queries.quiz_results, report_queries.question_results):
                kept = report(Filters(**filters), by)
                rows = _from_rows(monkeypatch, report, Filters(**filters), by)
                assert kept == _approx(rows), (report.__name__, filters, by)
                assert rows or filters.get("end") == date(2026, 2, 9)


def test_the_seeded_facts_and_cells_equal_their_formulas(seeded):
    columns = report_triggers.COLUMNS
    table = text(f"SELECT {columns} FROM report_enrolments ORDER BY enrolment_id")  # noqa: S608
    source = text(f"SELECT * FROM ({report_triggers.SOURCE}) AS s ORDER BY 1")  # noqa: S608
    rows = [tuple(r) for r in db.session.execute(table)]
    assert rows
    assert rows == [tuple(r) for r in db.session.execute(source)]
    for table, rebuild in (
        ("report_quiz_cells", report_cell_triggers.rebuild),
        ("report_quiz_takers", report_taker_triggers.rebuild),
    ):
        count = text(f"SELECT count(*), sum(attempts) FROM {table}")  # noqa: S608
        before = tuple(db.session.execute(count).one())
        assert before[0]
        rebuild(db.session.connection())
        assert tuple(db.session.execute(count).one()) == before


# The definition, over the rows: active in a course = a lesson of it completed,
# or an attempt at one of its quizzes started, in the range.
RAW_ACTIVE = """
SELECT count(DISTINCT e.user_id) FROM enrolments AS e
WHERE (:course IS NULL OR e.course_id = (SELECT id FROM courses WHERE slug = :course))
AND (EXISTS (SELECT 1 FROM lesson_completions AS lc JOIN lessons AS l ON l.id = lc.lesson_id
             WHERE lc.user_id = e.user_id AND l.course_id = e.course_id
             AND lc.completed_at >= :start AND lc.completed_at < :after)
     OR EXISTS (SELECT 1 FROM attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id
             WHERE a.user_id = e.user_id AND q.course_id = e.course_id
             AND a.started_at >= :start AND a.started_at < :after))
"""


RANGES = (
    (date(2000, 1, 1), date(2100, 1, 1)),
    (date(2025, 1, 1), date(2025, 12, 31)),
    (date(2026, 3, 1), date(2026, 3, 1)),  # one day: most windows straddle it
    (date(2024, 6, 15), date(2026, 6, 14)),
)


def test_active_learners_from_the_facts_equal_the_exists_over_the_rows(seeded):
    for start, end in RANGES:
        for course in (None, "sse-introduction"):
            filters = Filters(course_slug=course, start=start, end=end)
            rows = report_queries.active_learners(filters)
            expected = db.session.scalar(
                text(RAW_ACTIVE).bindparams(
                    bindparam("course", course, type_=String()),
                    bindparam("start", _moment(start), type_=UTCDateTime()),
                    bindparam("after", _moment(end + timedelta(days=1)), type_=UTCDateTime()),
                )
            )
            assert [row["learners"] for row in rows] == ([expected] if expected else []), filters


def test_seeded_attempts_store_their_results_as_grading_does(seeded):
    """The result page and the export read a list of graded questions, as grading stores."""
    attempt = db.session.scalars(db.select(Attempt).limit(1)).one()
    assert isinstance(attempt.results, list)
    assert {"question_id", "correct"} <= set(attempt.results[0])

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

from academy.admin import report_cell_triggers, report_queries, report_triggers
from academy.admin.report_groups import BREAKDOWNS, Filters
from academy.admin.report_queries import _moment
from academy.admin.seeding import seed_database
from academy.database import UTCDateTime
from academy.extensions import db

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


def test_the_cells_answer_what_the_attempts_and_outcomes_say(seeded):
    for filters in FILTERS:
        for by in (None, *BREAKDOWNS):
            for report in (report_queries.quiz_results, report_queries.question_results):
                from_cells = report(Filters(**filters), by)
                from_rows = report(Filters(**filters, **EVERYTHING), by)
                assert from_cells == _approx(from_rows), (report.__name__, filters, by)
    assert report_queries.quiz_results(Filters(), "sex")


def test_the_seeded_facts_and_cells_equal_their_formulas(seeded):
    columns = report_triggers.COLUMNS
    table = text(f"SELECT {columns} FROM report_enrolments ORDER BY enrolment_id")  # noqa: S608
    source = text(f"SELECT * FROM ({report_triggers.SOURCE}) AS s ORDER BY 1")  # noqa: S608
    rows = [tuple(r) for r in db.session.execute(table)]
    assert rows
    assert rows == [tuple(r) for r in db.session.execute(source)]
    count = "SELECT count(*), sum(attempts) FROM report_quiz_cells"
    before = tuple(db.session.execute(text(count)).one())
    report_cell_triggers.rebuild(db.session.connection())
    assert tuple(db.session.execute(text(count)).one()) == before


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

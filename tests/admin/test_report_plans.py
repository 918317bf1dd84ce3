"""The reports' queries use the indexes: SQLite's EXPLAIN QUERY PLAN, no full scan of a big table.

Each report is run with a course and a date range; every statement it sends
is explained with the same parameters. A big table (enrolments, progress,
completions, attempts, certificates) may be searched through an index, or
read whole through a covering index, never scanned row by row.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import event

from academy.admin import report_crosses as x
from academy.admin import report_queries as q
from academy.extensions import db

BIG = (
    "enrolments",
    "lesson_completions",
    "course_completions",
    "attempts",
    "certificates",
    "report_enrolments",
)
FILTERED = q.Filters(course_slug="sample-course", start=date(2026, 1, 1), end=date(2026, 12, 31))
COHORT = q.Filters(cohort_id=1, start=date(2026, 1, 1), end=date(2026, 12, 31))
DATES = q.Filters(start=date(2026, 1, 1), end=date(2026, 12, 31))


def plans(run) -> list[str]:
    """The query plan lines of every statement run() sends."""
    sent = []

    def remember(_conn, _cursor, statement, parameters, _context, _many):
        sent.append((statement, parameters))

    engine = db.engine
    event.listen(engine, "before_cursor_execute", remember)
    try:
        run()
    finally:
        event.remove(engine, "before_cursor_execute", remember)
    lines = []
    connection = db.session.connection().connection.driver_connection
    for statement, parameters in sent:
        rows = connection.execute(f"EXPLAIN QUERY PLAN {statement}", parameters).fetchall()
        lines.extend(row[-1] for row in rows)
    return lines


def full_scans(lines: list[str]) -> list[str]:
    """Plan lines that read a big table without an index."""
    pattern = re.compile(rf"^SCAN ({'|'.join(BIG)})\b(?!.*USING (COVERING )?INDEX)")
    return [line for line in lines if pattern.search(line)]


REPORTS = {
    "enrolments": lambda f: q.enrolments(f, "sex"),
    "active": lambda f: q.active_learners(f, "region"),
    "completions": lambda f: q.completions(f, "constituent_group"),
    "certificates": lambda f: q.certificates_issued(f, "country"),
    "quizzes": lambda f: q.quiz_results(f, "language"),
    "questions": lambda f: q.question_results(f),
}


@pytest.mark.parametrize("name", sorted(REPORTS))
@pytest.mark.parametrize("filters", [FILTERED, COHORT, DATES], ids=["course", "cohort", "dates"])
def test_filtered_reports_read_the_big_tables_through_indexes(app, sample_course, name, filters):
    lines = plans(lambda: REPORTS[name](filters))
    assert lines, "the report sent no statement"
    assert full_scans(lines) == []
    assert any("USING" in line and "INDEX" in line for line in lines)


def test_a_course_and_dates_use_the_reports_index_for_enrolments(app, sample_course):
    lines = plans(lambda: q.enrolments(FILTERED, None))
    assert lines == [
        "SEARCH enrolments USING COVERING INDEX ix_enrolments_report_course "
        "(course_id=? AND enrolled_at>? AND enrolled_at<?)",
        "SCALAR SUBQUERY 1",
        "SEARCH courses USING COVERING INDEX sqlite_autoindex_courses_1 (slug=?)",
    ]


def test_activity_is_probed_per_enrolment_through_the_learners_rows(app, sample_course):
    lines = plans(lambda: q.active_learners(DATES, None))
    probes = [line for line in lines if "attempts" in line or "lesson_completions" in line]
    # Either index led by user_id will do; the planner picks one.
    assert [re.sub(r"INDEX \w+", "INDEX", line) for line in probes] == [
        "SEARCH lesson_completions USING INDEX (user_id=?)",
        "SEARCH attempts USING INDEX (user_id=?)",
    ]


def test_the_check_finds_a_full_scan():
    assert full_scans(["SCAN enrolments", "SCAN enrolments USING COVERING INDEX ix"]) == [
        "SCAN enrolments"
    ]


CROSSES = {
    "enrolments": lambda f: x.enrolments(f, "sex_within_constituent_group"),
    "active": lambda f: x.active_learners(f, "sex_within_region"),
    "completions": lambda f: x.completions(f, "sex_within_constituent_group"),
    "certificates": lambda f: x.certificates_issued(f, "sex_within_country"),
}


@pytest.mark.parametrize("name", sorted(CROSSES))
@pytest.mark.parametrize("filters", [FILTERED, COHORT, DATES], ids=["course", "cohort", "dates"])
def test_cross_tables_read_the_big_tables_through_indexes(app, sample_course, name, filters):
    lines = plans(lambda: CROSSES[name](filters))
    assert lines, "the report sent no statement"
    assert full_scans(lines) == []
    assert any("USING" in line and "INDEX" in line for line in lines)


SCOPED = q.Filters(course_ids=(1,), cohort_ids=(1,))


@pytest.mark.parametrize("filters", [q.Filters(cohort_id=1), SCOPED], ids=["cohort", "scope"])
@pytest.mark.parametrize("by", [None, "country", "language"])
def test_a_cohort_or_a_scope_reads_kept_rows_not_attempts_or_answers(
    app, sample_course, filters, by
):
    lines = plans(lambda: (q.quiz_results(filters, by), q.question_results(filters, by)))
    raw = ("attempts", "question_outcomes", "enrolments", "users")
    assert [line for line in lines if any(f" {name} " in f"{line} " for name in raw)] == []
    assert any("report_quiz_takers" in line for line in lines)
    assert any("report_question_groups" in line for line in lines)


def test_answers_by_an_attribute_over_whole_months_are_not_read(app, sample_course):
    for by in ("country", "constituent_group"):
        lines = plans(lambda by=by: q.question_results(DATES, by))
        assert [line for line in lines if "question_outcomes" in line] == []
        assert any("report_question_groups" in line for line in lines)


def sent_statements(run) -> list[tuple[str, object]]:
    sent = []

    def remember(_conn, _cursor, statement, parameters, _context, _many):
        sent.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", remember)
    try:
        run()
    finally:
        event.remove(db.engine, "before_cursor_execute", remember)
    return sent


@pytest.mark.parametrize(
    ("start", "end", "read"),
    [
        (date(2026, 2, 1), date(2026, 2, 27), [("2026-02-28", "2026-02-28")]),
        (date(2026, 3, 12), date(2026, 3, 31), [("2026-03-01", "2026-03-11")]),
        (
            date(2026, 3, 3),
            date(2026, 3, 29),
            [("2026-03-01", "2026-03-02"), ("2026-03-30", "2026-03-31")],
        ),
        (date(2026, 3, 1), date(2026, 3, 12), [("2026-03-01", "2026-03-12")]),
    ],
)
@pytest.mark.parametrize("by", ["country", "sex", None])
def test_a_cut_month_reads_the_answers_of_its_shorter_side_only(
    app, sample_course, start, end, read, by
):
    """The days a range cuts are read raw; when the range holds most of
    the month, the whole month's kept rows less the days it leaves out are read instead."""
    filters = q.Filters(start=start, end=end)
    sent = sent_statements(lambda: q.question_results(filters, by))
    days = [
        tuple(str(v) for v in parameters if re.fullmatch(r"\d{4}-\d\d-\d\d", str(v)))
        for statement, parameters in sent
        if "question_outcomes" in statement
    ]
    assert days == read


def test_a_range_reads_the_takers_that_start_in_it_not_every_later_one(app, sample_course):
    """A whole taker starts and ends in the range: its first submission bounds the index."""
    lines = plans(lambda: q.quiz_results(q.Filters(start=DATES.start, end=DATES.end), "country"))
    whole = "USING COVERING INDEX ix_report_quiz_takers_first (first_at>? AND first_at<?)"
    assert any(line.endswith(whole) for line in lines), lines


def test_a_scope_reads_its_courses_rows_through_the_quiz_index(app, sample_course):
    """An OR of the scope's two parts made SQLite skip-scan every quiz's rows of the kind."""
    lines = plans(lambda: q.question_results(SCOPED, "country"))
    kept = [line for line in lines if "report_question_groups" in line]
    assert [line for line in kept if "ANY(" in line] == []
    assert (
        "SEARCH report_question_groups USING COVERING INDEX ix_report_question_groups_quiz "
        "(quiz_id=? AND kind=?)"
    ) in kept

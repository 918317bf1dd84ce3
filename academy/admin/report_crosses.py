"""Reports broken down by two attributes of the person at once, counted in SQL.

"Sex within constituent group" (or ILO region, or country): one GROUP BY
over both attributes, filtered exactly as the single breakdowns of
academy.admin.report_queries are (course, cohort, language, dates, a
trainer's scope), whose conditions it reuses. Enrolments, active learners
and completions read report_enrolments, which carries the person's
attributes on each row (an erased account's are None: "not given");
certificates join users as their single breakdowns do.

Each function returns {(row value, column value): count}. Regions are
folded from countries here, as report_groups.by_region_too does: every
person has one country, so counts, distinct learners included, add up.
Suppression is not done here (academy.admin.suppression.hidden_cross).
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.sql import ColumnElement, Select

from academy.admin import report_queries as q
from academy.admin.ilo_regions import REGION_OF
from academy.admin.report_groups import CROSSES, Filters
from academy.certificates.models import ISSUED
from academy.extensions import db

Counts = dict[tuple[str | None, str | None], int]

facts_t = q.facts_t
certificates_t = q.certificates_t
users_t = q.users_t


def _columns(cross: str, table) -> tuple[ColumnElement, ColumnElement]:
    """The two grouped columns of table; a region is grouped by its countries."""
    rows, columns = CROSSES[cross]
    return table.c["country" if rows == "region" else rows], table.c[columns]


def _counts(statement: Select, cross: str, pair: tuple) -> Counts:
    """Run the grouped statement; fold countries into regions when the rows are regions."""
    region = CROSSES[cross][0] == "region"
    counts: Counts = {}
    for first, second, n in db.session.execute(statement.group_by(*pair)):
        if region:
            first = REGION_OF.get(first) if first else None
        counts[first, second] = counts.get((first, second), 0) + n
    return counts


def _from_facts(filters: Filters, cross: str, count, *conditions) -> Counts:
    pair = _columns(cross, facts_t)
    statement = (
        select(*pair, count)
        .select_from(facts_t)
        .where(*q._enrolment_conditions(filters, facts_t), *conditions)
    )
    return _counts(statement, cross, pair)


def enrolments(filters: Filters, cross: str) -> Counts:
    """Enrolments made in the range (unenrolled ones too)."""
    return _from_facts(filters, cross, func.count(), *q._in_range(facts_t.c.enrolled_at, filters))


def active_learners(filters: Filters, cross: str) -> Counts:
    """Learners who completed a lesson or started an attempt in the range, each once."""
    count = func.count(facts_t.c.user_id.distinct())
    return _from_facts(filters, cross, count, q._active_in_range(filters))


def completions(filters: Filters, cross: str) -> Counts:
    """Completions in the range of enrolled learners."""
    completed = facts_t.c.completed_at
    return _from_facts(
        filters, cross, func.count(), completed.is_not(None), *q._in_range(completed, filters)
    )


def certificates_issued(filters: Filters, cross: str) -> Counts:
    """Certificates issued in the range and still valid (revoked ones are not counted)."""
    c = certificates_t.c
    rows, columns = CROSSES[cross]
    pair = (
        q.certificate_holder("country" if rows == "region" else rows),
        q.certificate_holder(columns),
    )
    # Outer joins: a certificate whose person is gone still counts, in "not given".
    statement = select(*pair, func.count()).select_from(q.with_holders(certificates_t))
    statement = q._event_enrolment(statement, filters, c.user_id, c.course_id)
    if filters.course_slug is not None:
        statement = statement.where(c.course_slug == filters.course_slug)
    if filters.language is not None:
        statement = statement.where(c.language == filters.language)
    statement = statement.where(c.state == ISSUED, *q._in_range(c.issued_at, filters))
    return _counts(statement, cross, pair)

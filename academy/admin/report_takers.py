"""Quiz results over a date range, or for a cohort or a trainer's scope, from report_quiz_takers.

A taker (a person's submitted attempts at a quiz in a language) whose first
and last submission lie inside the range counts whole, from its sums; one
that a boundary of the range cuts through is counted from its attempts in
the range. Those are found near each boundary by their span class (a taker
of class c started less than SPAN_LIMITS[c] before the boundary), so a long
range reads its takers once and the attempts of a few. Learners are
distinct people over both parts, in SQL. A taker carries the cohort key of
the person's enrolment in the quiz's course (report_facts.SELF_PACED,
NOT_ENROLLED), so a cohort or a trainer's scope is a condition on it; with
no range, every chosen taker counts whole.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import and_, case, func, literal, or_, select, union, union_all

from academy.admin.report_facts import NOT_ENROLLED, SPAN_LIMITS, ReportQuizTaker
from academy.admin.report_groups import ALL, Filters
from academy.courses.models import Course, Quiz
from academy.extensions import db
from academy.quizzes.models import SUBMITTED, Attempt

takers_t = ReportQuizTaker.__table__
attempts_t = Attempt.__table__
quizzes_t = Quiz.__table__
courses_t = Course.__table__


def answers(filters: Filters) -> bool:
    """Whether the takers answer: a date range, a cohort or a trainer's scope."""
    dated = filters.start is not None or filters.end is not None
    return dated or filters.cohort_id is not None or filters.scoped


def _chosen(filters: Filters) -> list:
    """The takers of the course, language, cohort and trainer's scope asked for."""
    t = takers_t.c
    common = []
    if filters.course_slug is not None:
        common.append(
            t.course_id
            == select(courses_t.c.id)
            .where(courses_t.c.slug == filters.course_slug)
            .scalar_subquery()
        )
    if filters.language is not None:
        common.append(t.language == filters.language)
    if filters.cohort_id is not None:
        common.append(t.cohort == filters.cohort_id)
    if filters.scoped:
        common.append(
            or_(
                and_(t.course_id.in_(filters.course_ids or ()), t.cohort != NOT_ENROLLED),
                t.cohort.in_(filters.cohort_ids or ()),
            )
        )
    return common


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UTC)


def _group(by: str | None):
    t = takers_t.c
    if by is None:
        return literal(ALL)
    if by == "language":
        return t.language
    return t[by]  # sex, country, constituent_group (regions fold from countries)


def _cut_by(boundary: datetime, common: list, group) -> list:
    """Takers with a submission before the boundary and one at or after it.

    One select per span class, each a range of the span index (an OR of
    them would make the planner read every attempt of the range instead).
    """
    t = takers_t.c
    selects = []
    for span_class, limit in enumerate(SPAN_LIMITS):
        near = [t.span_class == span_class, t.first_at < boundary, t.last_at >= boundary]
        if limit is not None:
            near.append(t.first_at >= boundary - limit)
        selects.append(select(t.quiz_id, t.user_id, t.language, group).where(*common, *near))
    return selects


def _bounded(first, last, start: datetime | None, after: datetime | None) -> list:
    """first >= start and last < after, for the bounds given."""
    conditions = []
    if start is not None:
        conditions.append(first >= start)
    if after is not None:
        conditions.append(last < after)
    return conditions


def _parts(filters: Filters, by: str | None):
    t = takers_t.c
    start = _moment(filters.start) if filters.start is not None else None
    after = _moment(filters.end + timedelta(days=1)) if filters.end is not None else None
    common = _chosen(filters)
    inside = _bounded(t.first_at, t.last_at, start, after)
    if after is not None:  # implied by last_at < after; bounds the read of the first_at index
        inside.append(t.first_at < after)
    group = _group(by).label("grouped")
    whole = select(t.quiz_id, t.user_id, group, t.attempts, t.scored, t.score_sum, t.passes).where(
        *common, *inside
    )
    cut_selects = []
    for boundary in (start, after):
        if boundary is not None:
            cut_selects.extend(_cut_by(boundary, common, group))
    if not cut_selects:  # all time (a cohort or a scope): every taker whole
        return whole.subquery("parts")
    cut = union(*cut_selects).subquery("cut")  # cut by both bounds: once
    a = attempts_t.c

    def in_range(*columns):
        """A figure of the cut taker's submitted attempts in the range, probed per taker."""
        return (
            select(*columns)
            .where(
                a.user_id == cut.c.user_id,
                a.quiz_id == cut.c.quiz_id,
                a.language == cut.c.language,
                a.state == SUBMITTED,
                *_bounded(a.submitted_at, a.submitted_at, start, after),
            )
            .scalar_subquery()
        )

    counted = in_range(func.count())
    partial = select(
        cut.c.quiz_id,
        cut.c.user_id,
        cut.c.grouped,
        counted,
        in_range(func.count(a.score_percent)),
        in_range(func.coalesce(func.sum(a.score_percent), 0.0)),
        in_range(func.coalesce(func.sum(case((a.passed.is_(True), 1), else_=0)), 0)),
    ).where(counted > 0)
    return union_all(whole, partial).subquery("parts")


def quiz_sums(filters: Filters, by: str | None) -> list[tuple]:
    """(course, quiz, group, attempts, learners, scored, score_sum, passes), as report_cells.

    Grouped by quiz id first, then the few quizzes named (a join per taker
    cost more than the sums).
    """
    parts = _parts(filters, by)
    quiz_id, user_id, grouped, attempts, scored, score_sum, passes = list(parts.c)
    group = literal(ALL) if by is None else grouped
    statement = select(
        quiz_id,
        group,
        func.sum(attempts),
        func.count(user_id.distinct()),
        func.sum(scored),
        func.sum(score_sum),
        func.sum(passes),
    ).group_by(quiz_id, *(() if by is None else (grouped,)))
    rows = db.session.execute(statement).all()
    names = quiz_names({row[0] for row in rows})
    return [(*names[row[0]], *row[1:]) for row in rows if row[0] in names]


def quiz_names(quiz_ids: set[int]) -> dict[int, tuple[str, str]]:
    """quiz id -> (course slug, quiz slug), for the few quizzes counted."""
    statement = select(quizzes_t.c.id, courses_t.c.slug, quizzes_t.c.slug).select_from(
        quizzes_t.join(courses_t, courses_t.c.id == quizzes_t.c.course_id)
    )
    rows = db.session.execute(statement.where(quizzes_t.c.id.in_(sorted(quiz_ids))))
    return {quiz_id: (course, quiz) for quiz_id, course, quiz in rows}

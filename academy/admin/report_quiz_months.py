"""Quiz results over whole calendar months, from report_quiz_months and the multi-month takers.

A range of whole months (no day cut) sums the monthly cells: attempts,
scores and passes add up; learners are the cells' single-month people
(all their submissions at the quiz in one month, so in the range whole or
not at all) plus the people whose submissions spread over months, counted
one by one among report_quiz_takers (months = 2) with an attempt in range.
The two sets of people are disjoint, so their counts add.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from sqlalchemy import func, literal, select

from academy.admin.report_facts import EVERY_LANGUAGE, NOT_GIVEN, ReportQuizMonth, ReportQuizTaker
from academy.admin.report_groups import ALL, Filters
from academy.courses.models import Course, Quiz
from academy.extensions import db
from academy.quizzes.models import SUBMITTED, Attempt

months_t = ReportQuizMonth.__table__
takers_t = ReportQuizTaker.__table__
attempts_t = Attempt.__table__
quizzes_t = Quiz.__table__
courses_t = Course.__table__


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UTC)


def _course(filters: Filters):
    return select(courses_t.c.id).where(courses_t.c.slug == filters.course_slug).scalar_subquery()


def _cells(filters: Filters, by: str | None, first: date | None, after: date | None) -> dict:
    m = months_t.c
    group = {None: literal(ALL), "sex": m.sex, "language": m.language}[by]
    conditions = []
    if first is not None:
        conditions.append(m.month >= first)
    if after is not None:
        conditions.append(m.month < after)
    if by == "language":
        conditions.append(m.language != EVERY_LANGUAGE)
    if filters.language is not None:
        conditions.append(m.language == filters.language)
    elif by != "language":
        conditions.append(m.language == EVERY_LANGUAGE)
    if filters.course_slug is not None:
        conditions.append(quizzes_t.c.course_id == _course(filters))
    keys = (m.quiz_id, courses_t.c.slug, quizzes_t.c.slug)
    statement = (
        select(
            *keys,
            group,
            func.sum(m.attempts),
            func.sum(m.single_learners),
            func.sum(m.scored),
            func.sum(m.score_sum),
            func.sum(m.passes),
        )
        .select_from(
            months_t.join(quizzes_t, quizzes_t.c.id == m.quiz_id).join(
                courses_t, courses_t.c.id == quizzes_t.c.course_id
            )
        )
        .where(*conditions)
        .group_by(*keys, *(() if by is None else (group,)))
        .having(func.sum(m.attempts) > 0)
    )
    found = {}
    for quiz_id, course, quiz, key, *figures in db.session.execute(statement):
        key = None if by == "sex" and key == NOT_GIVEN else key
        found[(quiz_id, key)] = [course, quiz, key, *figures]
    return found


def _spread(filters: Filters, by: str | None, first: date | None, after: date | None):
    """(quiz_id, group) -> people whose submissions spread over months, with one in range."""
    t, a = takers_t.c, attempts_t.c
    group = {None: literal(ALL), "sex": t.sex, "language": t.language}[by]
    start = _moment(first) if first is not None else None
    end = _moment(after) if after is not None else None
    conditions = [t.months == 2]
    attempt_in_range = []
    if end is not None:
        conditions.append(t.first_at < end)
        attempt_in_range.append(a.submitted_at < end)
    if start is not None:
        conditions.append(t.last_at >= start)
        attempt_in_range.append(a.submitted_at >= start)
    if filters.language is not None:
        conditions.append(t.language == filters.language)
    if filters.course_slug is not None:
        conditions.append(t.course_id == _course(filters))
    in_range = (
        select(literal(1))
        .where(
            a.user_id == t.user_id,
            a.quiz_id == t.quiz_id,
            a.language == t.language,
            a.state == SUBMITTED,
            *attempt_in_range,
        )
        .exists()
    )
    statement = (
        select(t.quiz_id, group, func.count(t.user_id.distinct()))
        .where(*conditions, in_range)
        .group_by(t.quiz_id, *(() if by is None else (group,)))
    )
    return {(quiz_id, key): n for quiz_id, key, n in db.session.execute(statement)}


def quiz_sums(filters: Filters, by: str | None, first: date | None, after: date | None) -> list:
    """(course, quiz, group, attempts, learners, scored, score_sum, passes), as report_cells."""
    rows = _cells(filters, by, first, after)
    for key, people in _spread(filters, by, first, after).items():
        rows[key][4] = int(rows[key][4]) + people  # their attempts in range are in the cells
    return [tuple(row) for row in rows.values()]

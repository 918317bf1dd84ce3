"""Question results by cohort, in a trainer's scope, or by an attribute over a date range.

Read from report_question_groups (answers per question, month, language,
attribute and cohort key; academy.admin.report_facts): whole months, or all
time, are a sum of its rows; the days of a month the range cuts (at most
two runs) are counted from question_outcomes by the caller's raw statement,
as report_months does. The cohort key is the cohort of the person's
enrolment in the quiz's course, so a cohort, and a trainer's scope (their
courses' enrolled learners, or their cohorts), pick rows by it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from sqlalchemy import func, literal, or_, select

from academy.admin import report_group_triggers  # noqa: F401  (what keeps the rows right)
from academy.admin.report_facts import KINDS, NOT_ENROLLED, NOT_GIVEN, ReportQuestionGroup
from academy.admin.report_groups import ALL, Filters
from academy.admin.report_months import split
from academy.courses.models import Course, Quiz
from academy.extensions import db

groups_t = ReportQuestionGroup.__table__
quizzes_t = Quiz.__table__
courses_t = Course.__table__


def answers(filters: Filters, by: str | None) -> bool:
    """Whether these rows answer: a cohort, a trainer's scope, or a range by an attribute."""
    dated = filters.start is not None or filters.end is not None
    return filters.cohort_id is not None or filters.scoped or (dated and by in KINDS)


def question_counts(filters: Filters, by: str | None, raw: Callable[[Filters], list]) -> list:
    """(quiz_id, course, quiz, question, group, answers, share) rows; raw(filters) counts days."""
    first, after, cut = split(filters.start, filters.end)
    totals: dict[tuple, list[int]] = {}
    if first is not None or after is not None or not cut:
        for *key, answered, correct in db.session.execute(_months(filters, by, first, after)):
            into = totals.setdefault(_keyed(key, by), [0, 0])
            into[0] += int(answered)
            into[1] += int(correct)
    for start, end in cut:
        for quiz_id, course, quiz, question, group, answered, share in raw(
            replace(filters, start=start, end=end)
        ):
            into = totals.setdefault((quiz_id, course, quiz, question, group), [0, 0])
            into[0] += int(answered)
            into[1] += round(float(share) * int(answered))
    return [(*key, n, correct / n) for key, (n, correct) in totals.items() if n]


def _keyed(key: list, by: str | None) -> tuple:
    quiz_id, course, quiz, question, group = key
    if by in KINDS and group == NOT_GIVEN:
        group = None
    return (quiz_id, course, quiz, question, group)


def _conditions(filters: Filters, first: date | None, after: date | None) -> list:
    g = groups_t.c
    conditions = []
    if first is not None:
        conditions.append(g.month >= first)
    if after is not None:
        conditions.append(g.month < after)
    if filters.language is not None:
        conditions.append(g.language == filters.language)
    if filters.course_slug is not None:
        conditions.append(courses_t.c.slug == filters.course_slug)
    if filters.cohort_id is not None:
        conditions.append(g.cohort == filters.cohort_id)
    if filters.scoped:
        conditions.append(
            or_(
                (quizzes_t.c.course_id.in_(filters.course_ids or ())) & (g.cohort != NOT_ENROLLED),
                g.cohort.in_(filters.cohort_ids or ()),
            )
        )
    return conditions


def _months(filters: Filters, by: str | None, first: date | None, after: date | None):
    g = groups_t.c
    # Every answer is in one row of each kind: any kind sums to the totals.
    kind = by if by in KINDS else "sex"
    group = {None: literal(ALL), "language": g.language}.get(by, g.value)
    keys = (g.quiz_id, courses_t.c.slug, quizzes_t.c.slug, g.question_id)
    return (
        select(*keys, group, func.sum(g.answers), func.sum(g.correct))
        .select_from(
            groups_t.join(quizzes_t, quizzes_t.c.id == g.quiz_id).join(
                courses_t, courses_t.c.id == quizzes_t.c.course_id
            )
        )
        .where(g.kind == kind, *_conditions(filters, first, after))
        .group_by(*keys, *(() if by is None else (group,)))
        .having(func.sum(g.answers) > 0)
    )

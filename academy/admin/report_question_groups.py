"""Question results by cohort, in a trainer's scope, or by an attribute over a date range.

Read from report_question_groups (answers per question, month, language,
attribute and cohort key; academy.admin.report_facts): whole months, or all
time, are a sum of its rows; the days of a month the range cuts (at most
two runs) are counted from the attempts submitted on them and their
question_outcomes. The cohort key is the cohort of the person's
enrolment in the quiz's course, so a cohort, and a trainer's scope (their
courses' enrolled learners, or their cohorts), pick rows by it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import and_, case, func, literal, or_, select, union_all

from academy.admin import report_group_triggers  # noqa: F401  (what keeps the rows right)
from academy.admin.report_facts import KINDS, NOT_ENROLLED, NOT_GIVEN, ReportQuestionGroup
from academy.admin.report_groups import ALL, Filters
from academy.admin.report_months import parts
from academy.admin.report_takers import quiz_names
from academy.auth.models import User
from academy.courses.models import Course, Quiz
from academy.extensions import db
from academy.learning.models import Enrolment
from academy.quizzes.models import SUBMITTED, Attempt, QuestionOutcome

groups_t = ReportQuestionGroup.__table__
quizzes_t = Quiz.__table__
courses_t = Course.__table__
attempts_t = Attempt.__table__
outcomes_t = QuestionOutcome.__table__
enrolments_t = Enrolment.__table__
users_t = User.__table__


def answers(filters: Filters, by: str | None) -> bool:
    """Whether these rows answer: a cohort, a trainer's scope, or a range by an attribute."""
    dated = filters.start is not None or filters.end is not None
    return filters.cohort_id is not None or filters.scoped or (dated and by in KINDS)


def question_counts(filters: Filters, by: str | None) -> list:
    """(quiz_id, course, quiz, question, group, answers, share) rows."""
    months, first, after, runs = parts(filters.start, filters.end)
    totals: dict[tuple, list[int]] = {}
    statements = [(sign, _days(replace(filters, start=d, end=e), by)) for sign, d, e in runs]
    if months:
        statements.append((1, _months(filters, by, first, after)))
    for sign, statement in statements:
        for quiz_id, question, group, answered, correct in db.session.execute(statement):
            if by in KINDS and group == NOT_GIVEN:
                group = None
            into = totals.setdefault((quiz_id, question, group), [0, 0])
            into[0] += sign * int(answered)
            into[1] += sign * int(correct)
    names = quiz_names({quiz_id for quiz_id, _question, _group in totals})
    return [
        (quiz_id, *names[quiz_id], question, group, n, correct / n)
        for (quiz_id, question, group), (n, correct) in totals.items()
        if n and quiz_id in names
    ]


def _of_course(filters: Filters, quiz_id) -> list:
    if filters.course_slug is None:
        return []
    course = select(courses_t.c.id).where(courses_t.c.slug == filters.course_slug)
    return [quiz_id.in_(select(quizzes_t.c.id).where(quizzes_t.c.course_id.in_(course)))]


def _in_scope(filters: Filters, quiz_id, cohort) -> list:
    """A cohort, and a trainer's scope: their courses' enrolled learners, or their cohorts."""
    conditions = []
    if filters.cohort_id is not None:
        conditions.append(cohort == filters.cohort_id)
    if filters.scoped:
        owned = select(quizzes_t.c.id).where(quizzes_t.c.course_id.in_(filters.course_ids or ()))
        conditions.append(
            or_(
                and_(quiz_id.in_(owned), cohort != NOT_ENROLLED),
                cohort.in_(filters.cohort_ids or ()),
            )
        )
    return conditions


def _scope_branches(filters: Filters, quiz_id, cohort) -> list[list]:
    """A trainer's scope as two disjoint conditions, each led by an index.

    Their courses' enrolled learners (the quiz index), and their cohorts of
    other courses (the cohort index): an OR of the two made SQLite read every
    row of the kind.
    """
    if not filters.scoped:
        return [[]]
    owned = select(quizzes_t.c.id).where(quizzes_t.c.course_id.in_(filters.course_ids or ()))
    return [
        [quiz_id.in_(owned), cohort != NOT_ENROLLED],
        [cohort.in_(filters.cohort_ids or ()), quiz_id.not_in(owned)],
    ]


def _months(filters: Filters, by: str | None, first: date | None, after: date | None):
    """Answers and correct ones per quiz, question and group over whole months (or all time)."""
    g = groups_t.c
    # Every answer is in one row of each kind: any kind sums to the totals.
    kind = by if by in KINDS else "sex"
    group = {None: literal(ALL), "language": g.language}.get(by, g.value)
    conditions = [g.kind == kind, *_of_course(filters, g.quiz_id)]
    conditions += _in_scope(replace(filters, course_ids=None, cohort_ids=None), g.quiz_id, g.cohort)
    if first is not None:
        conditions.append(g.month >= first)
    if after is not None:
        conditions.append(g.month < after)
    if filters.language is not None:
        conditions.append(g.language == filters.language)
    rows = union_all(
        *(
            select(g.quiz_id, g.question_id, group.label("grouped"), g.answers, g.correct).where(
                *conditions, *branch
            )
            for branch in _scope_branches(filters, g.quiz_id, g.cohort)
        )
    ).subquery("scoped")
    r = rows.c
    grouped = literal(ALL) if by is None else r.grouped
    return select(
        r.quiz_id, r.question_id, grouped, func.sum(r.answers), func.sum(r.correct)
    ).group_by(r.quiz_id, r.question_id, *(() if by is None else (grouped,)))


def _days(filters: Filters, by: str | None):
    """The same over the days of a month the range cuts, from the attempts submitted then.

    Led by the attempts' date index: a few days' attempts, each joined to its
    person (and enrolment) once and to its answers by the outcomes' primary
    key, rather than every answer looking up its attempt and person.
    """
    a, o, e, u = attempts_t.c, outcomes_t.c, enrolments_t.c, users_t.c
    group = {None: literal(ALL), "language": o.language}.get(by, u[by] if by in KINDS else None)
    start = datetime.combine(filters.start, time(0), tzinfo=UTC)
    after = datetime.combine(filters.end + timedelta(days=1), time(0), tzinfo=UTC)
    tables = attempts_t.join(outcomes_t, o.attempt_id == a.id)
    if by in KINDS:
        tables = tables.outerjoin(users_t, u.id == a.user_id)
    cohort = literal(NOT_ENROLLED)
    if filters.cohort_id is not None or filters.scoped:
        tables = tables.join(quizzes_t, quizzes_t.c.id == a.quiz_id).outerjoin(
            enrolments_t, and_(e.user_id == a.user_id, e.course_id == quizzes_t.c.course_id)
        )
        cohort = case((e.id.is_(None), NOT_ENROLLED), else_=func.coalesce(e.cohort_id, 0))
    conditions = [a.submitted_at >= start, a.submitted_at < after, a.state == SUBMITTED]
    conditions += [o.submitted_on >= filters.start, o.submitted_on <= filters.end]
    conditions += _of_course(filters, a.quiz_id) + _in_scope(filters, a.quiz_id, cohort)
    if filters.language is not None:
        conditions.append(o.language == filters.language)
    correct = func.sum(case((o.correct.is_(True), 1), else_=0))
    return (
        select(o.quiz_id, o.question_id, group, func.count(), correct)
        .select_from(tables)
        .where(*conditions)
        .group_by(o.quiz_id, o.question_id, *(() if by is None else (group,)))
    )

"""Question results over a date range: whole months from report_question_months, cut days raw.

A range is split into the calendar months it holds whole, summed from the
monthly cells, and at most two runs of days at its ends (a month it cuts),
counted from question_outcomes by the caller's raw statement. Answers and
correct answers add up across the parts; the share is divided once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from sqlalchemy import func, literal, select

from academy.admin.report_facts import NOT_GIVEN, ReportQuestionMonth
from academy.admin.report_groups import ALL, Filters
from academy.courses.models import Course, Quiz
from academy.extensions import db

months_t = ReportQuestionMonth.__table__
quizzes_t = Quiz.__table__
courses_t = Course.__table__


def answers_dated(filters: Filters, by: str | None) -> bool:
    """A date range, no cohort or scope, and a breakdown the months keep."""
    dated = filters.start is not None or filters.end is not None
    plain = filters.cohort_id is None and not filters.scoped
    return dated and plain and by in (None, "sex", "language")


_DAY = timedelta(days=1)


def next_month(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


def split(start: date | None, end: date | None) -> tuple[date | None, date | None, list]:
    """(first whole month, first month after the whole ones, [(start, end) of cut days])."""
    first = start if start is None or start.day == 1 else next_month(start)
    after = (
        None
        if end is None
        else (next_month(end) if next_month(end) - timedelta(days=1) == end else end.replace(day=1))
    )
    if first is not None and after is not None and first >= after:
        return None, None, [(start, end)]  # no whole month: all days
    cut = []
    if start is not None and first != start:
        cut.append((start, first - timedelta(days=1)))
    if end is not None and after is not None and after <= end:
        cut.append((after, end))
    return first, after, cut


def _shorter_side(start: date, end: date) -> tuple[date, date, list] | None:
    """For a run of days a range cuts: None (read them), or its whole month less some days."""
    month, after = start.replace(day=1), next_month(start)
    outside = [(month, start - _DAY), (end + _DAY, after - _DAY)]
    outside = [(day, last) for day, last in outside if day <= last]
    left_out = sum((last - day).days + 1 for day, last in outside)
    if end >= after or (end - start).days + 1 <= left_out:
        return None
    return month, after, outside


def parts(start: date | None, end: date | None) -> tuple[bool, date | None, date | None, list]:
    """(read kept months?, first month, month after, [(sign, first, last day) read raw]).

    Answers and correct answers add and subtract exactly (no distinct
    counts), so a run of days a range cuts that holds more of its month than
    it leaves out is read as the whole month (kept rows, one statement with
    the range's whole months) less the days left out, read raw: 27 days of
    February read one day raw.
    """
    first, after, cut = split(start, end)
    months = first is not None or after is not None or not cut
    runs = []
    for day, last in cut:
        shorter = _shorter_side(day, last)
        if shorter is not None and not months:  # the range is this run: its month alone
            first, after, months = shorter[0], shorter[1], True
        elif shorter is not None and shorter[1] == first:
            first = shorter[0]
        elif shorter is not None and shorter[0] == after:
            after = shorter[1]
        else:
            runs.append((1, day, last))
            continue
        runs.extend((-1, out, out_last) for out, out_last in shorter[2])
    return months, first, after, runs


def _group(by: str | None):
    m = months_t.c
    return {None: literal(ALL), "sex": m.sex, "language": m.language}[by]


def question_counts(filters: Filters, by: str | None, raw: Callable[[Filters], list]) -> list:
    """(quiz_id, course, quiz, question, group, answers, share) rows; raw(filters) counts days."""
    months, first, after, runs = parts(filters.start, filters.end)
    totals: dict[tuple, list[int]] = {}
    if months:
        for key, answers, correct in _months(filters, by, first, after):
            into = totals.setdefault(key, [0, 0])
            into[0] += int(answers)
            into[1] += int(correct)
    for sign, start, end in runs:
        days = Filters(filters.course_slug, None, filters.language, start, end)
        for quiz_id, course, quiz, question, group, answers, share in raw(days):
            into = totals.setdefault((quiz_id, course, quiz, question, group), [0, 0])
            into[0] += sign * int(answers)
            into[1] += sign * round(float(share) * int(answers))
    return [
        (*key, answers, correct / answers) for key, (answers, correct) in totals.items() if answers
    ]


def _months(filters: Filters, by: str | None, first: date | None, after: date | None):
    m = months_t.c
    group = _group(by)
    conditions = []
    if first is not None:
        conditions.append(m.month >= first)
    if after is not None:
        conditions.append(m.month < after)
    if filters.language is not None:
        conditions.append(m.language == filters.language)
    if filters.course_slug is not None:
        conditions.append(courses_t.c.slug == filters.course_slug)
    keys = (m.quiz_id, courses_t.c.slug, quizzes_t.c.slug, m.question_id)
    statement = (
        select(*keys, group, func.sum(m.answers), func.sum(m.correct))
        .select_from(
            months_t.join(quizzes_t, quizzes_t.c.id == m.quiz_id).join(
                courses_t, courses_t.c.id == quizzes_t.c.course_id
            )
        )
        .where(*conditions)
        .group_by(*keys, *(() if by is None else (group,)))
        .having(func.sum(m.answers) > 0)
    )
    for quiz_id, course, quiz, question, key, answers, correct in db.session.execute(statement):
        group_key = None if by == "sex" and key == NOT_GIVEN else key
        yield (quiz_id, course, quiz, question, group_key), answers, correct

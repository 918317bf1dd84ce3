"""Quiz and question results over all time, read from the cells the triggers keep.

The cells (academy.admin.report_facts) hold, per quiz (and question),
language and one attribute of the person, summable counts and the distinct
learners; a report with no date range, no cohort and no trainer's scope is
a sum over a few thousand cells instead of a million attempts or several
million answers. Other filters take report_takers and report_quiz_months
(quizzes), report_months and report_question_groups (questions).
"""

from __future__ import annotations

from sqlalchemy import func, literal, select

from academy.admin.report_facts import (
    EVERY_LANGUAGE,
    KINDS,
    NOT_GIVEN,
    ReportQuestionCell,
    ReportQuizCell,
)
from academy.admin.report_groups import ALL, Filters
from academy.courses.models import Course, Quiz
from academy.extensions import db

quiz_cells_t = ReportQuizCell.__table__
question_cells_t = ReportQuestionCell.__table__
quizzes_t = Quiz.__table__
courses_t = Course.__table__


def answers_all_time(filters: Filters) -> bool:
    """Whether the cells answer: no dates, no cohort, no trainer's scope."""
    return (
        filters.start is None
        and filters.end is None
        and filters.cohort_id is None
        and not filters.scoped
    )


def _selection(cells, filters: Filters, by: str | None):
    """(group column, conditions): which cells, and what groups them."""
    c = cells.c
    kind = by if by in KINDS else "sex"  # every person has one sex cell: the totals
    conditions = [c.kind == kind]
    if by == "language":
        conditions.append(c.language != EVERY_LANGUAGE)
        group = c.language
    else:
        group = c.value if by in KINDS else literal(ALL)
    if filters.language is not None:
        conditions.append(c.language == filters.language)
    elif by != "language":
        conditions.append(c.language == EVERY_LANGUAGE)
    if filters.course_slug is not None:
        conditions.append(courses_t.c.slug == filters.course_slug)
    return group, conditions


def _named(cells):
    return cells.join(quizzes_t, quizzes_t.c.id == cells.c.quiz_id).join(
        courses_t, courses_t.c.id == quizzes_t.c.course_id
    )


def _keys(group, by: str | None) -> tuple:
    return () if by is None else (group,)


def _given(value):
    return None if value == NOT_GIVEN else value


def quiz_sums(filters: Filters, by: str | None) -> list[tuple]:
    """(course, quiz, group, attempts, learners, scored, score_sum, passes) per quiz and group."""
    c = quiz_cells_t.c
    group, conditions = _selection(quiz_cells_t, filters, by)
    statement = (
        select(
            courses_t.c.slug,
            quizzes_t.c.slug,
            group,
            func.sum(c.attempts),
            func.sum(c.learners),
            func.sum(c.scored),
            func.sum(c.score_sum),
            func.sum(c.passes),
        )
        .select_from(_named(quiz_cells_t))
        .where(*conditions)
        .group_by(courses_t.c.slug, quizzes_t.c.slug, *_keys(group, by))
        .having(func.sum(c.attempts) > 0)
    )
    return [
        (course, quiz, _given(key), *rest)
        for course, quiz, key, *rest in db.session.execute(statement)
    ]


def quiz_rows(sums: list[tuple]) -> list[dict]:
    """quiz_results' rows from the sums (of quiz_sums, or report_takers.quiz_sums)."""
    rows = []
    for course, quiz, group, *figures in sums:
        # PostgreSQL sums bigint counts as numeric: back to int and float here.
        attempts, learners, scored, passes = (int(figures[i]) for i in (0, 1, 2, 4))
        score_sum = float(figures[3])
        rows.append(
            {
                "course": course,
                "quiz": quiz,
                "group": group,
                "attempts": attempts,
                "learners": learners,
                "average_score": score_sum / scored if scored else None,
                "pass_rate": passes / attempts,
            }
        )
    return rows


def question_counts(filters: Filters, by: str | None) -> list[tuple]:
    """(quiz_id, course, quiz, question, group, answers, share correct) per question and group."""
    c = question_cells_t.c
    group, conditions = _selection(question_cells_t, filters, by)
    statement = (
        select(
            c.quiz_id,
            courses_t.c.slug,
            quizzes_t.c.slug,
            c.question_id,
            group,
            func.sum(c.answers),
            func.sum(c.correct),
        )
        .select_from(_named(question_cells_t))
        .where(*conditions)
        .group_by(c.quiz_id, courses_t.c.slug, quizzes_t.c.slug, c.question_id, *_keys(group, by))
        .having(func.sum(c.answers) > 0)
    )
    return [
        (quiz_id, course, quiz, question, _given(key), int(answers), int(correct) / int(answers))
        for quiz_id, course, quiz, question, key, answers, correct in db.session.execute(statement)
    ]

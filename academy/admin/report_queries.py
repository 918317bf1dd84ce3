"""The reports' numbers: aggregation in SQL, one small result per report.

Every function takes a Filters and returns a list of dicts, one per group,
already counted by the database (SQLAlchemy Core, SQLite and PostgreSQL); no
person's rows come into Python. Dates are inclusive and apply to each
report's own event: enrolled_at, completed_at, issued_at, submitted_at (and
started_at for activity). Suppression of small groups is not done here but
by academy.admin.suppression, so the benchmark times the SQL alone.

`by` is one of report_groups.BREAKDOWNS or None (regions are folded from
countries there). With None every row's group is ALL; with a breakdown, a
group of None means "not given" (a deleted account keeps being counted, in
"not given", since deleting it erases its profile).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import and_, case, func, literal, or_, select
from sqlalchemy.sql import ColumnElement, Select

from academy.admin import (
    report_cell_triggers,  # noqa: F401  (what keeps the quiz and question cells right)
    report_cells,
    report_indexes,  # noqa: F401  (the indexes these queries need)
    report_months,
    report_question_groups,
    report_quiz_months,
    report_taker_triggers,  # noqa: F401  (what keeps report_quiz_takers right)
    report_takers,
    report_triggers,  # noqa: F401  (what keeps report_enrolments right)
)
from academy.admin.report_facts import ReportEnrolment
from academy.admin.report_groups import ALL, Filters, by_region_too, group_order, item_order
from academy.auth.models import User
from academy.certificates.models import ISSUED, REVOKED, Certificate, Participant
from academy.courses.models import Course, Lesson, Quiz
from academy.extensions import db
from academy.learning.models import CourseCompletion, Enrolment, LessonCompletion
from academy.quizzes.models import SUBMITTED, Attempt, QuestionOutcome

enrolments_t = Enrolment.__table__
users_t = User.__table__
lessons_t = Lesson.__table__
progress_t = LessonCompletion.__table__
completions_t = CourseCompletion.__table__
certificates_t = Certificate.__table__
participants_t = Participant.__table__
attempts_t = Attempt.__table__
quizzes_t = Quiz.__table__
courses_t = Course.__table__
outcomes_t = QuestionOutcome.__table__
facts_t = ReportEnrolment.__table__


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UTC)


def _in_range(column, filters: Filters) -> list[ColumnElement]:
    """start <= column < the day after end: both days included, whole days in UTC."""
    conditions = []
    if filters.start is not None:
        conditions.append(column >= _moment(filters.start))
    if filters.end is not None:
        conditions.append(column < _moment(filters.end + timedelta(days=1)))
    return conditions


def _course_id(slug: str):
    return select(courses_t.c.id).where(courses_t.c.slug == slug).scalar_subquery()


def _enrolment_conditions(
    filters: Filters, enrolment=enrolments_t, with_language: bool = True
) -> list[ColumnElement]:
    conditions = []
    if filters.course_slug is not None:
        conditions.append(enrolment.c.course_id == _course_id(filters.course_slug))
    if filters.cohort_id is not None:
        conditions.append(enrolment.c.cohort_id == filters.cohort_id)
    if filters.language is not None and with_language:
        conditions.append(enrolment.c.content_language == filters.language)
    if filters.scoped:
        conditions.append(
            or_(
                enrolment.c.course_id.in_(filters.course_ids or ()),
                enrolment.c.cohort_id.in_(filters.cohort_ids or ()),
            )
        )
    return conditions


def _needs_enrolment(filters: Filters) -> bool:
    """Whether an event outside enrolments must be joined to one (cohort, scope)."""
    return filters.cohort_id is not None or filters.scoped


def _group(by: str | None, language_column) -> ColumnElement:
    if by is None:
        return literal(ALL)
    if by == "sex":
        return users_t.c.sex
    if by == "country":
        return users_t.c.country
    if by == "region":  # grouped by country, then folded in Python (by_region_too)
        raise ValueError("regions are folded from countries")
    if by == "constituent_group":
        return users_t.c.constituent_group
    if by == "language":
        return language_column
    raise ValueError(f"unknown breakdown: {by!r}")


def _with_users(statement: Select, by: str | None, user_id) -> Select:
    if by in (None, "language"):
        return statement
    # An outer join: an event whose person is gone (or never had an account) still counts.
    return statement.outerjoin(users_t, users_t.c.id == user_id)


PERSON_ATTRIBUTES = ("sex", "country", "constituent_group")


def certificate_holder(attribute: str) -> ColumnElement:
    """A certificate holder's attribute: the profile's, else what the face-to-face list said.

    A participant certified from a workshop's list has no account (or one
    whose profile leaves the attribute blank); the list's answer still counts.
    """
    return func.coalesce(users_t.c[attribute], participants_t.c[attribute])


def with_holders(certificates) -> object:
    """Certificates outer-joined to their holders' accounts and face-to-face records."""
    return certificates.outerjoin(users_t, users_t.c.id == certificates.c.user_id).outerjoin(
        participants_t, participants_t.c.certificate_id == certificates.c.id
    )


def _rows(statement: Select, names: Iterable[str]) -> list[dict]:
    names = tuple(names)
    rows = [dict(zip(names, row, strict=True)) for row in db.session.execute(statement)]
    return sorted(rows, key=group_order)


def _grouped(statement: Select, group: ColumnElement, by: str | None) -> Select:
    return statement if by is None else statement.group_by(group)


@by_region_too
def enrolments(filters: Filters, by: str | None = None) -> list[dict]:
    """Enrolments made in the range (unenrolled ones too): [{"group", "enrolments"}]."""
    # By a person's attribute: report_enrolments has it on the row, no join to users.
    table = facts_t if by in ("sex", "country", "constituent_group") else enrolments_t
    group = _fact_group(by) if table is facts_t else _group(by, enrolments_t.c.content_language)
    statement = select(group.label("group"), func.count().label("n")).select_from(table)
    statement = statement.where(
        *_enrolment_conditions(filters, table), *_in_range(table.c.enrolled_at, filters)
    )
    return _rows(_grouped(statement, group, by), ("group", "enrolments"))


def _active_in_range(filters: Filters) -> ColumnElement:
    """The enrolment's learner completed a lesson or started a quiz of its course in range.

    Decided from report_enrolments' first and last moment of activity in the
    course: an enrolment whose first or last moment is in the range is in,
    one whose activity ended before or began after it is out; only one whose
    activity straddles the whole range (began before, went on after) is
    probed through the learner's own rows (indexes led by user_id).
    """
    r = facts_t.c
    first, last = r.first_active_at, r.last_active_at
    if filters.start is None and filters.end is None:
        return first.is_not(None)
    if filters.end is None:  # activity on or after start: the last moment says it
        return last >= _moment(filters.start)
    after = _moment(filters.end + timedelta(days=1))
    if filters.start is None:
        return first < after
    start = _moment(filters.start)
    lessons = (
        select(literal(1))
        .select_from(progress_t.join(lessons_t, lessons_t.c.id == progress_t.c.lesson_id))
        .where(progress_t.c.user_id == r.user_id, lessons_t.c.course_id == r.course_id)
        .where(*_in_range(progress_t.c.completed_at, filters))
    )
    tries = (
        select(literal(1))
        .select_from(attempts_t.join(quizzes_t, quizzes_t.c.id == attempts_t.c.quiz_id))
        .where(attempts_t.c.user_id == r.user_id, quizzes_t.c.course_id == r.course_id)
        .where(*_in_range(attempts_t.c.started_at, filters))
    )
    return and_(
        first < after,
        last >= start,
        or_(first >= start, last < after, lessons.exists(), tries.exists()),
    )


def _fact_group(by: str | None) -> ColumnElement:
    """The group of a report_enrolments row: the person's attributes are on the row."""
    if by in ("sex", "country", "constituent_group"):
        return facts_t.c[by]
    return _group(by, facts_t.c.content_language)


@by_region_too
def active_learners(filters: Filters, by: str | None = None) -> list[dict]:
    """Learners who completed a lesson or started an attempt in the range: [{"group", "learners"}].

    A learner counts once per group, with the language of their enrolment in
    the course they were active in; when they enrolled does not matter.
    """
    group = _fact_group(by)
    statement = (
        select(group.label("group"), func.count(facts_t.c.user_id.distinct()).label("n"))
        .select_from(facts_t)
        .where(*_enrolment_conditions(filters, facts_t), _active_in_range(filters))
    )
    return _rows(_grouped(statement, group, by), ("group", "learners"))


def _completion_counts(filters: Filters, by: str | None) -> dict:
    """Completions of enrolled learners in the range, from report_enrolments.completed_at."""
    group = _fact_group(by)
    statement = (
        select(group.label("group"), func.count().label("n"))
        .select_from(facts_t)
        .where(
            *_enrolment_conditions(filters, facts_t),
            facts_t.c.completed_at.is_not(None),
            *_in_range(facts_t.c.completed_at, filters),
        )
    )
    return {row["group"]: row["n"] for row in _rows(_grouped(statement, group, by), ("group", "n"))}


@by_region_too
def completions(filters: Filters, by: str | None = None) -> list[dict]:
    """Completions in the range, beside enrolments in the range, and their ratio.

    [{"group", "enrolments", "completions", "rate"}]; rate is completions /
    enrolments (0..1, None without enrolments).
    """
    enrolled = {row["group"]: row["enrolments"] for row in enrolments(filters, by)}
    completed = _completion_counts(filters, by)
    rows = []
    for key in set(enrolled) | set(completed):
        n, done = enrolled.get(key, 0), completed.get(key, 0)
        rate = done / n if n else None
        rows.append({"group": key, "enrolments": n, "completions": done, "rate": rate})
    return sorted(rows, key=group_order)


def _event_enrolment(
    statement: Select, filters: Filters, user_id, course_id, with_language: bool = True
) -> Select:
    """Join an event to its enrolment when the filters ask about cohorts or scope.

    with_language=False for attempts and answers: their language filter is
    their own (the language taken in), with a cohort as without one.
    """
    if not _needs_enrolment(filters):
        return statement
    return statement.join(
        enrolments_t,
        and_(enrolments_t.c.user_id == user_id, enrolments_t.c.course_id == course_id),
    ).where(*_enrolment_conditions(filters, with_language=with_language))


@by_region_too
def certificates_issued(filters: Filters, by: str | None = None) -> list[dict]:
    """Certificates issued in the range: [{"group", "issued", "revoked"}].

    "issued" counts those still valid, "revoked" those revoked since (a
    reissue is a new certificate, counted in its own right).
    """
    c = certificates_t.c
    person = by in PERSON_ATTRIBUTES
    group = certificate_holder(by) if person else _group(by, c.language)
    statement = select(
        group.label("group"),
        func.count(case((c.state == ISSUED, 1))).label("issued"),
        func.count(case((c.state == REVOKED, 1))).label("revoked"),
    ).select_from(with_holders(certificates_t) if person else certificates_t)
    statement = _event_enrolment(statement, filters, c.user_id, c.course_id)
    if filters.course_slug is not None:
        statement = statement.where(c.course_slug == filters.course_slug)
    if filters.language is not None:
        statement = statement.where(c.language == filters.language)
    statement = statement.where(*_in_range(c.issued_at, filters))
    return _rows(_grouped(statement, group, by), ("group", "issued", "revoked"))


def _attempt_statement(filters: Filters, columns: list, by: str | None) -> tuple[Select, object]:
    a = attempts_t.c
    group = _group(by, a.language)
    statement = select(
        courses_t.c.slug, quizzes_t.c.slug, group.label("group"), *columns
    ).select_from(
        attempts_t.join(quizzes_t, quizzes_t.c.id == a.quiz_id).join(
            courses_t, courses_t.c.id == quizzes_t.c.course_id
        )
    )
    statement = _with_users(statement, by, a.user_id)
    statement = _event_enrolment(statement, filters, a.user_id, quizzes_t.c.course_id, False)
    if filters.course_slug is not None:
        statement = statement.where(courses_t.c.slug == filters.course_slug)
    if filters.language is not None:
        statement = statement.where(a.language == filters.language)
    statement = statement.where(a.state == SUBMITTED, *_in_range(a.submitted_at, filters))
    return statement, group


@by_region_too
def quiz_results(filters: Filters, by: str | None = None) -> list[dict]:
    """Per quiz: submitted attempts, learners, average score (0..100) and pass rate (0..1).

    [{"course", "quiz", "group", "attempts", "learners", "average_score", "pass_rate"}]
    """
    if report_cells.answers_all_time(filters) or report_takers.answers(filters):
        return sorted(report_cells.quiz_rows(_quiz_sums(filters, by)), key=item_order)
    a = attempts_t.c
    columns = [
        func.count().label("attempts"),
        func.count(a.user_id.distinct()).label("learners"),
        func.avg(a.score_percent).label("average_score"),
        func.avg(case((a.passed.is_(True), 1.0), else_=0.0)).label("pass_rate"),
    ]
    statement, group = _attempt_statement(filters, columns, by)
    statement = statement.group_by(courses_t.c.slug, quizzes_t.c.slug, *_keys(group, by))
    names = ("course", "quiz", "group", "attempts", "learners", "average_score", "pass_rate")
    rows = [dict(zip(names, row, strict=True)) for row in db.session.execute(statement)]
    return sorted(rows, key=item_order)


def _quiz_sums(filters: Filters, by: str | None) -> list[tuple]:
    """Per quiz and group: attempts, learners and the sums of scores and passes.

    All time: the cells; whole months without cohort or scope: the monthly
    cells; anything else (a cut month, a cohort, a trainer's scope): the takers.
    """
    if report_cells.answers_all_time(filters):
        return report_cells.quiz_sums(filters, by)
    if by in (None, "sex", "language") and not _needs_enrolment(filters):
        first, after, cut = report_months.split(filters.start, filters.end)
        if not cut:  # whole months: the monthly cells
            return report_quiz_months.quiz_sums(filters, by, first, after)
    return report_takers.quiz_sums(filters, by)


def _keys(group: ColumnElement, by: str | None) -> tuple:
    return () if by is None else (group,)


def _outcome_statement(
    filters: Filters,
    columns: list,
    by: str | None,
    with_attempts: bool = False,
    quiz_ids: set[int] | None = None,
) -> Select:
    """Grouped question_outcomes with the filters, then named by course and quiz.

    Grouped by quiz_id and question_id first, in the order of the report's
    index (no sort for the plain report), and only the few groups are joined
    to quizzes and courses; attempts, users and enrolments are joined only
    when a breakdown, the cohort or a trainer's scope needs the person.
    """
    o = outcomes_t.c
    group = _group(by, o.language)
    tables = outcomes_t
    if with_attempts or by not in (None, "language") or _needs_enrolment(filters):
        tables = tables.join(attempts_t, attempts_t.c.id == o.attempt_id)
    if _needs_enrolment(filters):
        tables = tables.join(quizzes_t, quizzes_t.c.id == o.quiz_id)
    inner = select(o.quiz_id, o.question_id, group.label("grouped"), *columns).select_from(tables)
    inner = _with_users(inner, by, attempts_t.c.user_id)
    inner = _event_enrolment(inner, filters, attempts_t.c.user_id, quizzes_t.c.course_id, False)
    if filters.course_slug is not None:
        of_course = select(quizzes_t.c.id).where(
            quizzes_t.c.course_id == _course_id(filters.course_slug)
        )
        inner = inner.where(o.quiz_id.in_(of_course))
    if quiz_ids is not None:
        inner = inner.where(o.quiz_id.in_(sorted(quiz_ids)))
    if filters.language is not None:
        inner = inner.where(o.language == filters.language)
    if filters.start is not None:
        inner = inner.where(o.submitted_on >= filters.start)
    if filters.end is not None:
        inner = inner.where(o.submitted_on <= filters.end)
    counted = inner.group_by(o.quiz_id, o.question_id, *_keys(group, by)).subquery("counted")
    values = [c for c in counted.c if c.name not in ("quiz_id", "question_id", "grouped")]
    return select(
        counted.c.quiz_id,
        courses_t.c.slug,
        quizzes_t.c.slug,
        counted.c.question_id,
        counted.c.grouped,
        *values,
    ).select_from(
        counted.join(quizzes_t, quizzes_t.c.id == counted.c.quiz_id).join(
            courses_t, courses_t.c.id == quizzes_t.c.course_id
        )
    )


def _quiz_attempts(filters: Filters, by: str | None) -> dict[tuple, tuple[int, int]]:
    """(course, quiz, group) -> (submitted attempts, distinct learners), from attempts alone."""
    if report_cells.answers_all_time(filters) or report_takers.answers(filters):
        return {
            (course, quiz, key): (int(attempts), int(learners))
            for course, quiz, key, attempts, learners, *_sums in _quiz_sums(filters, by)
        }
    a = attempts_t.c
    columns = [func.count(), func.count(a.user_id.distinct())]
    statement, group = _attempt_statement(filters, columns, by)
    statement = statement.group_by(courses_t.c.slug, quizzes_t.c.slug, *_keys(group, by))
    return {
        (course, quiz, key): (attempts, learners)
        for course, quiz, key, attempts, learners in db.session.execute(statement)
    }


def _question_counts(filters: Filters, by: str | None):
    """(quiz_id, course, quiz, question, group, answers, share correct) rows."""
    o = outcomes_t.c
    share = func.avg(case((o.correct.is_(True), 1.0), else_=0.0)).label("share")

    def raw(some: Filters):
        return db.session.execute(
            _outcome_statement(some, [func.count().label("answers"), share], by)
        )

    if report_cells.answers_all_time(filters):
        return report_cells.question_counts(filters, by)
    if report_months.answers_dated(filters, by):
        return report_months.question_counts(filters, by, raw)
    if report_question_groups.answers(filters, by):
        return report_question_groups.question_counts(filters, by)
    return raw(filters)


@by_region_too
def question_results(filters: Filters, by: str | None = None) -> list[dict]:
    """Per question, across the languages it was answered in (or by a breakdown).

    [{"course", "quiz", "question", "group", "answers", "learners", "share_correct"}],
    answers counting submitted attempts that graded the question, share_correct 0..1.
    Counted from question_outcomes (written at grading). Learners: where a
    question was graded in every attempt of its quiz and group (answers ==
    attempts, the usual case), its learners are the quiz's, counted from
    attempts alone; only quizzes where some attempt did not grade a question
    (a later edition's question, an attempt closed unanswered) count distinct
    learners per question through the outcomes, which is exact but slower.
    """
    quizzes = _quiz_attempts(filters, by)
    rows, uneven = [], set()
    for quiz_id, course, quiz, question, group, answers, share in _question_counts(filters, by):
        attempts, learners = quizzes.get((course, quiz, group), (None, 0))
        if attempts != answers:
            uneven.add(quiz_id)
        rows.append(
            {
                "course": course,
                "quiz": quiz,
                "group": group,
                "question": question,
                "answers": answers,
                "learners": learners,
                "share_correct": share,
            }
        )
    if uneven:
        exact = _outcome_statement(
            filters,
            [func.count(attempts_t.c.user_id.distinct()).label("n")],
            by,
            with_attempts=True,
            quiz_ids=uneven,
        )
        people = {tuple(row[1:5]): row[5] for row in db.session.execute(exact)}
        for row in rows:
            key = (row["course"], row["quiz"], row["question"], row["group"])
            row["learners"] = people.get(key, row["learners"])
    return sorted(rows, key=item_order)

"""report_enrolments always equals its formula over the source rows, whatever wrote them.

The triggers (academy.admin.report_triggers) are checked on each backend
against SOURCE, the statement the migration and the seeder fill the table
with: after every kind of write the reports' inputs see, the table and the
formula must hold the same rows.
"""

# ruff: noqa: S608 - the statements are the module's fixed SQL

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import delete, select, text, update

from academy.account.services import delete_account
from academy.admin import report_triggers
from academy.admin.report_facts import ReportEnrolment
from academy.courses.models import Lesson, Quiz
from academy.extensions import db
from academy.learning import services as learning
from academy.learning.models import CourseCompletion, Enrolment, LessonCompletion
from academy.quizzes import attempts
from academy.quizzes.models import Attempt
from tests.factories import make_user

pytestmark = pytest.mark.database


def _table() -> list[tuple]:
    statement = text(
        f"SELECT {report_triggers.COLUMNS} FROM report_enrolments ORDER BY enrolment_id"
    )
    return [tuple(row) for row in db.session.execute(statement)]


def _formula() -> list[tuple]:
    statement = text(f"SELECT * FROM ({report_triggers.SOURCE}) AS s ORDER BY 1")
    return [tuple(row) for row in db.session.execute(statement)]


def _fact(enrolment_id: int) -> ReportEnrolment:
    db.session.expire_all()
    return db.session.get(ReportEnrolment, enrolment_id)


def _same() -> None:
    db.session.flush()
    assert _table() == _formula()


@pytest.fixture
def learner(sample_course):
    user = make_user(sex="woman", country="SN", constituent_group="workers")
    enrolment, _changed = learning.enrol(user, sample_course, "en")
    db.session.commit()
    return user, enrolment


def _lessons(course) -> list[int]:
    return list(db.session.scalars(select(Lesson.id).where(Lesson.course_id == course.id)))


def test_an_enrolment_gets_its_row_with_the_persons_attributes(learner):
    user, enrolment = learner
    fact = _fact(enrolment.id)
    assert (fact.user_id, fact.course_id, fact.content_language) == (
        user.id,
        enrolment.course_id,
        "en",
    )
    assert (fact.sex, fact.country, fact.constituent_group) == ("woman", "SN", "workers")
    assert (fact.first_active_at, fact.last_active_at, fact.completed_at) == (None, None, None)
    _same()


def test_activity_widens_and_narrows_with_lessons_and_attempts(learner, sample_course):
    user, enrolment = learner
    first, second = _lessons(sample_course)[:2]
    db.session.add(LessonCompletion(user_id=user.id, lesson_id=first,
                                    completed_at=datetime(2026, 3, 5, 10, tzinfo=UTC)))  # fmt: skip
    db.session.add(LessonCompletion(user_id=user.id, lesson_id=second,
                                    completed_at=datetime(2026, 1, 2, 9, tzinfo=UTC)))  # fmt: skip
    db.session.flush()
    fact = _fact(enrolment.id)
    assert (fact.first_active_at, fact.last_active_at) == (
        datetime(2026, 1, 2, 9, tzinfo=UTC),
        datetime(2026, 3, 5, 10, tzinfo=UTC),
    )
    quiz = db.session.scalar(select(Quiz).where(Quiz.course_id == sample_course.id).limit(1))
    attempt = attempts.start_attempt(user.id, quiz, "en")
    db.session.flush()
    assert _fact(enrolment.id).last_active_at == attempt.started_at
    _same()
    # A progress reset, or the lesson dropped by a re-import (a cascade): recomputed.
    db.session.execute(delete(Attempt).where(Attempt.user_id == user.id))
    db.session.execute(delete(Lesson).where(Lesson.id == first))
    fact = _fact(enrolment.id)
    assert (fact.first_active_at, fact.last_active_at) == (
        datetime(2026, 1, 2, 9, tzinfo=UTC),
        datetime(2026, 1, 2, 9, tzinfo=UTC),
    )
    db.session.execute(delete(LessonCompletion).where(LessonCompletion.user_id == user.id))
    assert (_fact(enrolment.id).first_active_at, _fact(enrolment.id).last_active_at) == (None, None)
    _same()


def test_activity_in_another_course_is_not_this_enrolments(learner, sample_course):
    user, enrolment = learner
    other = make_user()
    db.session.add(LessonCompletion(user_id=other.id, lesson_id=_lessons(sample_course)[0]))
    db.session.flush()
    assert _fact(enrolment.id).first_active_at is None
    _same()


def test_a_profile_edit_and_an_erased_account_move_the_rows_to_their_new_groups(learner):
    user, enrolment = learner
    user.sex, user.country = "undisclosed", "FR"  # chose not to say
    db.session.flush()
    fact = _fact(enrolment.id)
    assert (fact.sex, fact.country, fact.constituent_group) == ("undisclosed", "FR", "workers")
    user.email = "new.address@example.org"  # not a reporting attribute: nothing moves
    db.session.flush()
    delete_account(db.session.get(type(user), user.id))
    db.session.flush()
    fact = _fact(enrolment.id)
    assert (fact.sex, fact.country, fact.constituent_group) == (None, None, None)
    assert fact.enrolment_id == enrolment.id  # still counted, in "not given"
    _same()


def test_completion_unenrolment_and_language_are_followed(learner, sample_course):
    user, enrolment = learner
    done = datetime(2026, 4, 1, 12, tzinfo=UTC)
    db.session.add(CourseCompletion(user_id=user.id, course_id=sample_course.id, completed_at=done))
    db.session.flush()
    assert _fact(enrolment.id).completed_at == done
    learning.unenrol(db.session.get(Enrolment, enrolment.id))
    db.session.execute(
        update(Enrolment).where(Enrolment.id == enrolment.id).values(content_language="fr")
    )
    fact = _fact(enrolment.id)
    assert (fact.content_language, fact.completed_at) == ("fr", done)
    db.session.execute(delete(CourseCompletion))
    assert _fact(enrolment.id).completed_at is None
    _same()
    db.session.execute(delete(Enrolment).where(Enrolment.id == enrolment.id))
    assert _table() == []


def test_rebuild_fills_the_same_rows_the_triggers_keep(learner, sample_course):
    user, _enrolment = learner
    db.session.add(LessonCompletion(user_id=user.id, lesson_id=_lessons(sample_course)[0]))
    db.session.flush()
    kept = _table()
    connection = db.session.connection()
    report_triggers.rebuild(connection)
    assert _table() == kept

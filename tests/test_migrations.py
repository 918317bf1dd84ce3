"""The Alembic migrations build exactly the schema the models describe."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect

from academy.extensions import db


@pytest.fixture
def empty_app(make_app, database_url):
    app = make_app()
    with app.app_context():
        db.drop_all()
        yield app


def _differences(url: str) -> list:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return compare_metadata(context, db.metadata)
    finally:
        engine.dispose()


@pytest.mark.database
def test_migrations_on_an_empty_database_match_the_models(
    empty_app, database_url, database_backend
):
    upgrade()
    assert _differences(database_url) == []


@pytest.mark.database
def test_migrations_downgrade_to_nothing(empty_app, database_url, database_backend):
    upgrade()
    downgrade(revision="base")
    engine = create_engine(database_url)
    try:
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    finally:
        engine.dispose()


def test_every_constraint_is_named(app):
    for table in db.metadata.tables.values():
        for constraint in table.constraints:
            assert constraint.name, f"unnamed constraint on {table.name}"


@pytest.mark.database
def test_the_report_facts_migration_fills_them_from_existing_rows(empty_app, database_backend):
    """A site in use upgrades: its enrolments, progress and completions become facts."""
    from academy.admin import report_triggers
    from academy.courses.models import Course, Lesson
    from academy.learning.models import CourseCompletion, Enrolment, LessonCompletion
    from tests.conftest import SAMPLE_PACKAGE, import_package
    from tests.factories import make_user

    upgrade()
    import_package(SAMPLE_PACKAGE)
    course = db.session.scalar(db.select(Course))
    lesson = db.session.scalar(db.select(Lesson.id).where(Lesson.course_id == course.id))
    people = [
        make_user(sex="woman", country="KE", constituent_group="workers"),
        make_user(sex="undisclosed", country=None, constituent_group=None),
    ]
    ids = [person.id for person in people]
    for person in people:
        db.session.add(Enrolment(user_id=person.id, course_id=course.id, content_language="en"))
    db.session.add(LessonCompletion(user_id=people[0].id, lesson_id=lesson))
    db.session.add(CourseCompletion(user_id=people[0].id, course_id=course.id))
    db.session.commit()
    db.session.remove()
    downgrade(revision="3b9e6d2f8c41")  # as before the facts existed
    upgrade()
    source = f"SELECT * FROM ({report_triggers.SOURCE}) AS s ORDER BY 1"  # noqa: S608
    table = f"SELECT {report_triggers.COLUMNS} FROM report_enrolments ORDER BY enrolment_id"  # noqa: S608
    expected = [tuple(row) for row in db.session.execute(db.text(source))]
    assert [tuple(row) for row in db.session.execute(db.text(table))] == expected
    assert [row[6:9] for row in expected] == [
        ("woman", "KE", "workers"),
        ("undisclosed", None, None),
    ]
    assert expected[0][9] is not None  # active
    assert expected[0][11] is not None  # completed
    # And the triggers are back: a new lesson completion moves the facts.
    db.session.add(LessonCompletion(user_id=ids[1], lesson_id=lesson))
    db.session.flush()
    assert [tuple(row) for row in db.session.execute(db.text(table))] == [
        tuple(row) for row in db.session.execute(db.text(source))
    ]
    db.session.rollback()


@pytest.mark.database
def test_attempts_graded_on_the_site_get_their_outcomes_on_upgrade(empty_app, database_backend):
    """Outcomes missing for list-shaped results (the site's own grading) are written."""
    from academy.courses.models import Quiz
    from academy.quizzes import attempts
    from academy.quizzes.models import QuestionOutcome
    from tests.conftest import SAMPLE_PACKAGE, import_package
    from tests.factories import make_user

    def grade(_responses, _late):
        graded = [{"question_id": "q1", "correct": True}, {"question_id": "q2", "correct": False}]
        return {"score_percent": 50.0, "passed": False, "results": graded}

    upgrade()
    import_package(SAMPLE_PACKAGE)
    quiz = db.session.scalar(db.select(Quiz))
    attempt = attempts.start_attempt(make_user().id, quiz, "en")
    attempts.submit_attempt(attempt, {}, grade)
    attempt_id = attempt.id
    db.session.execute(db.delete(QuestionOutcome))  # as the old code left them: none
    db.session.commit()
    db.session.remove()
    downgrade(revision="5e1a7c3d9b20")
    upgrade()
    rows = db.session.execute(
        db.select(
            QuestionOutcome.attempt_id, QuestionOutcome.question_id, QuestionOutcome.correct
        ).order_by(QuestionOutcome.question_id)
    )
    assert [tuple(row) for row in rows] == [(attempt_id, "q1", True), (attempt_id, "q2", False)]
    # The session's open transaction would hold the locks a downgrade's DROP TRIGGER waits for.
    db.session.remove()
    downgrade(revision="5e1a7c3d9b20")
    upgrade()  # run again, it writes nothing twice
    assert db.session.scalar(db.select(db.func.count()).select_from(QuestionOutcome)) == 2


@pytest.mark.database
def test_the_report_cohorts_migration_fills_them_and_goes_back(empty_app, database_backend):
    """A site in use upgrades: takers get their cohort key, answers their groups; and back."""
    import random

    from sqlalchemy import text

    from academy.courses.models import Course, Quiz
    from academy.learning.models import Cohort, Enrolment
    from academy.quizzes import attempts
    from tests.admin.test_report_cohorts import _grade, _groups, _same
    from tests.conftest import SAMPLE_PACKAGE, import_package
    from tests.factories import make_user

    upgrade()
    import_package(SAMPLE_PACKAGE)
    course = db.session.scalar(db.select(Course))
    quiz = Quiz(
        course_id=course.id, slug="cohort-check", module_slug="getting-started", position=9,
        definition={"max_attempts": 9, "time_limit_minutes": 10, "pass_mark": 70},
        content_hash="x",
    )  # fmt: skip
    cohort = Cohort(course_id=course.id, name="Dakar", content_language="en")
    db.session.add_all([quiz, cohort])
    db.session.flush()
    people = [make_user(sex=sex, country="SN") for sex in ("woman", "man", None)]
    for person, run in zip(people, (cohort.id, None), strict=False):  # the third: not enrolled
        db.session.add(Enrolment(user_id=person.id, course_id=course.id, content_language="en",
                                 cohort_id=run))  # fmt: skip
    rng = random.Random(5)
    for person in people:
        attempt = attempts.start_attempt(person.id, quiz, "en")
        assert attempts.submit_attempt(attempt, {}, _grade(rng))
    db.session.commit()
    ids = (quiz.id, cohort.id, people[0].id)
    people = [person.id for person in people]
    db.session.remove()
    downgrade(revision="5e1a7c3d9b20")
    takers = text("SELECT count(*) FROM report_quiz_takers")
    assert db.session.scalar(takers) == 3
    # The old triggers are back: one more attempt is counted.
    quiz = db.session.get(Quiz, ids[0])
    attempt = attempts.start_attempt(ids[2], quiz, "fr")
    assert attempts.submit_attempt(attempt, {}, _grade(rng))
    db.session.commit()
    assert db.session.scalar(takers) == 4
    db.session.remove()
    upgrade()
    _same()
    keys = text("SELECT user_id, language, cohort FROM report_quiz_takers ORDER BY 1, 2")
    assert [tuple(row) for row in db.session.execute(keys)] == [
        (people[0], "en", ids[1]),
        (people[0], "fr", ids[1]),
        (people[1], "en", 0),
        (people[2], "en", -1),
    ]
    assert {row[6] for row in _groups()} == {ids[1], 0, -1}
    # And the new triggers are in: a move to self-paced moves the answers.
    db.session.execute(text("UPDATE enrolments SET cohort_id = NULL WHERE cohort_id = :c"),
                       {"c": ids[1]})  # fmt: skip
    _same()
    assert {row[6] for row in _groups()} == {0, -1}
    db.session.rollback()

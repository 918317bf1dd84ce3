"""`academy dev seed`: fast, deterministic, plausible, valid everywhere, not in production."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, inspect, select, text

from academy.admin.seed_people import REGIONS
from academy.admin.seeding import Counts, seed_database
from academy.auth.models import User
from academy.certificates.models import AuditEntry, Certificate
from academy.courses.models import Course
from academy.credentials import keys
from academy.extensions import db
from academy.learning.models import Cohort, CourseCompletion, Enrolment, LessonCompletion
from academy.quizzes.models import Attempt

TODAY = date(2026, 12, 7)
LANGUAGES = {
    code: set(langs.split()) for _s, entries in REGIONS.values() for code, _w, langs in entries
}
REGION_OF = {code: region for region, (_s, entries) in REGIONS.items() for code, _w, _l in entries}


def _seed(learners: int, seed: int = 7) -> Counts:
    counts = seed_database(learners, seed, TODAY, lambda _counts: None)
    db.session.commit()
    return counts


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _indexes() -> dict:
    inspector = inspect(db.engine)
    return {
        table: sorted((i["name"], tuple(i["column_names"])) for i in inspector.get_indexes(table))
        for table in ("users", "enrolments", "lesson_completions", "attempts", "certificates")
    }


@pytest.mark.database
def test_a_small_seed_fills_the_database_and_every_row_passes_the_schema(app, runner):
    indexes = _indexes()
    result = runner.invoke(args=["dev", "seed", "--learners", "200", "--seed", "3"])

    assert result.exit_code == 0, result.output
    assert "200 learners" in result.output
    # Built again after the load, as they were (the reports' among them).
    assert _indexes() == indexes
    assert len(indexes["attempts"]) >= 3
    assert _count(User) == 200
    assert _count(Course) == 6
    # Each row went through the database's foreign keys and check constraints on
    # insert; reading them back through the models shows their shapes are the app's.
    for attempt in db.session.scalars(select(Attempt)):
        assert attempt.state == "submitted"
        # As grading stores it: the list of graded questions, the score beside it.
        assert len(attempt.results) >= 1
        assert {"question_id", "correct", "score"} <= set(attempt.results[0])
        assert 0 <= attempt.score_percent <= 100
    for certificate in db.session.scalars(select(Certificate)):
        record = certificate.as_record()
        assert len(record["public_id"]) == 32
        assert record["logo"]["sha256"]
    if db.engine.dialect.name == "sqlite":
        assert db.session.execute(text("PRAGMA foreign_key_check")).all() == []


@pytest.mark.database
def test_new_rows_after_the_seed_get_fresh_ids(app):
    _seed(20)
    user = User(email="after@example.org", name="After")
    db.session.add(user)
    db.session.commit()

    assert user.id == 21


def _snapshot() -> dict:
    return {
        "users": db.session.execute(
            select(User.id, User.email, User.name, User.country, User.sex, User.created_at)
            .order_by(User.id)
        ).all(),
        "enrolments": db.session.execute(
            select(Enrolment.user_id, Enrolment.course_id, Enrolment.cohort_id)
            .add_columns(Enrolment.enrolled_at)
            .order_by(Enrolment.id)
        ).all(),
        "lessons": _count(LessonCompletion),
        "attempts": db.session.execute(
            select(Attempt.user_id, Attempt.quiz_id, Attempt.number, Attempt.score_percent)
            .order_by(Attempt.id)
        ).all(),
        "certificates": db.session.execute(
            select(Certificate.public_id, Certificate.score_percent).order_by(Certificate.id)
        ).all(),
    }  # fmt: skip


def _empty_database() -> None:
    db.session.remove()
    db.drop_all()
    db.create_all()


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data(app):
    _seed(150, seed=11)
    first = _snapshot()
    _empty_database()
    _seed(150, seed=11)
    again = _snapshot()
    _empty_database()
    _seed(150, seed=12)
    other = _snapshot()

    assert again == first
    assert other["users"] != first["users"]


def _share(rows, value) -> float:
    return sum(1 for row in rows if row == value) / len(rows)


def test_the_rows_come_in_plausible_proportions(app):
    counts = _seed(2000)
    users = db.session.scalars(select(User)).all()
    alive = [u for u in users if u.deleted_at is None]
    sexes = [u.sex for u in alive]
    regions = [REGION_OF[u.country] for u in alive]

    assert counts.learners == 2000
    assert 0.47 <= _share(sexes, "woman") <= 0.57
    assert 0.35 <= _share(sexes, "man") <= 0.45
    assert 0 < _share(sexes, "another") <= 0.03
    assert 0.02 <= _share(sexes, "undisclosed") <= 0.07
    assert 0.01 <= _share(sexes, None) <= 0.06
    assert 0.31 <= _share(regions, "africa") <= 0.41
    assert 0.05 <= _share(regions, "arab_states") <= 0.11
    assert set(regions) == set(REGIONS)
    assert 0.25 <= _share([u.constituent_group for u in alive], "sse_entity") <= 0.35
    assert all(u.locale in LANGUAGES[u.country] for u in alive)
    assert {u.locale for u in alive} == {"en", "fr", "es", "ar"}
    assert 1 <= sum(1 for u in users if u.deleted_at is not None) <= 30
    # Per learner: about 3 enrolments; per enrolment about 10 lessons done and
    # 3.5 attempts (the 100,000-learner database has 300,000, 3,000,000 and 1,000,000).
    assert 2.8 <= counts.enrolments / 2000 <= 3.2
    assert 8 <= counts.lesson_completions / counts.enrolments <= 12
    assert 2.8 <= counts.attempts / counts.enrolments <= 4.2
    assert 0.2 <= counts.course_completions / counts.enrolments <= 0.32
    assert counts.certificates == counts.course_completions
    assert _count(Enrolment) == counts.enrolments
    assert _count(LessonCompletion) == counts.lesson_completions
    assert _count(Attempt) == counts.attempts
    assert _count(AuditEntry) == counts.certificates


def test_enrolments_progress_and_certificates_agree_with_each_other(app):
    _seed(300)
    courses = {c.id: c for c in db.session.scalars(select(Course))}
    cohorts = {c.id: c for c in db.session.scalars(select(Cohort))}
    for enrolment in db.session.scalars(select(Enrolment)):
        assert enrolment.content_language in courses[enrolment.course_id].languages
        if enrolment.cohort_id is not None:
            cohort = cohorts[enrolment.cohort_id]
            assert cohort.course_id == enrolment.course_id
            assert cohort.content_language == enrolment.content_language
            assert cohort.enrolment_opens_at <= enrolment.enrolled_at <= cohort.enrolment_closes_at
    completed = set(
        db.session.execute(select(CourseCompletion.user_id, CourseCompletion.course_id))
    )
    certified = set(db.session.execute(select(Certificate.user_id, Certificate.course_id)))
    assert certified == completed
    for certificate in db.session.scalars(select(Certificate)):
        user = db.session.get(User, certificate.user_id)
        assert certificate.recipient_name == user.name
        assert certificate.issuer == "SSE Academy"


def test_one_question_in_the_third_module_is_answered_correctly_by_about_a_third(app):
    _seed(600)
    shares: dict[str, list[bool]] = {}
    for results in db.session.scalars(select(Attempt.results)):
        for question in results:
            shares.setdefault(question["question_id"], []).append(question["correct"])
    correct = {qid: sum(answers) / len(answers) for qid, answers in shares.items()}

    assert len([share for share in correct.values() if share < 0.45]) >= 1
    assert sorted(correct.values())[len(correct) // 2] > 0.6


def test_seeding_twice_with_one_seed_is_refused_and_changes_nothing(app, runner):
    _seed(10, seed=5)

    result = runner.invoke(args=["dev", "seed", "--learners", "10", "--seed", "5"])

    assert result.exit_code == 1
    assert "already holds the learners of seed 5" in result.output
    assert _count(User) == 10


def test_seed_is_refused_in_production(make_app, tmp_path):
    # Production also needs a credential signing key and an https:// site
    # (academy.credentials.startup).
    keys.generate(tmp_path / "keys")
    app = make_app(
        ENV="production",
        PRODUCTION=True,
        CREDENTIAL_KEYS_DIR=str(tmp_path / "keys"),
        BASE_URL="https://academy.test",
    )
    with app.app_context():
        result = app.test_cli_runner().invoke(args=["dev", "seed", "--learners", "5"])

        assert result.exit_code == 1
        assert "refused when ACADEMY_ENV=production" in result.output
        assert _count(User) == 0
        assert _count(Course) == 0


def test_database_url_fills_another_database(app, runner, tmp_path):
    from academy import create_app

    other = f"sqlite:///{tmp_path / 'other.db'}"
    with create_app({"SQLALCHEMY_DATABASE_URI": other}).app_context():
        db.create_all()

    result = runner.invoke(args=["dev", "seed", "--learners", "5", "--database-url", other])

    assert result.exit_code == 0, result.output
    assert _count(User) == 0
    with create_app({"SQLALCHEMY_DATABASE_URI": other}).app_context():
        assert _count(User) == 5
        db.engine.dispose()


def test_a_database_without_tables_is_refused(app, runner, tmp_path):
    empty = f"sqlite:///{tmp_path / 'empty.db'}"

    result = runner.invoke(args=["dev", "seed", "--learners", "5", "--database-url", empty])

    assert result.exit_code == 1
    assert "no tables yet" in result.output

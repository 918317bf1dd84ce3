"""Download my data: everything held about the person, theirs only, in a fixed number of queries."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from babel import Locale
from sqlalchemy import Column, ForeignKey, Integer, Table, event, select

import academy
from academy.account.personal_data import FORMAT, unexported_user_columns
from academy.certificates.services import issue_certificate, reissue_certificate
from academy.courses.models import Lesson, Quiz
from academy.extensions import db
from academy.learning.models import CourseCompletion
from academy.learning.services import complete_lesson, enrol
from academy.packagefiles.quiz_types import QuizDefinition
from academy.quizzes import attempts
from academy.quizzes.grading import grade_quiz
from tests.factories import make_user, sign_in

ROOT = Path(__file__).resolve().parents[2]
ANSWERS = {"owners": "members", "vote": "false"}


def take_quiz(user, quiz: Quiz, responses: dict):
    definition = QuizDefinition.from_dict(quiz.definition)
    attempt = attempts.start_attempt(user.id, quiz, "en")
    attempts.submit_attempt(
        attempt,
        responses,
        lambda kept, _late: grade_quiz(definition, kept, "en", Locale("en")).to_dict(),
    )


def give_history(user, course, admin, lessons: int = 1, tries: int = 1) -> None:
    """Enrol user and give them progress, attempts, more time and a reissued certificate."""
    enrol(user, course, "en")
    for lesson in db.session.scalars(select(Lesson).where(Lesson.course_id == course.id)).all()[
        :lessons
    ]:
        complete_lesson(user, lesson.id)
    db.session.add(CourseCompletion(user_id=user.id, course_id=course.id))
    quiz = db.session.scalar(select(Quiz).where(Quiz.course_id == course.id))
    attempts.grant_time(user.id, quiz, granted_by=admin.id, extra_minutes=15)
    for _ in range(tries):
        take_quiz(user, quiz, ANSWERS)
    certificate = issue_certificate(user, course)
    reissue_certificate(certificate, admin, "Name corrected")
    db.session.commit()


def download(client) -> dict:
    response = client.get("/account/data.json")
    assert response.status_code == 200
    return json.loads(response.data)


@pytest.fixture
def admin():
    return make_user("admin@example.org", role="admin", name="Ada Admin")


def test_the_file_holds_every_section(client, sample_course, admin):
    user = make_user("amina@example.org", name="Amina Diallo")
    give_history(user, sample_course, admin)
    sign_in(client, user.email)
    data = download(client)
    assert data["format"] == FORMAT
    assert data["documentation"] == "http://academy.test/account/data-format"
    assert [e["course"] for e in data["enrolments"]] == ["sample-course"]
    assert data["enrolments"][0]["content_language"] == "en"
    assert data["enrolments"][0]["unenrolled_at"] is None
    assert [(p["course"], p["lesson"]) for p in data["lessons_completed"]] == [
        ("sample-course", "welcome")
    ]
    assert [c["course"] for c in data["courses_completed"]] == ["sample-course"]
    [attempt] = data["quiz_attempts"]
    assert (attempt["quiz"], attempt["number"], attempt["state"]) == ("check", 1, "submitted")
    assert attempt["answers"] == ANSWERS
    scores = {r["question_id"]: r["score"] for r in attempt["question_results"]}
    assert (scores["owners"], scores["vote"]) == (1.0, 0.0)
    assert attempt["score_percent"] is not None
    assert [(t["quiz"], t["extra_minutes"]) for t in data["time_allowances"]] == [("check", 15)]
    old, new = data["certificates"]
    assert (old["state"], new["state"]) == ("revoked", "issued")
    assert old["replaced_by"] == new["public_id"]
    assert new["verification_url"] == f"http://academy.test/verify/{new['public_id']}"
    assert new["recipient_name"] == "Amina Diallo"
    history = [(h["action"], h["certificate"], h["by"]) for h in data["certificate_history"]]
    assert history == [
        ("issue", old["public_id"], "system"),
        ("reissue", old["public_id"], "staff"),
        ("issue", new["public_id"], "staff"),
    ]
    # The issuer printed on the certificate is part of it; the staff's account is not.
    assert new["issuer"] == "Ada Admin"
    assert "admin@example.org" not in response_text(data)
    assert "argon2" not in response_text(data)


def response_text(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False)


def test_the_file_holds_nothing_of_anyone_else(client, sample_course, admin):
    other = make_user("other@example.org", name="Other Learner")
    give_history(other, sample_course, admin)
    user = make_user("amina@example.org")
    sign_in(client, user.email)
    data = download(client)
    for name in ("enrolments", "lessons_completed", "courses_completed", "quiz_attempts"):
        assert data[name] == [], name
    assert data["time_allowances"] == data["certificates"] == data["certificate_history"] == []
    assert "Other Learner" not in response_text(data)


def count_queries(client) -> int:
    statements = []

    def record(*_args):
        statements.append(1)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        download(client)
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return len(statements)


def test_the_number_of_queries_does_not_grow_with_the_data(make_app, app, sample_course, admin):
    light, heavy = make_user(), make_user()
    give_history(light, sample_course, admin, lessons=1, tries=1)
    give_history(heavy, sample_course, admin, lessons=5, tries=3)
    clients = {user.email: make_app().test_client() for user in (light, heavy)}
    for email, client in clients.items():
        sign_in(client, email)
    counts = [count_queries(clients[user.email]) for user in (light, heavy)]
    assert len(download(clients[heavy.email])["quiz_attempts"]) == 3
    assert counts[0] == counts[1]


def test_every_user_column_is_exported_or_explained(app):
    assert unexported_user_columns(db.metadata) == []


def test_a_new_table_with_a_user_column_is_noticed(app):
    notes = Table(
        "notes_for_this_test",
        db.metadata,
        Column("id", Integer, primary_key=True),
        Column("user_id", Integer, ForeignKey("users.id")),
        Column("reviewer_id", Integer, ForeignKey("users.id")),
    )
    try:
        assert unexported_user_columns(db.metadata) == [
            "notes_for_this_test.reviewer_id",
            "notes_for_this_test.user_id",
        ]
    finally:
        db.metadata.remove(notes)


def test_the_account_page_offers_the_file_and_its_description(client):
    user = make_user()
    sign_in(client, user.email)
    html = client.get("/account/").text
    assert 'href="/account/data.json" download' in html
    assert 'href="/account/data-format"' in html
    description = client.get("/account/data-format")
    assert description.status_code == 200
    assert description.mimetype == "text/plain"
    assert FORMAT in description.text


def test_the_description_ships_inside_the_package(client):
    # Read from the package, not the checkout: a wheel install has no docs/.
    package = Path(academy.__file__).resolve().parent
    shipped = package / "account" / "templates" / "account" / "personal-data.md"
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-data"
    ]["academy"]
    assert any(shipped in package.glob(pattern) for pattern in patterns)
    user = make_user()
    sign_in(client, user.email)
    description = client.get("/account/data-format")
    assert description.status_code == 200
    assert description.headers["Content-Language"] == "en"
    assert description.text == shipped.read_text(encoding="utf-8")
    # One copy only: docs/ points at the shipped file.
    assert FORMAT not in (ROOT / "docs" / "personal-data.md").read_text()


def test_visitors_get_neither(client):
    assert client.get("/account/data.json").status_code == 302
    assert client.get("/account/data-format").status_code == 302


def test_a_trainers_file_holds_their_own_work(client, sample_course, tmp_path):
    from academy.courses.models import CourseOwner
    from academy.learning.models import Announcement, Cohort, CohortTrainer
    from tests.courses.packages import package
    from tests.trainers.workspace import published_version

    trainer = make_user("trainer@example.org", role="trainer", name="Tara Trainer")
    published_version(package(tmp_path), trainer)
    db.session.add(CourseOwner(course_id=sample_course.id, user_id=trainer.id))
    cohort = Cohort(course_id=sample_course.id, name="Dakar 2027", content_language="fr")
    db.session.add(cohort)
    db.session.flush()
    db.session.add(CohortTrainer(cohort_id=cohort.id, user_id=trainer.id))
    db.session.add(
        Announcement(
            cohort_id=cohort.id,
            subject={"fr": "Séance"},
            body={"fr": "Vendredi."},
            sent_by=trainer.id,
            recipients=12,
        )
    )
    db.session.commit()
    sign_in(client, trainer.email)

    data = download(client)

    assert sorted(c["course"] for c in data["courses_owned"]) == ["sample-course", "tiny"]
    [version] = data["course_versions"]
    assert (version["course"], version["edition"]) == ("tiny", "1")
    assert version["uploaded_at"] is not None
    assert version["published_at"] is not None
    assert data["cohorts"] == [
        {"course": "sample-course", "name": "Dakar 2027", "created_at": None, "trainer": True}
    ]
    [sent] = data["announcements_sent"]
    assert (sent["cohort"], sent["subject"], sent["recipients"]) == (
        "Dakar 2027",
        {"fr": "Séance"},
        12,
    )

"""The data the permission matrix asks about: two courses, six actors, real ids.

One SQLite database is built once and copied back after every request that
may have changed it, so each case starts from the same rows. Actors are signed
in by writing their session (Flask-Login's id and a CSRF token) straight into a
fresh test client, which is what a real sign-in leaves behind.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from flask_wtf.csrf import generate_csrf
from sqlalchemy import select

from academy.auth import registrations, tokens
from academy.auth.models import User
from academy.courses.models import Asset, Course, CourseOwner, Quiz
from academy.database import utcnow
from academy.extensions import db
from academy.learning import services as learning
from academy.learning.models import Cohort, CohortTrainer, CourseCompletion
from academy.packagefiles.quiz_types import QuizDefinition
from academy.quizzes import attempts
from academy.quizzes.layout import make_layout
from tests.conftest import SAMPLE_PACKAGE, import_package
from tests.courses.packages import COURSE_YAML, package
from tests.factories import make_user
from tests.trainers.cohort_helpers import make_cohort

# The six actors, in the order of the table's columns.
ACTORS = ("visitor", "learner", "elsewhere", "other_trainer", "trainer", "admin")
EMAILS = {
    "learner": "learner@example.org",  # enrolled in the course, has an attempt and a certificate
    "elsewhere": "elsewhere@example.org",  # a learner enrolled only in another course
    "other_trainer": "other-trainer@example.org",  # trainer of the other course
    "trainer": "trainer@example.org",  # trainer of the course (sample-course/course.yaml)
    "admin": "admin@example.org",
}
ROLES = {"learner": "learner", "elsewhere": "learner", "other_trainer": "trainer"}
ROLES |= {"trainer": "trainer", "admin": "admin"}
NEW_PASSWORD = "river lantern autumn 42"
COHORT_KEY = "world-key-27"


@dataclass
class World:
    """Ids and tokens to fill URLs and forms with; `users` maps actor -> (id, version)."""

    course: str = "sample-course"
    lesson: str = "welcome"
    quiz: str = "check"
    attempt: int = 1
    users: dict[str, tuple[int, int]] = field(default_factory=dict)
    values: dict[str, str | int] = field(default_factory=dict)

    def __getitem__(self, name: str):
        return self.values[name]


def _other_course(folder: Path) -> None:
    """Another course, its certificates issued by an admin (so one can be ready to issue)."""
    course_yaml = COURSE_YAML + "trainers: [other-trainer@example.org]\n"
    course_yaml += "certificate:\n  issue: admin\n"
    import_package(package(folder, {"course.yaml": course_yaml}))


def _cohort(course: Course, trainer, learner) -> tuple[Cohort, object]:
    """A cohort of the course run by its trainer: the learner, and a member ready for a
    certificate (completed, none issued), so issuing the cohort's certificates changes rows."""
    cohort = Cohort(course_id=course.id, name="World cohort", content_language="en")
    db.session.add(cohort)
    db.session.flush()
    db.session.add(CohortTrainer(cohort_id=cohort.id, user_id=trainer.id))
    member = make_user("cohort-member@example.org", commit=False)
    for person in (learner, member):
        enrolment, _ = learning.enrol(person, course, "en")
        enrolment.cohort_id = cohort.id
    db.session.add(CourseCompletion(user_id=member.id, course_id=course.id))
    return cohort, member


def build(folder: Path) -> World:
    """Fill the (empty, migrated) database of the app in context; return the ids."""
    from academy.certificates.services import issue_certificate

    import_package(SAMPLE_PACKAGE)
    _other_course(folder)
    users = {actor: make_user(email, role=ROLES[actor]) for actor, email in EMAILS.items()}
    newcomer, _ = registrations.register(
        "newcomer@example.org", "a long passphrase for tests", name="Newcomer", locale="en"
    )
    course = db.session.scalar(select(Course).where(Course.slug == "sample-course"))
    other = db.session.scalar(select(Course).where(Course.slug == "tiny"))
    learning.enrol(users["learner"], course, "en")
    learning.enrol(users["elsewhere"], other, "en")
    ready = CourseCompletion(user_id=users["elsewhere"].id, course_id=other.id)
    db.session.add(ready)
    quiz = db.session.scalar(select(Quiz).where(Quiz.course_id == course.id, Quiz.slug == "check"))
    definition = QuizDefinition.from_dict(quiz.definition)
    attempts.start_attempt(users["learner"].id, quiz, "en", make_layout(definition, "world"))
    certificate = issue_certificate(users["learner"], course)
    # The course's trainer owns it, so runs its cohorts; one cohort takes a key now.
    db.session.add(CourseOwner(course_id=course.id, user_id=users["trainer"].id))
    key_cohort = make_cohort(course, key=COHORT_KEY, commit=False)
    asset = db.session.scalar(
        select(Asset).where(Asset.course_id == course.id, Asset.path == "circle.svg")
    )
    db.session.add(CourseOwner(course_id=other.id, user_id=users["other_trainer"].id))
    earlier, current = _two_versions(users["trainer"])
    cohort, _member = _cohort(course, users["trainer"], users["learner"])
    # An account an admin deactivated, for reactivating.
    deactivated = make_user("deactivated@example.org", commit=False)
    deactivated.deactivated_at = utcnow()
    face_to_face_token, face_to_face_digest = _face_to_face_preview(users["admin"])
    db.session.commit()
    learner = users["learner"]
    world = World(users={a: (u.id, u.session_version) for a, u in users.items()})
    world.values = {
        "public_id": certificate.public_id,
        "kid": _signing_kid(),
        "cohort_id": key_cohort.id,  # settings, joining with the key, enrolment files
        "certificate_id": certificate.id,
        "completion_id": ready.id,
        "digest": asset.sha256[:16],
        "version_id": current.id,
        "earlier_version_id": earlier.id,
        "asset_name": asset.path,
        "confirm_token": tokens.make_registration_token(newcomer),
        "reset_token": tokens.make_token(learner, tokens.RESET),
        "email_token": tokens.make_token(learner, tokens.CHANGE_EMAIL, email="new@example.org"),
        "cohort": cohort.id,  # following: the learner is in it
        "learner_id": learner.id,
        "deactivated_id": deactivated.id,
        "face_to_face_token": face_to_face_token,  # the admin's file, previewed, not issued
        "face_to_face_digest": face_to_face_digest,
    }
    return world


FACE_TO_FACE_FILE = b"name,email,course,date\nAwa Diop,awa@example.org,sample-course,2026-03-14\n"


def _signing_kid() -> str:
    """The id of the credential signing key (development makes one on first need)."""
    from academy.credentials import issuer

    return issuer.signing_key()[0].rsplit("/", 1)[1].removesuffix(".json")


def _face_to_face_preview(admin: User) -> tuple[str, str]:
    """The token and digest of a participants file the admin sent and sees previewed."""
    from flask import current_app

    from academy.admin import face_to_face_uploads
    from academy.admin.face_to_face import digest
    from academy.admin.face_to_face_files import read_attendees
    from academy.certificates.face_to_face import plan_certificates

    token = face_to_face_uploads.keep(FACE_TO_FACE_FILE, admin)
    with current_app.test_request_context():
        attendees, _problems = read_attendees(FACE_TO_FACE_FILE)
        return token, digest(plan_certificates(attendees))


def _two_versions(trainer: User):
    """The sample course uploaded twice by its owner, both published, the second one last."""
    from academy.trainers import drafts, versions

    checked = drafts.check_folder(SAMPLE_PACKAGE)
    package_bytes = versions.pack_folder(SAMPLE_PACKAGE)
    published = []
    for _ in range(2):
        version = versions.store_version(checked.built, package_bytes, trainer)
        versions.publish(version, checked.built, trainer)
        published.append(version)
    return published


def client_for(app: Flask, world: World, actor: str) -> tuple[FlaskClient, str]:
    """A client signed in as actor (none for the visitor) and its CSRF token."""
    client = app.test_client()
    with app.test_request_context():
        token = generate_csrf()
        from flask import session

        raw = session["csrf_token"]
    with client.session_transaction() as session:
        session["csrf_token"] = raw
        if actor != "visitor":
            user_id, version = world.users[actor]
            session["_user_id"] = f"{user_id}.{version}"
            session["_fresh"] = True
    return client, token


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every table, in primary-key order."""
    rows = {}
    with db.engine.connect() as connection:
        for table in db.metadata.sorted_tables:
            statement = select(table).order_by(*table.primary_key.columns)
            rows[table.name] = [tuple(row) for row in connection.execute(statement)]
    return rows


def save(app: Flask, path: Path, copy: Path) -> None:
    """Copy the app's SQLite database at path to copy (sqlite's own backup, WAL and all)."""
    _copy(app, path, copy)


def restore(app: Flask, path: Path, copy: Path) -> None:
    """Put the saved copy back as the app's database, and forget what the process kept.

    A process's caches hold what the database held (a certificate's PDF, a course's
    version, a user's row): the next actor must find the saved world, as a fresh server would.
    """
    _copy(app, copy, path)
    from academy import pagecache, recent_rows
    from academy.certificates import pdf_cache
    from academy.courses import freshness

    pdf_cache.clear()
    pagecache.clear()
    with app.app_context():
        freshness.forget()
        recent_rows.forget_all()


def _copy(app: Flask, source: Path, target: Path) -> None:
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    with sqlite3.connect(source) as read, sqlite3.connect(target) as write:
        read.backup(write)
    read.close()
    write.close()


def user_ids() -> dict[str, int]:
    return {u.email: u.id for u in db.session.scalars(select(User))}

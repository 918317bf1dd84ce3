"""`academy dev seed`: realistic synthetic learners and what they did, loaded in bulk.

Rows are written with Core executemany batches, a few thousand learners at a
time, in one transaction: 100,000 learners (300,000 enrolments, about
3,000,000 lesson completions and 1,000,000 quiz attempts) load in minutes.
Rows have the shapes the app writes: attempts hold the graded result as
grading stores it, certificates the snapshot services.issue_certificate
takes. Everything comes from one random generator, so a seed and a day give
the same data.
"""

from __future__ import annotations

import base64
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import (
    JSON,
    Column,
    MetaData,
    Table,
    Text,
    TypeDecorator,
    cast,
    event,
    func,
    insert,
    select,
    text,
)

from academy.admin import (
    report_cell_triggers,
    report_group_triggers,
    report_taker_triggers,
    report_triggers,
)
from academy.admin.report_facts import ReportEnrolment, ReportQuestionGroup, ReportQuizTaker
from academy.admin.seed_courses import SeedCourse, import_courses, prepare
from academy.admin.seed_indexes import indexes_built_afterwards
from academy.admin.seed_people import People
from academy.admin.seed_quizzes import graded_attempts
from academy.auth.models import User
from academy.certificates.models import AUTOMATIC_ISSUER, AuditEntry, Certificate
from academy.certificates.services import AUTOMATIC, issue_mode, settings_snapshot
from academy.extensions import db
from academy.learning.models import CourseCompletion, Enrolment, LessonCompletion
from academy.quizzes.models import Attempt, QuestionOutcome
from academy.quizzes.outcomes import outcome_rows

CHUNK = 5_000  # learners written per batch
YEARS = 3  # how far back learners enrol
DAY = 86_400
# How many courses a learner enrols in (mean 3), and the share of each outcome.
COURSE_COUNTS = ((1, 2, 3, 4, 5), (15, 20, 30, 20, 15))
IN_COHORT = 0.6
COMPLETES = 0.28
UNENROLS = 0.03
DELETED = 0.005


class EncodedJSON(TypeDecorator):
    """JSON already encoded (seed_quizzes), cast to json in the statement for PostgreSQL."""

    impl = Text
    cache_ok = True

    def bind_expression(self, bindvalue):
        return cast(bindvalue, JSON)


def _encoded_json(table: Table, dialect: str) -> Table:
    """The table with its JSON columns taking encoded text, as each database accepts it."""
    encoded = EncodedJSON if dialect == "postgresql" else Text
    return Table(
        table.name,
        MetaData(),
        *(
            Column(
                c.name, encoded() if isinstance(c.type, JSON) else c.type, primary_key=c.primary_key
            )
            for c in table.columns
        ),
    )


ENCODED_ATTEMPTS = {
    name: _encoded_json(Attempt.__table__, name) for name in ("sqlite", "postgresql")
}


BULK_TABLES = tuple(
    model.__table__
    for model in (
        User,
        Enrolment,
        LessonCompletion,
        Attempt,
        QuestionOutcome,
        CourseCompletion,
        Certificate,
        AuditEntry,
    )
)


# Filled from the rows after the load (their indexes built afterwards too).
REPORT_TABLES = (
    ReportEnrolment.__table__,
    ReportQuizTaker.__table__,
    ReportQuestionGroup.__table__,
)


class SeedError(Exception):
    pass


@dataclass
class Counts:
    learners: int = 0
    enrolments: int = 0
    lesson_completions: int = 0
    attempts: int = 0
    course_completions: int = 0
    certificates: int = 0

    def add(self, other: Counts) -> None:
        for name in (f.name for f in fields(self)):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Batch:
    users: list = field(default_factory=list)
    enrolments: list = field(default_factory=list)
    lessons: list = field(default_factory=list)
    attempts: list = field(default_factory=list)
    outcomes: list = field(default_factory=list)
    completions: list = field(default_factory=list)
    certificates: list = field(default_factory=list)
    audit: list = field(default_factory=list)

    def write(self, connection) -> Counts:
        for model, rows in (
            (User, self.users),
            (Enrolment, self.enrolments),
            (LessonCompletion, self.lessons),
            (ENCODED_ATTEMPTS[connection.dialect.name], self.attempts),
            (QuestionOutcome, self.outcomes),
            (CourseCompletion, self.completions),
            (Certificate, self.certificates),
            (AuditEntry, self.audit),
        ):
            if rows:
                table = model if isinstance(model, Table) else model.__table__
                connection.execute(insert(table), rows)
        return Counts(
            len(self.users),
            len(self.enrolments),
            len(self.lessons),
            len(self.attempts),
            len(self.completions),
            len(self.certificates),
        )


def email_of(index: int, seed: int) -> str:
    return f"learner{index:06d}.seed{seed}@example.org"


def seed_database(
    learners: int, seed: int, today: date, progress: Callable[[Counts], None]
) -> Counts:
    """Import the courses and add learners; the caller commits."""
    if db.session.scalar(select(User.id).where(User.email == email_of(1, seed))):
        raise SeedError(f"this database already holds the learners of seed {seed}")
    rng = random.Random(seed)  # noqa: S311 - made-up data, the same for a seed
    now = datetime.combine(today, datetime.min.time(), UTC)
    courses = prepare(import_courses(), rng, today)
    connection = db.session.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(text("SET LOCAL synchronous_commit = off"))
    next_user = (db.session.scalar(select(func.max(User.id))) or 0) + 1
    next_certificate = (db.session.scalar(select(func.max(Certificate.id))) or 0) + 1
    maker = _Learners(rng, seed, now, courses)
    maker.next_attempt = (db.session.scalar(select(func.max(Attempt.id))) or 0) + 1
    total = Counts()
    # The report facts' triggers would recompute a person per row written:
    # off for the load, then the facts are filled once from the rows, by the
    # same statement as the migration's backfill, and the triggers come back.
    report_triggers.drop(connection)
    report_cell_triggers.drop(connection)
    report_taker_triggers.drop(connection)
    report_group_triggers.drop(connection)
    with indexes_built_afterwards(connection, (*BULK_TABLES, *REPORT_TABLES)):
        for start in range(0, learners, CHUNK):
            batch = Batch()
            for index in range(start, min(start + CHUNK, learners)):
                next_certificate = maker.learner(batch, index + 1, next_user, next_certificate)
                next_user += 1
            total.add(batch.write(connection))
            progress(total)
        report_triggers.rebuild(connection)
        report_cell_triggers.rebuild(connection)
        report_taker_triggers.rebuild(connection)
        report_group_triggers.rebuild(connection)
    report_triggers.install(connection)
    report_cell_triggers.install(connection)
    report_taker_triggers.install(connection)
    report_group_triggers.install(connection)
    _advance_sequences(connection)
    return total


def _advance_sequences(connection) -> None:
    """PostgreSQL sequences do not see explicit ids: move them past the rows written."""
    if connection.dialect.name != "postgresql":
        return
    for table in ("users", "attempts", "certificates"):
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608 - fixed names
                f"(SELECT coalesce(max(id), 1) FROM {table}))"
            )
        )


@contextmanager
def bulk_load(engine) -> Iterator[None]:
    """Skip the waits for the disk during the load only; a crash loses the seed, nothing else.

    SQLite takes these pragmas only outside a transaction: they are set as the
    seed's session takes its connection, and the connection is dropped afterwards, so
    the site's own settings (academy.database) come back with the next one.
    """
    if engine.dialect.name != "sqlite":
        yield
        return

    def fast(dbapi_connection, _record, _proxy) -> None:
        dbapi_connection.execute("PRAGMA synchronous = OFF")
        dbapi_connection.execute("PRAGMA cache_size = -200000")

    db.session.rollback()
    event.listen(engine, "checkout", fast)
    try:
        yield
    finally:
        event.remove(engine, "checkout", fast)
        db.session.rollback()
        engine.dispose()


class _Learners:
    def __init__(self, rng: random.Random, seed: int, now: datetime, courses: list[SeedCourse]):
        self.rng, self.seed, self.now, self.courses = rng, seed, now, courses
        self.people = People(rng)
        self.snapshots: dict[tuple[int, str], dict] = {}
        self.next_attempt = 1  # explicit ids: the question outcomes refer to them

    def learner(self, batch: Batch, index: int, user_id: int, certificate_id: int) -> int:
        rng = self.rng
        person = self.people.person()
        deleted = rng.random() < DELETED
        count = min(rng.choices(*COURSE_COUNTS)[0], len(self.courses))
        # Weighted sampling without replacement (Efraimidis and Spirakis).
        chosen = sorted(self.courses, key=lambda c: -(rng.random() ** (1 / c.popularity)))
        first = self.now
        for seeded in chosen[:count]:
            language = seeded.language_for(person.locale)
            cohort, enrolled = self._when(seeded, language)
            first = min(first, enrolled)
            batch.enrolments.append(
                {
                    "user_id": user_id,
                    "course_id": seeded.course.id,
                    "content_language": language,
                    "enrolled_at": enrolled,
                    "cohort_id": cohort.id if cohort else None,
                    "unenrolled_at": None,
                }
            )
            certificate_id = self._activity(
                batch, user_id, person.name, seeded, language, cohort, enrolled, deleted,
                certificate_id,
            )  # fmt: skip
        created = first - timedelta(seconds=rng.randrange(60, 20 * DAY))
        batch.users.append(
            {
                "id": user_id,
                "email": None if deleted else email_of(index, self.seed),
                "password_hash": None,
                "role": "learner",
                "session_version": 1,
                "created_at": created,
                "confirmed_at": created + timedelta(minutes=5),
                "last_sign_in_at": None,
                "deleted_at": self.now - timedelta(days=1) if deleted else None,
                "name": "" if deleted else person.name,
                "locale": person.locale,
                "country": None if deleted else person.country,
                "time_zone": None,
                "sex": None if deleted else person.sex,
                "constituent_group": None if deleted else person.constituent_group,
                "organization": "" if deleted else person.organization,
            }
        )
        return certificate_id

    def _when(self, seeded: SeedCourse, language: str):
        """A cohort of that language and a moment in its window, or self-paced any day."""
        rng = self.rng
        runs = seeded.cohorts.get(language) or []
        if runs and rng.random() < IN_COHORT:
            cohort = rng.choice(runs)
            opens, closes = cohort.enrolment_opens_at, cohort.enrolment_closes_at
            span = int((closes - opens).total_seconds())
            return cohort, opens + timedelta(seconds=rng.randrange(span))
        return None, self.now - timedelta(seconds=rng.randrange(60, YEARS * 365 * DAY))

    def _activity(
        self, batch, user_id, name, seeded, language, cohort, enrolled, deleted, certificate_id
    ) -> int:
        rng = self.rng
        if rng.random() < UNENROLS:
            batch.enrolments[-1]["unenrolled_at"] = min(
                enrolled + timedelta(days=rng.randint(1, 30)), self.now
            )
            return certificate_id
        completes = not deleted and rng.random() < COMPLETES
        items = seeded.items
        reach = len(items) if completes else int(len(items) * rng.random() ** 1.5)
        pace = rng.uniform(0.2, 3.0) * DAY  # seconds between two items, on average
        ability = rng.uniform(0.85, 1.15)
        moment = enrolled
        best: list[float] = []
        for kind, item in items[:reach]:
            moment = moment + timedelta(seconds=pace * (0.2 + rng.random()))
            if moment >= self.now:
                return certificate_id
            if kind == "lesson":
                batch.lessons.append(
                    {"user_id": user_id, "lesson_id": item, "completed_at": moment}
                )
                continue
            rows, moment, score = graded_attempts(
                rng, item, user_id, language, moment, ability, must_pass=completes
            )
            for row, result in rows:
                row["id"] = self.next_attempt
                self.next_attempt += 1
                batch.attempts.append(row)
                batch.outcomes.extend(
                    outcome_rows(row["id"], item.pk, row["submitted_at"], language, result)
                )
            best.append(score)
        if not completes or moment >= self.now:
            return certificate_id
        batch.completions.append(
            {"user_id": user_id, "course_id": seeded.course.id, "completed_at": moment}
        )
        if issue_mode(seeded.course) != AUTOMATIC:
            return certificate_id
        score = round(sum(best) / len(best), 2) if best else None
        self._certificate(
            batch, certificate_id, user_id, name, seeded, language, cohort, moment, score
        )
        return certificate_id + 1

    def _certificate(self, batch, pk, user_id, name, seeded, language, cohort, completed, score):
        course = seeded.course
        key = (course.id, language)
        if key not in self.snapshots:
            self.snapshots[key] = settings_snapshot(course, language)
        settings = dict(self.snapshots[key])
        if cohort is not None and cohort.on_certificates:
            settings["cohort"] = {
                "name": cohort.name,
                "starts_on": cohort.starts_on.isoformat(),
                "ends_on": cohort.ends_on.isoformat(),
            }
        issued = completed + timedelta(seconds=1)
        public_id = base64.urlsafe_b64encode(self.rng.randbytes(24)).decode()
        batch.certificates.append(
            {
                "id": pk,
                "public_id": public_id,
                "user_id": user_id,
                "course_id": course.id,
                "recipient_name": name,
                "course_slug": course.slug,
                "course_version": course.version,
                "course_title": seeded.titles[language],
                "language": language,
                "completed_at": completed,
                "score_percent": score,
                "duration_hours": course.duration_hours,
                "issued_at": issued,
                "issuer": AUTOMATIC_ISSUER,
                "issued_by_id": None,
                "face_to_face": False,
                "settings": settings,
                "state": "issued",
                "revoked_at": None,
                "revocation_reason": None,
                "replaced_by_id": None,
            }
        )
        batch.audit.append(
            {
                "at": issued,
                "actor_id": None,
                "action": "issue",
                "certificate_id": pk,
                "course_slug": course.slug,
                "reason": None,
                "details": "",
            }
        )

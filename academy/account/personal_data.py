"""Everything the platform holds about a person: "Download my data" (GDPR art. 15, 20).

Each section reads one table, joined to the names it points at, in one
query, so the number of queries does not grow with the person's data.
templates/account/personal-data.md describes the format (description()). Each section names the user
columns it exports; a test fails when a table gains a user column that no
section exports and NOT_EXPORTED does not explain.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

from sqlalchemy import MetaData, or_, select

from academy.auth.models import User
from academy.certificates.models import AuditEntry, Certificate, Participant
from academy.certificates.services import verification_url
from academy.courses.models import Course, CourseOwner, CourseVersion, Lesson, Quiz
from academy.credentials.models import Credential
from academy.database import utcnow
from academy.extensions import db
from academy.learning.models import (
    Announcement,
    Cohort,
    CohortTrainer,
    CourseCompletion,
    Enrolment,
    LessonCompletion,
)
from academy.packagefiles.quiz_types import QuizDefinition
from academy.quizzes.export import attempt_record
from academy.quizzes.models import Attempt, TimeAllowance

FORMAT = "sse-academy-personal-data/1"
# Inside the package (a templates folder ships with it), so any install serves it.
DESCRIPTION = "templates/account/personal-data.md"

# User columns deliberately left out, and why (the description says the same).
NOT_EXPORTED = {
    # Who among the staff issued a certificate or granted time is about the
    # staff member's work on another person's record; exporting it to the
    # staff member would disclose that person's data (GDPR art. 15(4)).
    "certificates.issued_by_id": "the staff member who issued another person's certificate",
    "time_allowances.granted_by_id": "the staff member who granted another person more time",
    "audit_log.actor_id": "the staff member who acted on another person's certificate",
    "course_owners.assigned_by": "the admin who made another trainer a course's owner",
    "cohort_invitations.invited_by": "the trainer who invited another person to a cohort",
    # A file of other people's data, kept for an hour between its preview and its issue.
    "face_to_face_uploads.uploaded_by_id": "the admin who sent a file of workshop participants",
    # A derived copy for the reports, rebuilt from the rows exported as
    # "enrolments", "progress" and the profile: nothing in it is the person's own.
    "report_enrolments.user_id": "the reports' copy of the person's enrolments and activity",
    "report_quiz_takers.user_id": "the reports' sums of the person's quiz attempts",
}


@dataclass(frozen=True)
class Section:
    name: str
    build: Callable[[User], object]
    columns: tuple[str, ...]  # the "table.column" user references it exports


SECTIONS: list[Section] = []


def section(name: str, *columns: str):
    def register(build: Callable[[User], object]):
        SECTIONS.append(Section(name, build, columns))
        return build

    return register


def export_data(user: User) -> dict:
    data = {"format": FORMAT, "exported_at": utcnow().isoformat()}
    data.update({part.name: part.build(user) for part in SECTIONS})
    return data


def description() -> str:
    """The description of the file's format, in English (Markdown)."""
    return resources.files(__package__).joinpath(DESCRIPTION).read_text(encoding="utf-8")


def unexported_user_columns(metadata: MetaData) -> list[str]:
    """Columns referring to a user that no section exports or NOT_EXPORTED explains."""
    exported = {column for part in SECTIONS for column in part.columns} | set(NOT_EXPORTED)
    found = []
    for table in metadata.tables.values():
        for column in table.columns:
            points_at_users = any(key.column.table.name == "users" for key in column.foreign_keys)
            if points_at_users or column.name == "user_id":
                found.append(f"{table.name}.{column.name}")
    return sorted(name for name in found if name not in exported)


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _title(course: Course, language: str | None = None) -> str:
    titles = course.title or {}
    return titles.get(language) or titles.get(course.default_language) or course.slug


@section("account", "users.id")
def _account(user: User) -> dict:
    return {
        "email": user.email,
        "name": user.name,
        "preferred_language": user.locale,
        "country": user.country,
        "time_zone": user.time_zone,
        "sex": user.sex,
        "constituent_group": user.constituent_group,
        "organization": user.organization,
        "role": user.role,
        "created_at": _iso(user.created_at),
        "confirmed_at": _iso(user.confirmed_at),
        "last_sign_in_at": _iso(user.last_sign_in_at),
    }


@section("enrolments", "enrolments.user_id")
def _enrolments(user: User) -> list[dict]:
    rows = db.session.execute(
        select(Enrolment, Course)
        .join(Course, Course.id == Enrolment.course_id)
        .where(Enrolment.user_id == user.id)
        .order_by(Enrolment.enrolled_at, Enrolment.id)
    )
    return [
        {
            "course": course.slug,
            "course_title": _title(course, enrolment.content_language),
            "content_language": enrolment.content_language,
            "enrolled_at": _iso(enrolment.enrolled_at),
            "unenrolled_at": _iso(enrolment.unenrolled_at),
        }
        for enrolment, course in rows
    ]


@section("lessons_completed", "lesson_completions.user_id")
def _lessons_completed(user: User) -> list[dict]:
    rows = db.session.execute(
        select(LessonCompletion.completed_at, Lesson.slug, Lesson.module_slug, Course.slug)
        .join(Lesson, Lesson.id == LessonCompletion.lesson_id)
        .join(Course, Course.id == Lesson.course_id)
        .where(LessonCompletion.user_id == user.id)
        .order_by(LessonCompletion.completed_at, LessonCompletion.id)
    )
    return [
        {"course": course, "module": module, "lesson": lesson, "completed_at": _iso(at)}
        for at, lesson, module, course in rows
    ]


@section("courses_completed", "course_completions.user_id")
def _courses_completed(user: User) -> list[dict]:
    rows = db.session.execute(
        select(CourseCompletion.completed_at, Course)
        .join(Course, Course.id == CourseCompletion.course_id)
        .where(CourseCompletion.user_id == user.id)
        .order_by(CourseCompletion.completed_at, CourseCompletion.id)
    )
    return [
        {"course": course.slug, "course_title": _title(course), "completed_at": _iso(at)}
        for at, course in rows
    ]


@section("quiz_attempts", "attempts.user_id")
def _quiz_attempts(user: User) -> list[dict]:
    rows = db.session.execute(
        select(Attempt, Quiz, Course.slug)
        .join(Quiz, Quiz.id == Attempt.quiz_id)
        .join(Course, Course.id == Quiz.course_id)
        .where(Attempt.user_id == user.id)
        .order_by(Attempt.started_at, Attempt.id)
    ).all()
    # Every attempt is here, so whether the quiz was passed needs no other query.
    passed = {quiz.id for attempt, quiz, _course in rows if attempt.passed}
    definitions: dict[int, QuizDefinition] = {}
    records = []
    for attempt, quiz, course in rows:
        if quiz.id not in definitions:
            definitions[quiz.id] = QuizDefinition.from_dict(quiz.definition)
        records.append(
            {
                "course": course,
                "quiz": quiz.slug,
                "number": attempt.number,
                "language": attempt.language,
                "state": attempt.state,
                "started_at": _iso(attempt.started_at),
                "deadline_at": _iso(attempt.deadline_at),
                "submitted_at": _iso(attempt.submitted_at),
                "late": attempt.late,
                "score_percent": attempt.score_percent,
                "passed": attempt.passed,
                **attempt_record(attempt, definitions[quiz.id], quiz.id in passed),
            }
        )
    return records


@section("time_allowances", "time_allowances.user_id")
def _time_allowances(user: User) -> list[dict]:
    rows = db.session.execute(
        select(TimeAllowance, Quiz.slug, Course.slug)
        .join(Quiz, Quiz.id == TimeAllowance.quiz_id)
        .join(Course, Course.id == Quiz.course_id)
        .where(TimeAllowance.user_id == user.id)
        .order_by(TimeAllowance.granted_at, TimeAllowance.id)
    )
    return [
        {
            "course": course,
            "quiz": quiz,
            "extra_minutes": allowance.extra_minutes,
            "unlimited": allowance.unlimited,
            "granted_at": _iso(allowance.granted_at),
        }
        for allowance, quiz, course in rows
    ]


@section("certificates", "certificates.user_id")
def _certificates(user: User) -> list[dict]:
    certificates = db.session.scalars(
        select(Certificate)
        .where(Certificate.user_id == user.id)
        .order_by(Certificate.issued_at, Certificate.id)
    ).all()
    # A reissued certificate points at its replacement, which is also the person's.
    public_ids = {certificate.id: certificate.public_id for certificate in certificates}
    participants = _participants([certificate.id for certificate in certificates])
    tokens = _credentials([certificate.id for certificate in certificates])
    return [
        {
            **certificate.as_record(),
            "verification_url": verification_url(certificate),
            "revocation_reason": certificate.revocation_reason,
            "replaced_by": public_ids.get(certificate.replaced_by_id),
            "face_to_face_participant": participants.get(certificate.id),
            "credential": tokens.get(certificate.id),
        }
        for certificate in certificates
    ]


def _credentials(certificate_ids: list[int]) -> dict[int, str]:
    """The signed Open Badges credential (a compact VC-JWT) of each certificate that has one."""
    if not certificate_ids:
        return {}
    rows = db.session.execute(
        select(Credential.certificate_id, Credential.token).where(
            Credential.certificate_id.in_(certificate_ids), Credential.token != ""
        )
    )
    return dict(rows.all())


def _participants(certificate_ids: list[int]) -> dict[int, dict]:
    """What an admin's file said of the person, for certificates issued face to face."""
    if not certificate_ids:
        return {}
    rows = db.session.scalars(
        select(Participant).where(Participant.certificate_id.in_(certificate_ids))
    )
    return {
        row.certificate_id: {
            "email": row.email,
            "attended_on": _iso(row.attended_on),
            "country": row.country,
            "sex": row.sex,
            "constituent_group": row.constituent_group,
            "organization": row.organization,
        }
        for row in rows
    }


@section("certificate_history")
def _certificate_history(user: User) -> list[dict]:
    """The audit entries about the person's certificates, without who acted."""
    rows = db.session.execute(
        select(AuditEntry, Certificate.public_id)
        .join(Certificate, Certificate.id == AuditEntry.certificate_id)
        .where(Certificate.user_id == user.id)
        .order_by(AuditEntry.at, AuditEntry.id)
    )
    return [
        {
            "at": _iso(entry.at),
            "action": entry.action,
            "certificate": public_id,
            "by": "system" if entry.actor_id is None else "staff",
            "reason": entry.reason,
            "details": entry.details,
        }
        for entry, public_id in rows
    ]


@section("account_history", "audit_log.subject_user_id")
def _account_history(user: User) -> list[dict]:
    """What admins did to the account (role, deactivation), without who acted.

    The entries about certificates carry the person too; they are above.
    """
    rows = db.session.scalars(
        select(AuditEntry)
        .where(AuditEntry.subject_user_id == user.id, AuditEntry.certificate_id.is_(None))
        .order_by(AuditEntry.at, AuditEntry.id)
    )
    return [
        {
            "at": _iso(entry.at),
            "action": entry.action,
            "by": "system" if entry.actor_id is None else "staff",
            "reason": entry.reason,
            "details": entry.details,
        }
        for entry in rows
    ]


# -- a trainer's own work: what they own, run, uploaded, published and wrote -----


@section("courses_owned", "course_owners.user_id")
def _courses_owned(user: User) -> list[dict]:
    rows = db.session.execute(
        select(CourseOwner.assigned_at, Course)
        .join(Course, Course.id == CourseOwner.course_id)
        .where(CourseOwner.user_id == user.id)
        .order_by(CourseOwner.assigned_at, Course.id)
    )
    return [
        {"course": course.slug, "course_title": _title(course), "since": _iso(since)}
        for since, course in rows
    ]


@section("course_versions", "course_versions.uploaded_by", "course_versions.published_by")
def _course_versions(user: User) -> list[dict]:
    """Versions the person uploaded, or was the last to publish."""
    rows = db.session.execute(
        select(
            CourseVersion.id,
            CourseVersion.course_slug,
            CourseVersion.version,
            CourseVersion.content_hash,
            CourseVersion.uploaded_by,
            CourseVersion.uploaded_at,
            CourseVersion.published_by,
            CourseVersion.published_at,
        )
        .where(or_(CourseVersion.uploaded_by == user.id, CourseVersion.published_by == user.id))
        .order_by(CourseVersion.uploaded_at, CourseVersion.id)
    )
    return [
        {
            "version": row.id,
            "course": row.course_slug,
            "edition": row.version,
            "content_hash": row.content_hash,
            "uploaded_at": _iso(row.uploaded_at) if row.uploaded_by == user.id else None,
            "published_at": _iso(row.published_at) if row.published_by == user.id else None,
        }
        for row in rows
    ]


@section("cohorts", "cohorts.created_by", "cohort_trainers.user_id")
def _cohorts(user: User) -> list[dict]:
    """Cohorts the person created or runs."""
    runs = select(CohortTrainer.cohort_id).where(CohortTrainer.user_id == user.id)
    rows = db.session.execute(
        select(Cohort, Course.slug)
        .join(Course, Course.id == Cohort.course_id)
        .where(or_(Cohort.created_by == user.id, Cohort.id.in_(runs)))
        .order_by(Cohort.created_at, Cohort.id)
        .add_columns(Cohort.id.in_(runs).label("runs"))
    )
    return [
        {
            "course": slug,
            "name": cohort.name,
            "created_at": _iso(cohort.created_at) if cohort.created_by == user.id else None,
            "trainer": bool(runs_it),
        }
        for cohort, slug, runs_it in rows
    ]


@section("announcements_sent", "announcements.sent_by")
def _announcements_sent(user: User) -> list[dict]:
    rows = db.session.execute(
        select(Announcement, Cohort.name)
        .join(Cohort, Cohort.id == Announcement.cohort_id)
        .where(Announcement.sent_by == user.id)
        .order_by(Announcement.sent_at, Announcement.id)
    )
    return [
        {
            "cohort": name,
            "sent_at": _iso(announcement.sent_at),
            "subject": announcement.subject,
            "message": announcement.body,
            "recipients": announcement.recipients,
        }
        for announcement, name in rows
    ]

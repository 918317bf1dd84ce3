"""Issuing, revoking and reissuing certificates; each flushes and writes the audit log.

The caller commits. A certificate snapshots at issue everything it prints,
so nothing here reads a profile or a course to show a certificate later.
A holder's withdrawal of their certificates is in academy.certificates.withdrawal.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from academy.auth.models import User
from academy.certificates.achievement import achievement_snapshot
from academy.certificates.models import (
    AUDIT_ACTIONS,
    AUTOMATIC_ISSUER,
    ISSUED,
    REVOKED,
    AuditEntry,
    Certificate,
)
from academy.certificates.signals import certificate_issued
from academy.courses.content_languages import offered_language, pick
from academy.courses.models import Asset, Course
from academy.database import utcnow
from academy.extensions import db
from academy.learning.completion import completion_of, required_items
from academy.learning.models import Cohort, CourseCompletion, Enrolment
from academy.quizzes.models import Attempt

AUTOMATIC = "automatic"
ADMIN = "admin"
# Why reissue_certificate refuses (reissue_refusal); the view words them.
REFUSED_REVOKED = "revoked"
REFUSED_NO_NAME = "no name"
REFUSED_NO_ACCOUNT = "no account"


def issue_mode(course: Course) -> str:
    return (course.certificate or {}).get("issue", AUTOMATIC)


def new_public_id() -> str:
    """An unguessable id: 24 random bytes, 192 bits, 32 URL-safe characters."""
    return secrets.token_urlsafe(24)


def verification_url(certificate: Certificate) -> str:
    # The public base URL, never the request's host, so a forged Host header
    # cannot end up in a link we email or print.
    return f"{current_app.config['BASE_URL']}/verify/{certificate.public_id}"


def active_certificate(user_id: int, course_id: int) -> Certificate | None:
    return db.session.scalar(
        select(Certificate).where(
            Certificate.user_id == user_id,
            Certificate.course_id == course_id,
            Certificate.state == ISSUED,
        )
    )


def by_public_id(public_id: str) -> Certificate | None:
    return db.session.scalar(select(Certificate).where(Certificate.public_id == public_id))


def certificate_language(user: User, course: Course) -> str:
    """The learner's content language if the course offers it, else the course default."""
    enrolment = db.session.scalar(
        select(Enrolment).where(Enrolment.user_id == user.id, Enrolment.course_id == course.id)
    )
    wanted = enrolment.content_language if enrolment is not None else None
    return offered_language(course, wanted) or course.default_language


def best_score(user_id: int, course: Course) -> float | None:
    """The mean of the best passed score of each required quiz; None without quizzes."""
    quizzes = required_items(course, "quiz", "quizzes")
    if not quizzes:
        return None
    best = db.session.execute(
        select(Attempt.quiz_id, func.max(Attempt.score_percent))
        .where(Attempt.user_id == user_id, Attempt.quiz_id.in_(quizzes), Attempt.passed)
        .group_by(Attempt.quiz_id)
    ).all()
    scores = [score for _quiz, score in best if score is not None]
    return round(sum(scores) / len(scores), 2) if scores else None


def settings_snapshot(course: Course, language: str, *, face_to_face: bool = False) -> dict:
    """What the course's certificate settings print, in the certificate language."""
    settings = course.certificate or {}
    signatories = []
    for person in settings.get("signatories") or []:
        title = pick(person.get("title"), language, course.default_language)
        signatories.append({"name": person.get("name", ""), "title": str(title) if title else ""})
    logo = None
    if settings.get("logo"):
        asset = db.session.scalar(
            select(Asset).where(Asset.course_id == course.id, Asset.path == settings["logo"])
        )
        logo = {"path": settings["logo"], "sha256": asset.sha256 if asset else None}
    # The template's text, not just its name: the certificate keeps printing the
    # same way whatever later versions of the course change.
    return {
        "signatories": signatories,
        "logo": logo,
        "template": settings.get("template"),
        "template_html": course.certificate_template if settings.get("template") else None,
        "achievement": achievement_snapshot(course, language, face_to_face=face_to_face),
    }


def cohort_snapshot(user_id: int, course: Course) -> dict | None:
    """The learner's cohort's name and dates, when the cohort prints them on certificates."""
    cohort = db.session.scalar(
        select(Cohort)
        .join(Enrolment, Enrolment.cohort_id == Cohort.id)
        .where(
            Enrolment.user_id == user_id,
            Enrolment.course_id == course.id,
            Cohort.on_certificates.is_(True),
        )
    )
    if cohort is None:
        return None

    def day(value):
        return value.isoformat() if value is not None else None

    return {"name": cohort.name, "starts_on": day(cohort.starts_on), "ends_on": day(cohort.ends_on)}


def audit(action: str, certificate: Certificate, actor: User | None, reason=None, details=""):
    """Add an audit log entry for certificate (issue, revoke, reissue); the caller flushes."""
    record(action, actor, certificate=certificate, reason=reason, details=details)


def record(
    action: str,
    actor: User | None,
    *,
    certificate: Certificate | None = None,
    course_slug: str | None = None,
    reason: str | None = None,
    details: str = "",
    subject: User | None = None,
) -> None:
    """Add an audit log entry; the caller flushes."""
    if action not in AUDIT_ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    db.session.add(
        AuditEntry(
            action=action,
            certificate_id=certificate.id if certificate is not None else None,
            course_slug=course_slug or (certificate.course_slug if certificate else None),
            actor_id=actor.id if actor is not None else None,
            reason=reason,
            details=details,
            subject_user_id=_subject_id(subject, certificate),
        )
    )


def _subject_id(subject: User | None, certificate: Certificate | None) -> int | None:
    # A certificate's entries are about its holder, so a person's log shows them too.
    if subject is not None:
        return subject.id
    return certificate.user_id if certificate is not None else None


def _snapshot(user: User, course: Course, issued_by: User | None, face_to_face: bool):
    language = certificate_language(user, course)
    completion = completion_of(user.id, course)
    title = pick(course.title, language, course.default_language)
    settings = settings_snapshot(course, language, face_to_face=face_to_face)
    cohort = cohort_snapshot(user.id, course)
    if cohort is not None:
        settings["cohort"] = cohort
    return Certificate(
        public_id=new_public_id(),
        user_id=user.id,
        course_id=course.id,
        recipient_name=user.name,
        course_slug=course.slug,
        course_version=course.version,
        course_title=str(title) if title else course.slug,
        language=language,
        completed_at=completion.completed_at if completion is not None else None,
        score_percent=best_score(user.id, course),
        duration_hours=course.duration_hours,
        issued_at=utcnow(),
        issuer=issued_by.name if issued_by is not None else AUTOMATIC_ISSUER,
        issued_by_id=issued_by.id if issued_by is not None else None,
        face_to_face=face_to_face,
        settings=settings,
        state=ISSUED,
    )


NAME_MAX = 200


class NameNeeded(Exception):
    """The account has no name to print, and none (or no usable one) was given."""


def needs_name(user: User) -> bool:
    """True when the account has no name to print: empty, or its email address.

    Accounts created by older versions of `academy users create` carry their
    address as name; printed, it would make a certificate nobody can show.
    """
    return name_missing(user.name, user.email)


def name_missing(name: str | None, email: str | None) -> bool:
    """needs_name on an account's name and address, for rows read without their User."""
    name = (name or "").strip()
    return not name or name.casefold() == (email or "").casefold()


def usable_name(user: User, given: str | None) -> str | None:
    """given, tidied, when it can be printed for user; else None."""
    given = " ".join((given or "").split())
    if not given or len(given) > NAME_MAX or given.casefold() == (user.email or "").casefold():
        return None
    return given


def _save_name(user: User, name: str | None, actor: User | None) -> None:
    """Give user the name to print, first, when they have none; NameNeeded without one."""
    if not needs_name(user):
        return
    given = usable_name(user, name)
    if given is None:
        raise NameNeeded(user.email)
    user.name = given
    record("set_name", actor, subject=user, details=given)


def issue_certificate(
    user: User,
    course: Course,
    issued_by: User | None = None,
    face_to_face: bool = False,
    *,
    name: str | None = None,
) -> Certificate:
    """Issue user's certificate for course, or return the one they already hold.

    An account with no name to print takes name (saved to the account, in
    the audit log too); without one, NameNeeded and nothing is written.
    """
    existing = active_certificate(user.id, course.id)
    if existing is not None:
        return existing
    _save_name(user, name, issued_by)
    certificate = _snapshot(user, course, issued_by, face_to_face)
    try:
        with db.session.begin_nested():
            db.session.add(certificate)
    except IntegrityError:
        # Another request issued it in between: the unique index kept one.
        return active_certificate(user.id, course.id)
    details = "face to face" if face_to_face else ""
    audit("issue", certificate, issued_by, details=details)
    db.session.flush()
    certificate_issued.send(certificate=certificate)
    return certificate


def revoke_certificate(certificate: Certificate, actor: User | None, reason: str) -> bool:
    """Revoke certificate for reason; False if it was already revoked."""
    if certificate.state != ISSUED:
        return False
    certificate.state = REVOKED
    certificate.revoked_at = utcnow()
    certificate.revocation_reason = reason
    db.session.flush()
    audit("revoke", certificate, actor, reason=reason)
    db.session.flush()
    return True


def reissue_refusal(certificate: Certificate) -> str | None:
    """Why certificate cannot be reissued (REFUSED_*), or None if it can.

    A reissue prints the holder's current name; a deleted account has none,
    and a certificate must never be issued to an empty name.
    """
    if certificate.state != ISSUED or certificate.course_id is None:
        return REFUSED_REVOKED
    if certificate.user_id is None:
        # A face-to-face participant without an account: no current name to print.
        return REFUSED_NO_ACCOUNT
    user = db.session.get(User, certificate.user_id)
    if user is None or user.deleted_at is not None or not (user.name or "").strip():
        return REFUSED_NO_NAME
    return None


def reissue_certificate(certificate: Certificate, actor: User, reason: str) -> Certificate | None:
    """Replace certificate by a new one with the current name; None if reissue_refusal says so."""
    if reissue_refusal(certificate) is not None:
        return None
    user = db.session.get(User, certificate.user_id)
    course = db.session.get(Course, certificate.course_id)
    certificate.state = REVOKED
    certificate.revoked_at = utcnow()
    certificate.revocation_reason = reason
    db.session.flush()
    replacement = _snapshot(user, course, actor, certificate.face_to_face)
    db.session.add(replacement)
    db.session.flush()
    certificate.replaced_by_id = replacement.id
    audit("reissue", certificate, actor, reason=reason, details=replacement.public_id)
    audit("issue", replacement, actor, details=f"replaces {certificate.public_id}")
    db.session.flush()
    certificate_issued.send(certificate=replacement)
    return replacement


@dataclass(frozen=True)
class Ready:
    """A completion of an admin-issue course still waiting for its certificate."""

    completion: CourseCompletion
    user: User
    course: Course


def ready_to_issue(course: Course | None = None) -> list[Ready]:
    courses = [course] if course is not None else db.session.scalars(select(Course)).all()
    admin_courses = {c.id: c for c in courses if issue_mode(c) == ADMIN}
    if not admin_courses:
        return []
    held = (
        select(Certificate.id)
        .where(
            Certificate.user_id == CourseCompletion.user_id,
            Certificate.course_id == CourseCompletion.course_id,
            Certificate.state == ISSUED,
        )
        .exists()
    )
    rows = db.session.execute(
        select(CourseCompletion, User)
        .join(User, User.id == CourseCompletion.user_id)
        .where(
            CourseCompletion.course_id.in_(admin_courses),
            User.deleted_at.is_(None),
            ~held,
        )
        .order_by(CourseCompletion.completed_at, CourseCompletion.id)
    ).all()
    return [
        Ready(completion, user, admin_courses[completion.course_id]) for completion, user in rows
    ]


def certificates_of(user: User) -> list[Certificate]:
    return list(
        db.session.scalars(
            select(Certificate)
            .where(Certificate.user_id == user.id)
            .order_by(Certificate.issued_at.desc(), Certificate.id.desc())
        )
    )


def all_certificates(course_slug: str | None = None) -> list[Certificate]:
    statement = select(Certificate).order_by(Certificate.issued_at.desc(), Certificate.id.desc())
    if course_slug:
        statement = statement.where(Certificate.course_slug == course_slug)
    return list(db.session.scalars(statement))


def audit_log(limit: int = 200) -> list[tuple[AuditEntry, Certificate, User | None]]:
    actor = db.aliased(User)
    return list(
        db.session.execute(
            select(AuditEntry, Certificate, actor)
            .join(Certificate, Certificate.id == AuditEntry.certificate_id)
            .outerjoin(actor, actor.id == AuditEntry.actor_id)
            .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
            .limit(limit)
        ).all()
    )


def after_completion(user: User, course: Course) -> Certificate | None:
    """On a first completion, issue the certificate if the course issues automatically.

    The caller mails it (certificates.mails.send_certificate_issued) once the
    transaction is committed, so nobody is told of a certificate that was not saved.
    """
    if issue_mode(course) != AUTOMATIC:
        return None
    if needs_name(user):
        # No name to print: an admin issues it, giving the name (the admin page asks).
        return None
    return issue_certificate(user, course)

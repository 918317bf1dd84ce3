"""Face-to-face certificates: issued to participants, with or without an account.

A participant of a workshop in Turin or in a country may never use the site.
Their certificate is issued like any other (a snapshot, verifiable at
/verify/<id>), and a Participant row keeps the address it was mailed to and
what the reports count. It belongs to the confirmed account with that
address at once, or to the account that later confirms it (attach, on
academy.auth.signals.account_confirmed). Functions flush; the caller commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from flask import current_app, url_for
from sqlalchemy import select

from academy.auth.models import User
from academy.certificates.models import ISSUED, Certificate, Participant
from academy.certificates.services import (
    new_public_id,
    record,
    settings_snapshot,
    verification_url,
)
from academy.certificates.signals import certificate_issued
from academy.courses.content_languages import offered_language, pick
from academy.courses.models import Course
from academy.database import utcnow
from academy.extensions import db
from academy.i18n import DEFAULT_LANGUAGE, LANGUAGES
from academy.mail import send_mails_after_response

_CHUNK = 500


@dataclass(frozen=True)
class Attendee:
    """One participant of a face-to-face course, as the admin's file names them."""

    email: str  # case-folded
    name: str  # as printed
    course: Course
    attended_on: date
    language: str | None = None
    country: str | None = None
    sex: str | None = None
    constituent_group: str | None = None
    organization: str | None = None


def holding(emails: set[str], course_ids: set[int]) -> set[tuple[str, int]]:
    """The (email, course id) pairs among these that already hold a valid certificate.

    Through a participant record, or through the account with that address.
    """
    held: set[tuple[str, int]] = set()
    for chunk in _chunks(sorted(emails)):
        rows = db.session.execute(
            select(Participant.email, Certificate.course_id)
            .join(Certificate, Certificate.id == Participant.certificate_id)
            .where(Participant.email.in_(chunk), Certificate.state == ISSUED)
        ).all()
        rows += db.session.execute(
            select(User.email, Certificate.course_id)
            .join(Certificate, Certificate.user_id == User.id)
            .where(User.email.in_(chunk), User.deleted_at.is_(None), Certificate.state == ISSUED)
        ).all()
        held.update((email, course_id) for email, course_id in rows if course_id in course_ids)
    return held


@dataclass(frozen=True)
class Planned:
    """One row of a file as it will be issued: in which language, titled how, to whom."""

    attendee: Attendee
    language: str
    course_title: str
    has_account: bool  # a confirmed account holds it at once
    held: bool  # the address already holds a valid certificate of the course: skipped


def plan_certificates(attendees: list[Attendee]) -> list[Planned]:
    """What issuing these attendees would print, without writing anything."""
    held = holding({a.email for a in attendees}, {a.course.id for a in attendees})
    accounts = _accounts({attendee.email for attendee in attendees})
    planned = []
    for attendee in attendees:
        language = _language(attendee)
        planned.append(
            Planned(
                attendee=attendee,
                language=language,
                course_title=_title(attendee.course, language),
                has_account=attendee.email in accounts,
                held=(attendee.email, attendee.course.id) in held,
            )
        )
    return planned


def attended_moment(day: date) -> datetime:
    """The moment printed as the day attended: noon UTC, the same day wherever it is read."""
    return datetime.combine(day, time(12), tzinfo=UTC)


def _language(attendee: Attendee) -> str:
    course = attendee.course
    return offered_language(course, attendee.language) or course.default_language


def _title(course: Course, language: str) -> str:
    title = pick(course.title, language, course.default_language)
    return str(title) if title else course.slug


def _accounts(emails: set[str]) -> dict[str, User]:
    """The confirmed, live accounts with these addresses."""
    found = {}
    for chunk in _chunks(sorted(emails)):
        users = db.session.scalars(
            select(User).where(
                User.email.in_(chunk), User.deleted_at.is_(None), User.confirmed_at.is_not(None)
            )
        )
        found.update({user.email: user for user in users})
    return found


def _chunks(values: list[str]):
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def issue_to_attendees(attendees: list[Attendee], issued_by: User) -> list[Certificate]:
    """Issue each attendee's certificate, in order; the caller checked none holds one."""
    accounts = _accounts({attendee.email for attendee in attendees})
    snapshots: dict[tuple[int, str], dict] = {}
    certificates = []
    for attendee in attendees:
        course = attendee.course
        language = _language(attendee)
        key = (course.id, language)
        if key not in snapshots:
            snapshots[key] = settings_snapshot(course, language, face_to_face=True)
        account = accounts.get(attendee.email)
        certificates.append(_certificate(attendee, language, snapshots[key], account, issued_by))
    db.session.add_all(certificates)
    db.session.flush()
    for attendee, certificate in zip(attendees, certificates, strict=True):
        db.session.add(_participant(attendee, certificate))
        record("issue", issued_by, certificate=certificate, details="face to face")
    db.session.flush()
    for certificate in certificates:
        certificate_issued.send(certificate=certificate)
    return certificates


def _certificate(attendee, language, settings, account, issued_by) -> Certificate:
    course = attendee.course
    attended = attended_moment(attendee.attended_on)
    return Certificate(
        public_id=new_public_id(),
        user_id=account.id if account is not None else None,
        course_id=course.id,
        recipient_name=attendee.name,
        course_slug=course.slug,
        course_version=course.version,
        course_title=_title(course, language),
        language=language,
        completed_at=attended,
        score_percent=None,
        duration_hours=course.duration_hours,
        issued_at=utcnow(),
        issuer=issued_by.name,
        issued_by_id=issued_by.id,
        face_to_face=True,
        settings=dict(settings),
        state=ISSUED,
    )


def _participant(attendee: Attendee, certificate: Certificate) -> Participant:
    return Participant(
        certificate_id=certificate.id,
        email=attendee.email,
        attended_on=attendee.attended_on,
        country=attendee.country,
        sex=attendee.sex,
        constituent_group=attendee.constituent_group,
        organization=attendee.organization,
    )


def mail_participants(certificates: list[Certificate], emails: list[str]) -> None:
    """Mail each participant their certificate, once the response has gone out.

    In the certificate's language when the interface has it. Call after the commit.
    """
    # The public base URL, never the request's host (as verification_url).
    register = current_app.config["BASE_URL"] + url_for("auth.register")
    mails = []
    for certificate, email in zip(certificates, emails, strict=True):
        locale = certificate.language.split("-")[0]
        context = {
            "name": certificate.recipient_name,
            "course": certificate.course_title,
            "link": verification_url(certificate),
            "register": None if certificate.user_id else register,
        }
        mails.append(
            (
                email,
                "certificates/mail/face_to_face_subject.txt",
                "certificates/mail/face_to_face.txt",
                locale if locale in LANGUAGES else DEFAULT_LANGUAGE,
                context,
            )
        )
    send_mails_after_response(mails)


def attach(_sender, user: User, **_extra) -> None:
    """Give a newly confirmed address's account the certificates issued to it.

    Connected to academy.auth.signals.account_confirmed. A certificate for a
    course the account already holds a valid certificate of stays as it is
    (one valid certificate per account and course): still verifiable, and
    still counted through its participant.
    """
    if not user.email:
        return
    waiting = db.session.scalars(
        select(Certificate)
        .join(Participant, Participant.certificate_id == Certificate.id)
        .where(Participant.email == user.email.casefold(), Certificate.user_id.is_(None))
        .order_by(Certificate.id)
    ).all()
    held = set(
        db.session.scalars(
            select(Certificate.course_id).where(
                Certificate.user_id == user.id, Certificate.state == ISSUED
            )
        )
    )
    for certificate in waiting:
        if certificate.state == ISSUED and certificate.course_id in held:
            continue
        certificate.user_id = user.id
        if certificate.state == ISSUED:
            held.add(certificate.course_id)
    db.session.flush()

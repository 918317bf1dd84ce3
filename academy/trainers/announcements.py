"""Announcements to a cohort: stored, mailed to each learner, shown on the course page.

A trainer writes one in one or several interface languages. Each learner
gets their interface language when it was written, otherwise the first
language written (the first on the trainer's form). The text is plain:
pages escape it and keep its line breaks; mails carry it as it is.
"""

from __future__ import annotations

from sqlalchemy import select

from academy.auth.models import User
from academy.certificates.services import record
from academy.courses.content_languages import pick
from academy.courses.models import Course
from academy.courses.readers import Notice
from academy.extensions import db
from academy.learning.models import Announcement, Cohort, Enrolment
from academy.mail import send_mail_after_response

# How many announcements the course page shows a learner, newest first.
SHOWN_ON_COURSE_PAGE = 5


def language_for(announcement: Announcement, language: str | None) -> str:
    """language if the announcement was written in it, else the first language written."""
    if language in announcement.subject:
        return language
    return next(iter(announcement.subject))


def paragraphs(text: str) -> tuple[tuple[str, ...], ...]:
    """Plain text as paragraphs (blank lines between) of lines, for a page to join with <br>."""
    blocks = text.replace("\r\n", "\n").replace("\r", "\n").split("\n\n")
    return tuple(tuple(block.strip("\n").split("\n")) for block in blocks if block.strip())


def recipients(cohort: Cohort) -> list[User]:
    """The cohort's active learners with an address to write to."""
    return list(
        db.session.scalars(
            select(User)
            .join(Enrolment, Enrolment.user_id == User.id)
            .where(
                Enrolment.cohort_id == cohort.id,
                Enrolment.unenrolled_at.is_(None),
                User.deleted_at.is_(None),
                User.email.is_not(None),
                User.email != "",
            )
            .order_by(User.id)
        )
    )


def announce(
    cohort: Cohort, course: Course, versions: dict[str, tuple[str, str]], sender: User
) -> tuple[Announcement, list[User]]:
    """Store the announcement (versions: language -> (subject, body), in the trainer's order)."""
    learners = recipients(cohort)
    announcement = Announcement(
        cohort_id=cohort.id,
        subject={language: subject for language, (subject, _body) in versions.items()},
        body={language: body for language, (_subject, body) in versions.items()},
        sent_by=sender.id,
        recipients=len(learners),
    )
    db.session.add(announcement)
    record("announce", sender, course_slug=course.slug, details=f"cohort {cohort.id}")
    db.session.flush()
    return announcement, learners


def mail_after_response(
    announcement: Announcement, learners: list[User], cohort: Cohort, course: Course, link: str
) -> None:
    """Mail every learner their version once the response is sent (after the commit)."""
    for learner in learners:
        language = language_for(announcement, learner.locale)
        title = pick(course.title, language, course.default_language)
        send_mail_after_response(
            learner.email,
            "trainers/mail/announcement_subject.txt",
            "trainers/mail/announcement.txt",
            language,
            user=learner,
            cohort=cohort,
            course_title=str(title) if title else course.slug,
            subject=announcement.subject[language],
            body=announcement.body[language],
            link=link,
        )


def sent_to(cohort: Cohort, limit: int | None = None) -> list[Announcement]:
    """The cohort's announcements, newest first."""
    statement = (
        select(Announcement)
        .where(Announcement.cohort_id == cohort.id)
        .order_by(Announcement.sent_at.desc(), Announcement.id.desc())
    )
    if limit is not None:
        statement = statement.limit(limit)
    return list(db.session.scalars(statement))


def notices_for(enrolment, language: str) -> list[Notice]:
    """What the course page shows a learner: their cohort's latest announcements (one query)."""
    rows = db.session.scalars(
        select(Announcement)
        .where(Announcement.cohort_id == enrolment.cohort_id)
        .order_by(Announcement.sent_at.desc(), Announcement.id.desc())
        .limit(SHOWN_ON_COURSE_PAGE)
    )
    notices = []
    for announcement in rows:
        chosen = language_for(announcement, language)
        notices.append(
            Notice(
                subject=announcement.subject[chosen],
                paragraphs=paragraphs(announcement.body[chosen]),
                language=chosen,
                sent_at=announcement.sent_at,
            )
        )
    return notices

"""Enrolling the learners of a file into a cohort: all of them, or none.

Accounts with the address join the cohort; addresses without a confirmed
account get an invitation, accepted when that address registers and is
confirmed (academy.learning.cohorts.accept_invitations). A learner already
in the cohort, or already invited to it, is left as they are. The operation
flushes; the view commits once, then mails the invitations.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import current_app, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import insert, select

from academy.auth.models import User
from academy.auth.tokens import make_invitation_token
from academy.certificates.services import record
from academy.courses.content_languages import pick
from academy.courses.models import Course
from academy.database import utcnow
from academy.extensions import db
from academy.i18n import LANGUAGES, current_language, isolate
from academy.learning.cohorts import enrolments_by_user, place_many, places_left
from academy.learning.models import Cohort, Invitation
from academy.mail import send_mails_after_response
from academy.trainers.enrolment_files import Learner, Problem

_CHUNK = 500


@dataclass
class Outcome:
    enrolled: int = 0
    invited: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    invitations: list[Learner] = field(default_factory=list)


def _in_chunks(values: list, statement_for):
    for start in range(0, len(values), _CHUNK):
        yield from db.session.scalars(statement_for(values[start : start + _CHUNK]))


def _accounts(emails: list[str]) -> dict[str, User]:
    """Confirmed, live accounts by address: an unconfirmed one is taken over at confirmation."""
    return {
        user.email: user
        for user in _in_chunks(
            emails,
            lambda chunk: select(User).where(
                User.email.in_(chunk), User.deleted_at.is_(None), User.confirmed_at.is_not(None)
            ),
        )
    }


def _waiting(cohort: Cohort, emails: list[str]) -> set[str]:
    return set(
        _in_chunks(
            emails,
            lambda chunk: select(Invitation.email).where(
                Invitation.cohort_id == cohort.id,
                Invitation.email.in_(chunk),
                Invitation.accepted_at.is_(None),
            ),
        )
    )


def enrol_learners(cohort: Cohort, course: Course, learners: list[Learner], actor) -> Outcome:
    """Enrol or invite every learner, or, when any cannot be, change nothing and say why."""
    emails = [learner.email for learner in learners]
    accounts, waiting = _accounts(emails), _waiting(cohort, emails)
    enrolments = enrolments_by_user(course, [user.id for user in accounts.values()])
    outcome, to_enrol = Outcome(), []
    for learner in learners:
        user = accounts.get(learner.email)
        enrolment = enrolments.get(user.id) if user else None
        if enrolment is not None and enrolment.is_active and enrolment.cohort_id is not None:
            if enrolment.cohort_id == cohort.id:
                outcome.unchanged += 1
            else:
                message = _("%(email)s already belongs to another cohort of this course.")
                outcome.problems.append(
                    Problem(learner.line, "email", isolate(message, email=learner.email))
                )
        elif user is not None:
            to_enrol.append(user.id)
        elif learner.email in waiting:
            outcome.unchanged += 1
        else:
            outcome.invitations.append(learner)
    _check_capacity(cohort, len(to_enrol) + len(outcome.invitations), outcome)
    if outcome.problems:
        return outcome
    place_many(course, cohort, to_enrol)
    _invite(cohort, outcome.invitations, actor)
    outcome.enrolled, outcome.invited = len(to_enrol), len(outcome.invitations)
    details = f"cohort {cohort.id}: {outcome.enrolled} enrolled, {outcome.invited} invited"
    record("enrol_from_file", actor, course_slug=course.slug, details=details)
    db.session.flush()
    return outcome


def _check_capacity(cohort: Cohort, adding: int, outcome: Outcome) -> None:
    left = places_left(cohort)
    if left is None or adding <= left:
        return
    message = ngettext(
        "The cohort has %(num)d place left, and the file adds %(adding)d learners.",
        "The cohort has %(num)d places left, and the file adds %(adding)d learners.",
        left,
        adding=adding,
    )
    outcome.problems.append(Problem(None, None, message + " " + _("Raise its capacity first.")))


def _invite(cohort: Cohort, learners: list[Learner], actor) -> None:
    if not learners:
        return
    now = utcnow()
    db.session.execute(
        insert(Invitation),
        [
            {
                "cohort_id": cohort.id,
                "email": learner.email,
                "name": learner.name,
                "locale": learner.language,
                "country": learner.country,
                "sex": learner.sex,
                "constituent_group": learner.constituent_group,
                "invited_by": actor.id,
                "invited_at": now,
            }
            for learner in learners
        ],
    )


def invitation_language(learner: Learner, cohort: Cohort) -> str:
    """The file's language, else the cohort's when it is an interface language, else ours."""
    if learner.language:
        return learner.language
    if cohort.content_language in LANGUAGES:
        return cohort.content_language
    return current_language()


def mail_invitations(cohort: Cohort, course: Course, learners: list[Learner], actor) -> None:
    """Mail each invitation in the invitee's language, composed and sent after the response."""
    base = current_app.config["BASE_URL"]
    mails = []
    for learner in learners:
        language = invitation_language(learner, cohort)
        token = make_invitation_token(
            learner.email,
            name=learner.name,
            locale=language,
            country=learner.country,
            sex=learner.sex,
            constituent_group=learner.constituent_group,
        )
        title = pick(course.title, language, course.default_language)
        context = {
            "name": learner.name,
            "course_title": title.text if title else course.slug,
            "cohort_name": cohort.name,
            "inviter": actor.name or actor.email,
            "link": base + url_for("auth.register", invitation=token),
            "course_link": base + url_for("courses.course", course=course.slug),
        }
        mails.append(
            (
                learner.email,
                "trainers/mail/invitation_subject.txt",
                "trainers/mail/invitation.txt",
                language,
                context,
            )
        )
    send_mails_after_response(mails)

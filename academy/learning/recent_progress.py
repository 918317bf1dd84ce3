"""A learner's enrolment and completed lessons in a course, as this process read them lately.

A learner's cached lesson page is keyed by their progress (academy.courses.views),
so reading it was the one query such a page still cost. It is kept per process
for PAGE_CACHE_CHECK_SECONDS (academy.recent_rows), under a key that also holds
a stamp the learner's session carries:

- any change to enrolments or completions in this process forgets what it
  knew at once, and gives the session of the request that made it a new
  stamp, so the learner's next page, on whichever server, reads their
  progress again: a lesson they just marked complete shows as complete;
- a change made for them elsewhere (a trainer's cohort file, an admin) reaches
  their pages on other servers within the delay.

Only the cache key is built from what is kept here; a page that is not cached
reads the learner's enrolment from the database.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from flask import has_request_context, session

from academy.courses.models import Course
from academy.learning.models import Enrolment, LessonCompletion
from academy.learning.services import enrolment_and_completions
from academy.recent_rows import Recent

# Set in the session by a request that changed enrolments or completions.
PROGRESS_STAMP = "progress"


@dataclass(frozen=True)
class KnownEnrolment:
    """What a lesson page's key needs of an enrolment."""

    is_active: bool
    content_language: str


def _new_stamp() -> None:
    if has_request_context():
        session[PROGRESS_STAMP] = secrets.token_hex(4)


_recent = Recent(
    "progress", (Enrolment, LessonCompletion), lambda row: row.user_id, changed=_new_stamp
)


def recent_progress(user, course: Course) -> tuple[KnownEnrolment | None, frozenset[int]]:
    """The user's enrolment (as KnownEnrolment) and completed lessons, kept for a moment."""
    key = (user.id, course.id, session.get(PROGRESS_STAMP))
    known = _recent.get(key)
    if known is not None:
        return known
    generation = _recent.generation()
    enrolment, completed = enrolment_and_completions(user, course)
    if enrolment is not None:
        enrolment = KnownEnrolment(enrolment.is_active, enrolment.content_language)
    known = (enrolment, frozenset(completed))
    _recent.keep(key, known, generation)
    return known

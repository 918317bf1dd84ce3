"""What the course pages learn about their reader from the features after courses.

Courses come before learning and quizzes (docs/decisions.md, "Dependencies run
one way"), yet a signed-in learner sees their enrolment, progress and passed
quizzes on the course and lesson pages, and learning's completion rule counts
passed quizzes. So those features register here when the app is created (their
blueprint's record_once), and courses never import them:

- learning registers its Learners: enrolments and progress through lessons;
- learning registers whether a cohort of the course takes learners with an
  enrolment key right now, so the page offers its "Join a cohort" form;
- a feature whose course items a learner does (quizzes: passed) registers how
  to tell which of them a learner has done, and where the learner stands on
  each (not started, in progress, failed with attempts left, passed) for the
  course outline;
- trainers register the announcements a learner's cohort was sent, shown on
  the course page;
- certificates register whether a reader's certificate of the course waits
  for their account's name, so the course page tells them to add it.

An app missing a registration fails loudly (KeyError) rather than show every
reader as a visitor or count a quiz as done.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from flask import Flask, current_app

from academy.courses.models import Course

_LEARNERS = "academy.courses.learners"
_DONE_ITEMS = "academy.courses.done_items"
_ITEM_STATES = "academy.courses.item_states"
_ANNOUNCEMENTS = "academy.courses.announcements"
_KEY_COHORTS = "academy.courses.key_cohorts"
_CERTIFICATE_WAITS = "academy.courses.certificate_waits"

NOT_STARTED, IN_PROGRESS, FAILED, PASSED = "not_started", "in_progress", "failed", "passed"


@dataclass(frozen=True)
class ItemState:
    """Where a learner stands on one item: one of the four statuses above."""

    status: str
    attempts_left: int | None = None  # None when unlimited


# (user id, row ids of items of one kind) -> the row ids of those the user has done
DoneItems = Callable[[int, set[int]], set[int]]
# (user id, row ids of items of one kind) -> their state, for those the user started
ItemStates = Callable[[int, set[int]], dict[int, ItemState]]


class Learners(Protocol):
    """A signed-in reader's enrolment and progress through a course's lessons."""

    def enrolment_and_completions(self, user, course: Course) -> tuple[Any | None, set[int]]:
        """Their enrolment (active or not; None if never) and the lessons they completed."""
        ...

    def recent_progress(self, user, course: Course) -> tuple[Any | None, Collection[int]]:
        """The same, as read by this process a moment ago; only for building a cache key.

        The enrolment is a stand-in with is_active and content_language.
        """
        ...

    def progress_of(
        self, course: Course, completed: Collection[int], passed: Collection[int]
    ) -> Any:
        """Their progress through what completion requires: lessons completed, quizzes passed."""
        ...


def register_learners(app: Flask, learners: Learners) -> None:
    app.extensions[_LEARNERS] = learners


def learners() -> Learners:
    return current_app.extensions[_LEARNERS]


def register_done_items(app: Flask, kind: str, done: DoneItems) -> None:
    """Register how to tell which course items of kind ("quiz") a learner has done."""
    app.extensions.setdefault(_DONE_ITEMS, {})[kind] = done


def done_items(user_id: int, kind: str, item_ids: Collection[int]) -> set[int]:
    """Which of the items of kind (row ids) the user has done, in one query."""
    wanted = set(item_ids)
    if not wanted:
        return set()
    return current_app.extensions[_DONE_ITEMS][kind](user_id, wanted)


def register_item_states(app: Flask, kind: str, states: ItemStates) -> None:
    """Register how to tell where a learner stands on each item of kind ("quiz")."""
    app.extensions.setdefault(_ITEM_STATES, {})[kind] = states


def item_states(user_id: int, kind: str, item_ids: Collection[int]) -> dict[int, ItemState]:
    """Each item's state (row id -> ItemState; not started when absent), in one query."""
    wanted = set(item_ids)
    if not wanted:
        return {}
    return current_app.extensions[_ITEM_STATES][kind](user_id, wanted)


@dataclass(frozen=True)
class Notice:
    """An announcement as a learner reads it: plain text, one language, paragraphs of lines."""

    subject: str
    paragraphs: tuple[tuple[str, ...], ...]
    language: str
    sent_at: datetime


# (the learner's active enrolment, their interface language) -> their cohort's latest notices
Announcements = Callable[[Any, str], list[Notice]]


def register_announcements(app: Flask, announcements: Announcements) -> None:
    app.extensions[_ANNOUNCEMENTS] = announcements


def announcements(enrolment, language: str) -> list[Notice]:
    """The latest announcements of the enrolment's cohort, newest first ([] without one)."""
    if enrolment is None or getattr(enrolment, "cohort_id", None) is None:
        return []
    return current_app.extensions[_ANNOUNCEMENTS](enrolment, language)


def register_key_cohorts(app: Flask, open_to_key: Callable[[Course], bool]) -> None:
    """Register how to tell whether a cohort of a course takes learners with a key now."""
    app.extensions[_KEY_COHORTS] = open_to_key


def open_to_key(course: Course) -> bool:
    """Whether a signed-in reader may join a cohort of course with its key now (one query)."""
    return current_app.extensions[_KEY_COHORTS](course)


def register_certificate_waits(app: Flask, waits: Callable[[Any, Course], bool]) -> None:
    """Register how to tell whether a reader's certificate of a course waits for their name."""
    app.extensions[_CERTIFICATE_WAITS] = waits


def certificate_waits(user, course: Course) -> bool:
    return current_app.extensions[_CERTIFICATE_WAITS](user, course)

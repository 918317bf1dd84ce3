"""What the course pages learn about their reader from the features after courses.

Courses come before learning and quizzes (docs/decisions.md, "Dependencies run
one way"), yet a signed-in learner sees their enrolment, progress and passed
quizzes on the course and lesson pages, and learning's completion rule counts
passed quizzes. So those features register here when the app is created (their
blueprint's record_once), and courses never import them:

- learning registers its Learners: enrolments and progress through lessons;
- a feature whose course items a learner does (quizzes: passed) registers how
  to tell which of them a learner has done.

An app missing a registration fails loudly (KeyError) rather than show every
reader as a visitor or count a quiz as done.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any, Protocol

from flask import Flask, current_app

from academy.courses.models import Course

_LEARNERS = "academy.courses.learners"
_DONE_ITEMS = "academy.courses.done_items"

# (user id, row ids of items of one kind) -> the row ids of those the user has done
DoneItems = Callable[[int, set[int]], set[int]]


class Learners(Protocol):
    """A signed-in reader's enrolment and progress through a course's lessons."""

    def enrolment_and_completions(self, user, course: Course) -> tuple[Any | None, set[int]]:
        """Their enrolment (active or not; None if never) and the lessons they completed."""
        ...

    def progress_of(self, course: Course, completed: Collection[int]) -> Any:
        """Their progress, for the progress bar (done, total, ratio)."""
        ...

    def resume_lesson(self, course: Course, completed: Collection[int]) -> str | None:
        """The id of the first lesson, in course order, not completed yet."""
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

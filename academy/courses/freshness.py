"""A course's current version as this process last saw it, trusted for a few seconds.

A visitor's lesson page is the same for everyone who reads it in the same
language at the same address, so it is served from the page cache
(academy.pagecache) under a key that holds the course's version. Asking the
database for that version on every request would cost as much as the rest of
the page: instead each process remembers the version its last lesson query
returned, and trusts it for PAGE_CACHE_CHECK_SECONDS; after that, the next
visitor's request runs the lesson query again, which refreshes it.

So a change made by another process (an import from the command line, a
trainer publishing or unpublishing on another app server) reaches visitors'
lesson pages within that delay. A change this process commits itself is seen
at once: any flush or commit that touches a course forgets what is known here.
Only a published course's lesson query returns a version, so an unpublished
one is never remembered: its pages ask the database and answer 404.
"""

from __future__ import annotations

import threading
import time
from typing import NamedTuple

from flask import current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session

from academy.courses.models import Course

_KEY = "academy.course_versions"


class Version(NamedTuple):
    """What a published course's pages depend on: its row and the import it comes from."""

    course_id: int
    content_hash: str
    imported_at: object


class _Known:
    """Per app (one per process in production): slug -> (version, when it was read)."""

    def __init__(self) -> None:
        self.versions: dict[str, tuple[Version, float]] = {}
        self.lock = threading.Lock()


def _known() -> _Known:
    return current_app.extensions.setdefault(_KEY, _Known())


def known_version(slug: str) -> Version | None:
    """The version last read for a published course, if it was read recently enough."""
    known = _known()
    with known.lock:
        version, read_at = known.versions.get(slug, (None, 0.0))
    if version is None:
        return None
    if time.monotonic() - read_at >= current_app.config["PAGE_CACHE_CHECK_SECONDS"]:
        return None
    return version


def remember(slug: str, version: Version) -> None:
    """Note the version the database just returned for a published course."""
    known = _known()
    with known.lock:
        known.versions[slug] = (version, time.monotonic())


def forget() -> None:
    """Ask the database again next time (this process changed a course)."""
    if has_app_context():
        known = _known()
        with known.lock:
            known.versions.clear()


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context) -> None:
    changed = (*session.new, *session.dirty, *session.deleted)
    if any(isinstance(instance, Course) for instance in changed):
        session.info["academy.courses_changed"] = True
        forget()


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    # Again after the commit: a request that read the old row between the
    # flush and the commit must not keep it for the whole delay.
    if session.info.pop("academy.courses_changed", False):
        forget()


@event.listens_for(Session, "do_orm_execute")
def _bulk_change(state) -> None:
    # An UPDATE or DELETE statement on courses, without loading the rows.
    mapper = state.bind_mapper
    if (state.is_update or state.is_delete) and mapper is not None and mapper.class_ is Course:
        state.session.info["academy.courses_changed"] = True
        forget()

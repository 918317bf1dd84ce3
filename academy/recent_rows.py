"""What this process read from the database a moment ago, trusted for a few seconds.

A signed-in request reads its user (Flask-Login's user loader), a lesson page
the learner's progress, a certificate download the certificate: each a small
query that costs as much as the rest of a cached answer. A Recent store keeps
such answers per app (one per process in production) for
PAGE_CACHE_CHECK_SECONDS, the delay visitors' pages already accept
(academy.courses.freshness):

- a change made by another process or server is seen within that delay;
- a change this process flushes is seen at once: any flush, commit or bulk
  statement touching a watched model forgets the answers it may have changed,
  and an answer read before such a change is not kept (a generation counter).

A row (the user) is kept as its column values and put back into the request's
session as a fresh, clean instance (columns_of, attach), so nothing mutable is
shared between requests or threads; other answers are kept as frozen values.
"""

from __future__ import annotations

import copy
import threading
import time
from collections.abc import Callable, Hashable
from typing import Any

from flask import current_app, has_app_context
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, make_transient_to_detached

from academy.extensions import db

# app.extensions key of a callable returning seconds; tests put a clock they advance.
CLOCK = "academy.recent_clock"
_STORES = "academy.recent"
_LIMIT = 10_000  # answers per store; beyond, the store starts again empty
_ALL: list[Recent] = []


class Recent:
    """One kind of answer, by key; changes to `watched` models forget `owner(instance)`.

    `owner` returns what an instance's change makes stale: the key, or the first
    item of tuple keys. A statement (insert, update, delete) forgets every
    answer. `changed`, if given, is called whenever this process changes a
    watched model. Declared once at import time; each app holds its own answers.
    """

    def __init__(
        self,
        name: str,
        watched: tuple[type, ...],
        owner: Callable[[Any], Hashable],
        changed: Callable[[], None] | None = None,
    ):
        self.name, self.watched, self.owner, self.changed = name, watched, owner, changed
        _ALL.append(self)

    def _state(self) -> _State:
        return current_app.extensions.setdefault(_STORES, {}).setdefault(self.name, _State())

    def generation(self) -> int:
        """Take before reading the database; pass to keep()."""
        return self._state().generation

    def get(self, key: Hashable) -> Any | None:
        state = self._state()
        with state.lock:
            value, read_at = state.values.get(key, (None, 0.0))
        if value is None or _now() - read_at >= current_app.config["PAGE_CACHE_CHECK_SECONDS"]:
            return None
        return value

    def keep(self, key: Hashable, value: Any, generation: int) -> None:
        """Keep value unless something was forgotten since generation was taken."""
        state = self._state()
        with state.lock:
            if state.generation != generation:
                return
            if len(state.values) >= _LIMIT:
                state.values.clear()
            state.values[key] = (value, _now())

    def forget(self, owner: Hashable | None = None) -> None:
        if not has_app_context():
            return
        state = self._state()
        with state.lock:
            state.generation += 1
            if owner is None:
                state.values.clear()
                return
            state.values.pop(owner, None)
            for key in [k for k in state.values if isinstance(k, tuple) and k[0] == owner]:
                del state.values[key]


class _State:
    def __init__(self) -> None:
        self.values: dict[Hashable, tuple[Any, float]] = {}
        self.generation = 0
        self.lock = threading.Lock()


def _now() -> float:
    return current_app.extensions.get(CLOCK, time.monotonic)()


def forget_all() -> None:
    """Drop every answer of the current app (tests restoring a world)."""
    for recent in _ALL:
        recent.forget()


# -- rows as column values -------------------------------------------------------


def columns_of(instance) -> dict[str, Any]:
    """The loaded column values of a row, copied (JSON values are mutable)."""
    loaded = inspect(instance).dict
    keys = inspect(type(instance)).column_attrs.keys()
    return {key: _copied(loaded[key]) for key in keys if key in loaded}


def attach(model: type, columns: dict[str, Any]):
    """The row as a clean instance of the request's session, without a query."""
    mapper = inspect(model)
    identity = mapper.identity_key_from_primary_key(
        [columns[column.key] for column in mapper.primary_key]
    )
    present = db.session.identity_map.get(identity)
    if present is not None:
        return present
    instance = mapper.class_manager.new_instance()
    # Straight into the instance's dict: loaded values with no history, as a query leaves them.
    inspect(instance).dict.update({key: _copied(value) for key, value in columns.items()})
    make_transient_to_detached(instance)
    db.session.add(instance)
    return instance


def _copied(value: Any) -> Any:
    # Only JSON columns hold mutable values; strings, numbers and dates are shared.
    return copy.deepcopy(value) if isinstance(value, dict | list) else value


# -- forgetting what this process changes ----------------------------------------


def _forget_changed(session: Session, instances) -> None:
    for recent in _ALL:
        owners = {recent.owner(i) for i in instances if isinstance(i, recent.watched)}
        if not owners:
            continue
        session.info.setdefault(_STORES, set()).update((recent.name, o) for o in owners)
        for owner in owners:
            recent.forget(owner)
        if recent.changed is not None:
            recent.changed()


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context) -> None:
    _forget_changed(session, (*session.new, *session.dirty, *session.deleted))


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    # Again after the commit: a request that read the old row between the
    # flush and the commit must not keep it for the whole delay.
    changed = session.info.pop(_STORES, set())
    by_name = {recent.name: recent for recent in _ALL}
    for name, owner in changed:
        by_name[name].forget(owner)


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    session.info.pop(_STORES, None)


@event.listens_for(Session, "do_orm_execute")
def _bulk_change(state) -> None:
    # An INSERT, UPDATE or DELETE statement, without loading the rows: forget them all.
    mapper = state.bind_mapper
    if not (state.is_insert or state.is_update or state.is_delete) or mapper is None:
        return
    for recent in _ALL:
        if issubclass(mapper.class_, recent.watched):
            state.session.info.setdefault(_STORES, set()).add((recent.name, None))
            recent.forget()
            if recent.changed is not None:
                recent.changed()

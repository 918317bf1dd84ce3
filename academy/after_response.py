"""Work a request leaves for after its response: run once the body is written.

A view queues a function with call_after_response; the AfterResponse WSGI
middleware runs it when the server asks for the body's next part after the
last one, that is once the whole response has been handed to the client, and
before the connection is closed. Servers do not all close responses promptly
(Werkzeug's development server first waits for the client to hang up, and
skips close() when the client resets), so the end of the body is the signal;
close() runs the work too when the body was not read to its end.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from functools import partial

from flask import has_request_context, request

from academy.request_ids import bound_request_id, current_request_id

log = logging.getLogger(__name__)
_KEY = "academy.after_response"


def call_after_response(task: Callable[[], None]) -> None:
    """Run task once this request's response is sent (at once outside a request).

    task runs with no application or request context: it must bring its own.
    """
    if not has_request_context() or _KEY not in request.environ:
        task()
        return
    request.environ[_KEY].append(partial(_as_part_of, current_request_id(), task))


def _as_part_of(request_id: str | None, task: Callable[[], None]) -> None:
    # Its log lines name the request that queued it.
    with bound_request_id(request_id):
        task()


class AfterResponse:
    """WSGI middleware that runs the tasks a request queued, after its body."""

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        tasks: list[Callable[[], None]] = []
        environ[_KEY] = tasks
        body = self.wsgi_app(environ, start_response)
        # Most responses queue nothing and keep their iterable (and a server's
        # sendfile for static files) untouched.
        return _BodyThen(body, tasks) if tasks else body


class _BodyThen:
    """The response body, then the tasks: at its end, or when it is closed first."""

    def __init__(self, body: Iterable[bytes], tasks: list[Callable[[], None]]):
        self.body = body
        self.tasks = tasks

    def __iter__(self) -> Iterator[bytes]:
        try:
            yield from self.body
        finally:
            self._run_tasks()

    def close(self) -> None:
        try:
            close = getattr(self.body, "close", None)
            if close is not None:
                close()
        finally:
            self._run_tasks()

    def _run_tasks(self) -> None:
        tasks, self.tasks = self.tasks, []
        for task in tasks:
            try:
                task()
            except Exception:  # one failed task must not stop the others
                log.exception("Work after the response failed")

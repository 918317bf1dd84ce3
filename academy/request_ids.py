"""Request ids: one per request, from nginx's X-Request-ID or made here, in every log line.

nginx sets `X-Request-ID $request_id` (docs/decisions.md, "Observability"), so
its access log and ours name a request alike. A header that is not a sane
token (at most 64 of A-Z a-z 0-9 . _ -) is replaced: it would otherwise carry
whatever a client wrote into the logs. The id is answered in the response's
X-Request-ID header and held in a context variable while the app works on the
request, where academy.logs puts it on every log record.
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

HEADER = "X-Request-ID"
_SANE = re.compile(r"[A-Za-z0-9._-]{1,64}")
_ID_KEY = "academy.request_id"
_STARTED_KEY = "academy.request_started"
_current: ContextVar[str | None] = ContextVar("request_id", default=None)


def current_request_id() -> str | None:
    """The id of the request being handled in this thread, None outside one."""
    return _current.get()


def sane_request_id(value: str | None) -> str | None:
    """value when it is a token safe to log and echo, else None."""
    if value and _SANE.fullmatch(value):
        return value
    return None


def new_request_id() -> str:
    # The shape of nginx's $request_id: 32 hexadecimal digits.
    return uuid.uuid4().hex


@contextmanager
def bound_request_id(request_id: str | None) -> Iterator[None]:
    """Log as part of request_id inside this block (work a request left for later)."""
    token = _current.set(request_id)
    try:
        yield
    finally:
        _current.reset(token)


def request_started(environ: dict) -> float | None:
    """When the middleware took the request in (time.perf_counter), if it did."""
    return environ.get(_STARTED_KEY)


def request_id_of(environ: dict) -> str | None:
    return environ.get(_ID_KEY)


class RequestIds:
    """WSGI middleware: give the request its id, answer it, and bind it while the app runs.

    Outside every layer but AfterResponse, so the id and the start time cover them.
    """

    def __init__(self, wsgi_app: Callable):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        environ[_STARTED_KEY] = time.perf_counter()
        request_id = sane_request_id(environ.get("HTTP_X_REQUEST_ID")) or new_request_id()
        environ[_ID_KEY] = request_id

        def start_with_id(status, headers, exc_info=None):
            headers = [(name, value) for name, value in headers if name.lower() != "x-request-id"]
            headers.append((HEADER, request_id))
            return start_response(status, headers, exc_info)

        with bound_request_id(request_id):
            return self.wsgi_app(environ, start_with_id)

"""Log lines: JSON or plain, each with its request's id, and one access line per request.

Every record gets a `request_id` attribute (None outside a request) from a
log record factory, so the id reaches lines from any library, and a format
an operator writes (gunicorn --log-config) can name %(request_id)s too.
The server's entry point (wsgi.py) calls configure_logging: one handler on
the root logger, writing to stderr (the journal, under systemd) in
LOG_FORMAT, and the app's loggers from LOG_LEVEL (access lines at INFO).
create_app changes no process-wide setting, so tests, which build many
apps, see only the lines they ask pytest for.

The access line names the endpoint, never the path: paths carry tokens
(password reset and confirmation links), and query strings too. It gives the
user's id only when the request already knew its user, so logging never
loads one (/livez touches no database) and never names a person.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from datetime import UTC, datetime

from flask import Flask, g, request, request_finished

from academy.config import ConfigurationError
from academy.request_ids import current_request_id, request_started

ACCESS_LOGGER = "academy.access"
FORMATS = ("json", "plain")
PLAIN_FORMAT = "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"
# The fields an access line carries besides its message (JSON only).
_FIELDS = "fields"
access_log = logging.getLogger(ACCESS_LOGGER)


class JSONFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message, request_id, and any fields."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        line.update(getattr(record, _FIELDS, None) or {})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        return json.dumps(line, ensure_ascii=False, default=str)


class PlainFormatter(logging.Formatter):
    """Time, level, [request id], logger: message."""

    def __init__(self):
        super().__init__(PLAIN_FORMAT)

    def format(self, record: logging.LogRecord) -> str:
        # Records rebuilt with logging.makeLogRecord skip the factory.
        if not hasattr(record, "request_id"):
            record.request_id = None
        return super().format(record)


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever sys.stderr is at the time, as logging's last resort does."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value):
        pass


def install_request_ids() -> None:
    """Give every log record the current request's id (once per process)."""
    factory = logging.getLogRecordFactory()
    if getattr(factory, "academy_request_ids", False):
        return

    def with_request_id(*args, **kwargs):
        record = factory(*args, **kwargs)
        record.request_id = current_request_id()
        return record

    with_request_id.academy_request_ids = True
    logging.setLogRecordFactory(with_request_id)


def make_handler(log_format: str) -> logging.Handler:
    handler = _StderrHandler()
    handler.setFormatter(JSONFormatter() if log_format == "json" else PlainFormatter())
    handler.academy_handler = True
    return handler


def install_handler(handler: logging.Handler) -> None:
    """Make handler the root logger's one academy handler, replacing an earlier one."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "academy_handler", False)]:
        root.removeHandler(old)
    root.addHandler(handler)


def init_app(app: Flask) -> None:
    """Request ids on records, the access line and exception lines; no global settings."""
    install_request_ids()
    _check_settings(app)
    if app.config["ACCESS_LOG"]:
        request_finished.connect(log_access, app)
    # Flask's own line names the path, which may carry a token: name the endpoint.
    app.log_exception = _log_exception.__get__(app)


def configure_logging(app: Flask) -> None:
    """Set this process's levels and handler from app's settings (the server's entry point)."""
    level = _check_settings(app)
    logging.getLogger("academy").setLevel(level)
    access_log.setLevel(logging.INFO)
    install_handler(make_handler(app.config["LOG_FORMAT"]))


def _check_settings(app: Flask) -> int:
    if app.config["LOG_FORMAT"] not in FORMATS:
        raise ConfigurationError(
            f"ACADEMY_LOG_FORMAT must be one of {', '.join(FORMATS)}, "
            f"not {app.config['LOG_FORMAT']!r}."
        )
    level = logging.getLevelName(app.config["LOG_LEVEL"])
    if not isinstance(level, int):
        raise ConfigurationError(f"ACADEMY_LOG_LEVEL is not a level: {app.config['LOG_LEVEL']!r}.")
    return level


def _log_exception(app: Flask, exc_info) -> None:
    app.logger.error(
        "Exception on %s [%s]", request.endpoint or "unmatched", request.method, exc_info=exc_info
    )


def _user_id() -> int | None:
    # Only a user the request already loaded: never a database query for the log.
    user = g.get("_login_user")
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user.id


def log_access(_app: Flask, response, **_extra) -> None:
    """request_finished receiver: the request's access line."""
    started = request_started(request.environ)
    duration_ms = None if started is None else round((time.perf_counter() - started) * 1000, 1)
    endpoint = request.endpoint or "unmatched"
    fields = {
        "method": request.method,
        "endpoint": endpoint,
        "status": response.status_code,
        "duration_ms": duration_ms,
        "user_id": _user_id(),
    }
    access_log.info(
        "%s %s %s %s ms user %s",
        request.method,
        endpoint,
        response.status_code,
        duration_ms,
        fields["user_id"] or "-",
        extra={_FIELDS: fields},
    )

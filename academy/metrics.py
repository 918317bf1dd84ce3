"""Prometheus metrics: requests, quiz submissions, certificate renders, database errors.

prometheus_client is the official exporter. Under gunicorn every worker is a
process of its own: with PROMETHEUS_MULTIPROC_DIR set before the workers
start, each writes its values to files there and /metrics adds up every
worker's (multiprocess mode; academy.gunicorn_config prepares and wipes the
directory). Without it (`academy run`, the tests) the values live in memory.

Labels stay few, whatever the traffic: the endpoint is the route's name
("courses.lesson"), never the path; an unknown method is "other"; statuses
go by class ("2xx"). Features count through the small functions here, so
the metrics stay a root module that imports no feature.

/metrics answers only addresses in METRICS_ALLOW, as the app sees them once
ACADEMY_PROXY_COUNT proxies are stripped; anyone else gets the 404 of a page
that does not exist.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from ipaddress import IPv4Network, IPv6Network, ip_address, ip_network

from flask import Flask, current_app, request, request_finished
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
    generate_latest,
    multiprocess,
)
from sqlalchemy import event

from academy.config import ConfigurationError
from academy.extensions import db
from academy.request_ids import request_started

# prometheus_client chose its mode from the environment when it was imported.
MULTIPROCESS_DIR = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
_NETWORKS_KEY = "academy.metrics_allow"
# A *_created series per labelled series doubles the output for a start time
# Prometheus already knows from counter resets (multiprocess mode has none).
disable_created_metrics()
# A header saying a proxy forwarded the request: its true origin is unknown
# unless ACADEMY_PROXY_COUNT says how many proxies to trust.
_FORWARDING_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_FORWARDED", "HTTP_X_REAL_IP")

REQUESTS = Counter(
    "academy_http_requests",
    "Requests answered, by endpoint, method and status class.",
    ["endpoint", "method", "status_class"],
)
REQUEST_SECONDS = Histogram(
    "academy_http_request_duration_seconds",
    "Time from taking a request in to its response, by endpoint, method and status class.",
    ["endpoint", "method", "status_class"],
)
QUIZ_SUBMISSIONS = Counter(
    "academy_quiz_submissions",
    "Quiz attempts graded and saved, by outcome (passed, failed).",
    ["outcome"],
)
CERTIFICATE_RENDERS = Counter(
    "academy_certificate_renders",
    "Certificate renders, by kind (pdf, badge_png, badge_svg) and outcome (ok, error).",
    ["kind", "outcome"],
)
CERTIFICATE_RENDER_SECONDS = Histogram(
    "academy_certificate_render_seconds",
    "Time a successful certificate render took, by kind.",
    ["kind"],
    buckets=(0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
DATABASE_ERRORS = Counter(
    "academy_database_errors",
    "Errors the database driver raised, by SQLAlchemy class (OperationalError, ...).",
    ["error"],
)


def status_class(status: int) -> str:
    return f"{status // 100}xx"


def observe_request(endpoint: str | None, method: str, status: int, seconds: float) -> None:
    labels = (
        endpoint or "unmatched",
        method if method in METHODS else "other",
        status_class(status),
    )
    REQUESTS.labels(*labels).inc()
    REQUEST_SECONDS.labels(*labels).observe(seconds)


def count_quiz_submission(passed: bool) -> None:
    QUIZ_SUBMISSIONS.labels("passed" if passed else "failed").inc()


@contextmanager
def timed_render(kind: str) -> Iterator[None]:
    """Count the render done inside this block, and time it when it succeeds."""
    started = time.perf_counter()
    try:
        yield
    except BaseException:
        CERTIFICATE_RENDERS.labels(kind, "error").inc()
        raise
    CERTIFICATE_RENDERS.labels(kind, "ok").inc()
    CERTIFICATE_RENDER_SECONDS.labels(kind).observe(time.perf_counter() - started)


def count_database_error(context) -> None:
    """SQLAlchemy handle_error listener: count, never change the error."""
    error = context.sqlalchemy_exception or context.original_exception
    DATABASE_ERRORS.labels(type(error).__name__).inc()


def exposition() -> tuple[bytes, str]:
    """The metrics in Prometheus's text format, every worker's added up, and its media type."""
    if MULTIPROCESS_DIR:
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    return generate_latest(registry), CONTENT_TYPE_LATEST


def parse_networks(value: str | Iterable[str]) -> tuple[IPv4Network | IPv6Network, ...]:
    """Networks from "10.0.0.0/8, ::1" or a list; a bare address is a network of one."""
    items = value.replace(",", " ").split() if isinstance(value, str) else list(value)
    try:
        return tuple(ip_network(item.strip(), strict=False) for item in items)
    except ValueError as error:
        raise ConfigurationError(f"ACADEMY_METRICS_ALLOW: {error}") from None


def may_read_metrics() -> bool:
    """Whether this request comes from an address METRICS_ALLOW names."""
    if not current_app.config["PROXY_COUNT"] and any(
        request.environ.get(header) for header in _FORWARDING_HEADERS
    ):
        return False
    try:
        address = ip_address(request.remote_addr or "")
    except ValueError:
        return False
    if address.version == 6 and address.ipv4_mapped:
        address = address.ipv4_mapped
    return any(address in network for network in current_app.extensions[_NETWORKS_KEY])


def _observe(_app: Flask, response, **_extra) -> None:
    """request_finished receiver: count the request and its time."""
    started = request_started(request.environ)
    seconds = 0.0 if started is None else time.perf_counter() - started
    observe_request(request.endpoint, request.method, response.status_code, seconds)


def init_app(app: Flask) -> None:
    app.extensions[_NETWORKS_KEY] = parse_networks(app.config["METRICS_ALLOW"])
    if MULTIPROCESS_DIR:
        # A missing directory would fail every request that counts something.
        os.makedirs(MULTIPROCESS_DIR, exist_ok=True)
    request_finished.connect(_observe, app)
    with app.app_context():
        event.listen(db.engine, "handle_error", count_database_error)

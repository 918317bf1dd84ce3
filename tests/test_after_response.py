"""Work queued for after the response runs once the body is out, whatever the client does."""

from __future__ import annotations

import logging

import pytest
from werkzeug.test import create_environ

from academy.after_response import AfterResponse, call_after_response


@pytest.fixture
def queued(make_app):
    """An app whose /queue view queues two tasks, the first of which fails."""
    app = make_app()
    done: list[str] = []

    def fails() -> None:
        raise RuntimeError("task failed")

    @app.route("/queue")
    def queue():
        call_after_response(fails)
        call_after_response(lambda: done.append("second task"))
        done.append("view")
        return "page"

    app.done = done
    return app


def test_tasks_run_after_the_last_part_of_the_body(queued, caplog):
    response = queued.test_client().get("/queue", buffered=False)
    parts = iter(response.response)
    assert next(parts) == b"page"
    assert queued.done == ["view"]
    with caplog.at_level(logging.ERROR, logger="academy.after_response"):
        assert list(parts) == []
    # The first task failed; the second ran all the same, and the failure is logged.
    assert queued.done == ["view", "second task"]
    assert [record.getMessage() for record in caplog.records] == ["Work after the response failed"]
    response.close()


def test_tasks_run_when_the_body_is_closed_before_its_end(queued, caplog):
    body = queued.wsgi_app(create_environ("/queue"), lambda *_args: None)
    assert queued.done == ["view"]
    with caplog.at_level(logging.ERROR, logger="academy.after_response"):
        body.close()  # never read, as when the client went away at once
    assert queued.done == ["view", "second task"]
    body.close()  # closing twice runs nothing twice
    assert queued.done == ["view", "second task"]


def test_responses_without_tasks_keep_their_own_body(make_app):
    app = make_app()
    environ_seen = {}

    def inner(environ, start_response):
        environ_seen.update(environ)
        start_response("200 OK", [("Content-Type", "text/plain")])
        return body

    body = [b"untouched"]
    assert AfterResponse(inner)({}, lambda *_args: None) is body
    assert "academy.after_response" in environ_seen
    assert app.wsgi_app.__class__ is AfterResponse


def test_outside_a_request_a_task_runs_at_once():
    done = []
    call_after_response(lambda: done.append("ran"))
    assert done == ["ran"]

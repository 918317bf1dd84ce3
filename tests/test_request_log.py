"""Request ids and log lines: the id passed through or made, and an access line per request."""

from __future__ import annotations

import io
import json
import logging
import re

import pytest

from academy import logs
from academy.after_response import call_after_response
from academy.config import ConfigurationError, from_environment
from tests.factories import make_user, sign_in

GENERATED = re.compile(r"[0-9a-f]{32}")


def access_lines(caplog) -> list[dict]:
    """The access lines logged, as the JSON formatter writes them."""
    formatter = logs.JSONFormatter()
    return [
        json.loads(formatter.format(record))
        for record in caplog.records
        if record.name == logs.ACCESS_LOGGER
    ]


def test_the_proxy_s_request_id_is_kept_and_answered(client):
    response = client.get("/livez", headers={"X-Request-ID": "nginx-4f1c.9_a"})
    assert response.headers["X-Request-ID"] == "nginx-4f1c.9_a"


def test_a_request_without_an_id_gets_one(client):
    first = client.get("/livez").headers["X-Request-ID"]
    second = client.get("/livez").headers["X-Request-ID"]
    assert GENERATED.fullmatch(first)
    assert GENERATED.fullmatch(second)
    assert first != second


@pytest.mark.parametrize(
    "sent",
    [
        "a" * 65,
        "two words",
        'x"}, "admin": true',
        "id\u00e9",
        "",
    ],
)
def test_an_unsafe_request_id_is_replaced(client, sent):
    response = client.get("/livez", headers={"X-Request-ID": sent})
    assert GENERATED.fullmatch(response.headers["X-Request-ID"])


def test_the_access_line_carries_the_id_and_the_user_but_no_email_or_query(client, caplog):
    user = make_user(email="amina.diallo@example.org", name="Amina Diallo")
    sign_in(client, user.email)
    caplog.set_level(logging.INFO, logger=logs.ACCESS_LOGGER)
    caplog.clear()
    response = client.get(
        "/learning/?token=secret-reset-token&email=amina.diallo@example.org",
        headers={"X-Request-ID": "req-42"},
    )
    assert response.status_code == 200
    [line] = access_lines(caplog)
    assert line["request_id"] == "req-42"
    assert line["method"] == "GET"
    assert line["endpoint"] == "learning.my_learning"
    assert line["status"] == 200
    assert line["user_id"] == user.id
    assert line["duration_ms"] > 0
    text = json.dumps(line)
    for private in ("amina", "Amina", "example.org", "secret-reset-token", "/learning"):
        assert private not in text


def test_a_visitor_s_line_has_no_user(client, caplog):
    caplog.set_level(logging.INFO, logger=logs.ACCESS_LOGGER)
    client.get("/no/such/page?next=/x", headers={"X-Request-ID": "req-7"})
    [line] = access_lines(caplog)
    assert (line["endpoint"], line["status"], line["user_id"]) == ("unmatched", 404, None)


def test_every_line_of_a_request_carries_its_id(app, client, caplog):
    # A line logged by the app while it works on the request, and one by work
    # it left for after the response (mail): both name the request.
    def later():
        logging.getLogger("academy.mail").warning("after the response")

    @app.route("/test-logs")
    def test_logs():
        logging.getLogger("academy.test").warning("inside the request")
        call_after_response(later)
        return "ok"

    caplog.set_level(logging.INFO)
    client.get("/test-logs", headers={"X-Request-ID": "req-99"})
    ids = {record.getMessage(): record.request_id for record in caplog.records}
    assert ids["inside the request"] == "req-99"
    assert ids["after the response"] == "req-99"
    logging.getLogger("academy.test").warning("between requests")
    assert caplog.records[-1].request_id is None


def test_json_lines_hold_the_exception(caplog):
    try:
        raise ValueError("boom")
    except ValueError:
        logging.getLogger("academy.test").exception("failed")
    [record] = caplog.records
    line = json.loads(logs.JSONFormatter().format(record))
    assert line["level"] == "ERROR"
    assert line["message"] == "failed"
    assert "ValueError: boom" in line["exception"]


@pytest.mark.parametrize(("log_format", "json_lines"), [("json", True), ("plain", False)])
def test_the_handler_writes_the_chosen_format(monkeypatch, log_format, json_lines):
    stream = io.StringIO()
    monkeypatch.setattr("sys.stderr", stream)
    handler = logs.make_handler(log_format)
    logger = logging.getLogger("academy.test.format")
    logger.addHandler(handler)
    monkeypatch.setattr(logger, "propagate", False)
    try:
        logger.warning("hello %s", "there")
    finally:
        logger.removeHandler(handler)
    written = stream.getvalue().strip()
    if json_lines:
        assert json.loads(written)["message"] == "hello there"
    else:
        assert written.endswith("WARNING [None] academy.test.format: hello there")


@pytest.mark.parametrize(("env", "log_format"), [("production", "json"), ("development", "plain")])
def test_production_logs_json_by_default(monkeypatch, tmp_path, env, log_format):
    monkeypatch.delenv("ACADEMY_LOG_FORMAT", raising=False)
    monkeypatch.setenv("ACADEMY_ENV", env)
    assert from_environment(tmp_path)["LOG_FORMAT"] == log_format


def test_an_unknown_format_stops_the_start(make_app):
    with pytest.raises(ConfigurationError, match="ACADEMY_LOG_FORMAT"):
        make_app(LOG_FORMAT="xml")


@pytest.fixture
def process_logging():
    """Undo configure_logging's process-wide changes after the test."""
    root = logging.getLogger()
    handlers = list(root.handlers)
    levels = {name: logging.getLogger(name).level for name in ("academy", logs.ACCESS_LOGGER)}
    yield
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


def test_the_server_process_writes_json_access_lines_to_stderr(make_app, capsys, process_logging):
    app = make_app(LOG_FORMAT="json")
    logs.configure_logging(app)
    app.test_client().get("/livez?token=abc", headers={"X-Request-ID": "req-5"})
    [line] = [json.loads(text) for text in capsys.readouterr().err.splitlines()]
    assert line["logger"] == "academy.access"
    assert line["message"] == f"GET main.livez 200 {line['duration_ms']} ms user -"
    assert (line["request_id"], line["endpoint"], line["status"]) == ("req-5", "main.livez", 200)
    assert "token" not in json.dumps(line)


def test_an_unexpected_error_is_logged_by_endpoint_not_path(make_app, caplog):
    app = make_app(PROPAGATE_EXCEPTIONS=False)

    @app.route("/boom/<token>")
    def boom(token):
        raise RuntimeError("broken")

    response = app.test_client().get("/boom/secret-token-1", headers={"X-Request-ID": "req-500"})
    assert response.status_code == 500
    [record] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert record.getMessage() == "Exception on boom [GET]"
    assert record.request_id == "req-500"
    assert "secret-token-1" not in logs.JSONFormatter().format(record)

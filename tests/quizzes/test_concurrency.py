"""Fifty simultaneous submits of one attempt at a live gunicorn: exactly one is graded."""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import pytest
from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from sqlalchemy import select

from academy.courses.models import Course, Quiz
from academy.extensions import db
from academy.learning.services import enrol
from academy.quizzes import attempts
from academy.quizzes.models import SUBMITTED, Attempt
from tests.conftest import import_package
from tests.courses.packages import package
from tests.factories import PASSWORD, make_user

ROOT = Path(__file__).resolve().parents[2]
SUBMITS = 50
SECRET_KEY = "concurrency-test-secret-key-0123456789abcdef"
QUIZ = """\
title: {en: "Check", fr: "Vérifiez"}
questions:
  - id: principle
    type: short
    text: {en: "One member, one ...", fr: "Un membre, une ..."}
    answers: {en: [vote], fr: [voix]}
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server(app, database_url, tmp_path):
    """gunicorn with 4 workers on the test database."""
    port = _free_port()
    env = {
        **os.environ,
        "ACADEMY_DATABASE_URL": database_url,
        "ACADEMY_INSTANCE_PATH": str(tmp_path / "gunicorn-instance"),
        "ACADEMY_SECRET_KEY": SECRET_KEY,
        "ACADEMY_MAIL_PRINT_LINKS": "0",
        "ACADEMY_PAGE_CACHE_MB": "0",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", "4", "-b", f"127.0.0.1:{port}", "wsgi:app"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            try:
                connection.request("GET", "/healthz")
                if connection.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.2)
            finally:
                connection.close()
        else:
            pytest.fail("gunicorn did not start")
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def _request(port, method, path, cookie=None, form=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Cookie": cookie} if cookie else {}
    body = None
    if form is not None:
        body = urllib.parse.urlencode(form)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    # Closed at once: an unclosed socket is a ResourceWarning, an error under pytest's
    # warning filter, raised whenever the garbage collector happens to run.
    try:
        connection.request(method, path, body, headers)
        response = connection.getresponse()
        return response, response.read().decode()
    finally:
        connection.close()


def _token(html: str) -> str:
    tag = re.search(r'<input[^>]*name="csrf_token"[^>]*>', html).group(0)
    return re.search(r'value="([^"]+)"', tag).group(1)


def _signed_in(port: int, email: str) -> tuple[str, str]:
    response, html = _request(port, "GET", "/auth/sign-in")
    cookie = response.getheader("Set-Cookie").split(";")[0]
    form = {"csrf_token": _token(html), "email": email, "password": PASSWORD}
    response, _ = _request(port, "POST", "/auth/sign-in", cookie, form)
    assert response.status == 302
    return response.getheader("Set-Cookie").split(";")[0], _token(html)


def _flashes(set_cookie: str | None) -> list[str]:
    """The messages a response flashed, read from its signed session cookie."""
    if not set_cookie:
        return []
    value = set_cookie.split(";")[0].partition("=")[2]
    signer = Flask(__name__)
    signer.secret_key = SECRET_KEY
    session = SecureCookieSessionInterface().get_signing_serializer(signer).loads(value)
    return [message for _category, message in session.get("_flashes", [])]


@pytest.mark.database
def test_fifty_simultaneous_submits_grade_one_attempt(app, server, tmp_path, database_backend):
    import_package(package(tmp_path, {"01-start/03-check.quiz.yaml": QUIZ}))
    learner = make_user()
    course = db.session.scalar(select(Course))
    enrol(learner, course, "en")
    quiz = db.session.scalar(select(Quiz))
    attempts.start_attempt(learner.id, quiz, "en")
    db.session.commit()

    cookie, _ = _signed_in(server, learner.email)
    path = "/courses/tiny/quizzes/check/attempts/1"
    response, html = _request(server, "GET", path, cookie)
    assert response.status == 200
    # The page stored the CSRF secret in the session: keep the updated cookie.
    cookie = (response.getheader("Set-Cookie") or cookie).split(";")[0]
    field = re.search(r'<input[^>]*type="text"[^>]*name="(q\d+)"', html).group(1)
    form = {"csrf_token": _token(html), field: "vote"}

    statuses: list[int] = []
    messages: list[str] = []
    barrier = threading.Barrier(SUBMITS)

    def submit() -> None:
        barrier.wait()
        response, _ = _request(server, "POST", path, cookie, form)
        statuses.append(response.status)
        messages.extend(_flashes(response.getheader("Set-Cookie")))

    threads = [threading.Thread(target=submit) for _ in range(SUBMITS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [302] * SUBMITS
    # Only the request that graded the attempt says so; every other one was told
    # it had already been submitted.
    assert messages.count("Your answers were submitted.") == 1
    assert messages.count("This attempt was already submitted.") == SUBMITS - 1
    db.session.rollback()
    rows = db.session.scalars(select(Attempt)).all()
    assert len(rows) == 1
    assert (rows[0].state, rows[0].score_percent, rows[0].passed) == (SUBMITTED, 100.0, True)

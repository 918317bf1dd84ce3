"""Lesson pages under gunicorn (4 workers, SQLite), against a constant route of the same app.

Targets (issue 15): a visitor gets at least 0.50 of the constant route's
requests per second, a signed-in enrolled learner at least 0.35. The load
comes from wrk when it is installed (`make bench` installs it), else from a
small Python client; both run on this machine, so only the ratios mean much.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import pytest

from academy import create_app
from academy.extensions import db
from tests.benchmarks import table
from tests.benchmarks.generate import write_large_package
from tests.conftest import import_package
from tests.factories import PASSWORD, make_user

ROOT = Path(__file__).resolve().parents[2]
SECONDS = 4
TARGETS = {"visitor": 0.50, "signed-in learner": 0.35}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A database with the 1,000-lesson course and an enrolled learner, served by gunicorn."""
    env = {
        **os.environ,
        "ACADEMY_INSTANCE_PATH": str(tmp_path / "instance"),
        "ACADEMY_DATABASE_URL": f"sqlite:///{tmp_path / 'bench.db'}",
        "ACADEMY_SECRET_KEY": "bench-secret-key-long-enough-for-anything-0123",
        "ACADEMY_BENCHMARK_ROUTES": "1",
        "ACADEMY_MAIL_PRINT_LINKS": "0",
    }
    for key, value in env.items():
        if key.startswith("ACADEMY_"):
            monkeypatch.setenv(key, value)
    app = create_app({"ARGON2_TIME_COST": 1, "ARGON2_MEMORY_COST": 1024, "ARGON2_PARALLELISM": 1})
    with app.app_context():
        db.create_all()
        import_package(write_large_package(tmp_path / "big"))
        user = make_user("bench@example.org", locale="en")
        from academy.courses.models import Course
        from academy.learning.services import enrol

        enrol(user, db.session.scalar(db.select(Course)), "en")
        db.session.commit()
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", "4", "-b", f"127.0.0.1:{port}", "wsgi:app"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_until_up(port)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_until_up(port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        try:
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
        finally:
            # A refused or half-open attempt must not leave its socket to the collector.
            connection.close()
    raise RuntimeError("gunicorn did not start")


def _sign_in(port: int) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", "/auth/sign-in")
        response = connection.getresponse()
        html = response.read().decode()
        cookie = response.getheader("Set-Cookie").split(";")[0]
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
        body = urllib.parse.urlencode(
            {"csrf_token": token, "email": "bench@example.org", "password": PASSWORD}
        )
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
        connection.request("POST", "/auth/sign-in", body, headers)
        response = connection.getresponse()
        response.read()
        assert response.status == 302, response.status
        return response.getheader("Set-Cookie").split(";")[0]
    finally:
        # Left to the collector, the socket was a ResourceWarning, an error here.
        connection.close()


def _requests_per_second(port: int, path: str, cookie: str | None) -> float:
    if shutil.which("wrk"):
        command = ["wrk", "-t2", "-c8", f"-d{SECONDS}s", f"http://127.0.0.1:{port}{path}"]
        if cookie:
            command[1:1] = ["-H", f"Cookie: {cookie}"]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    return _python_load(port, path, cookie)


def _python_load(port: int, path: str, cookie: str | None) -> float:
    counts = [0] * 8
    stop = time.monotonic() + SECONDS
    headers = {"Cookie": cookie} if cookie else {}

    def worker(index: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            while time.monotonic() < stop:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                assert response.status == 200
                counts[index] += 1
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(len(counts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / SECONDS


def bench_lesson_pages_against_a_constant_route(site):
    port = site
    lesson = "/courses/big-course/lessons/lesson-502"
    learner = _sign_in(port)
    for who, cookie in (("visitor", None), ("signed-in learner", learner)):
        constant = _requests_per_second(port, "/bench/constant", cookie)
        page = _requests_per_second(port, lesson, cookie)
        table.at_least(
            f"lesson page, {who}",
            f"{page:.0f} req/s",
            f"{constant:.0f} req/s",
            page / constant,
            TARGETS[who],
        )

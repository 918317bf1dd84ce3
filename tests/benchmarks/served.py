"""A site served by gunicorn (4 workers, SQLite) for the benchmarks that count requests a second.

The load comes from wrk when it is installed (`make bench` installs it), else
from a small Python client; both run on this machine, so only ratios to the
constant route (/bench/constant), measured in the same run, mean much.
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
from contextlib import contextmanager
from pathlib import Path

import pytest

from academy import create_app
from academy.extensions import db
from tests.benchmarks.generate import write_large_package
from tests.conftest import import_package
from tests.factories import PASSWORD, make_user

ROOT = Path(__file__).resolve().parents[2]
SECONDS = 3
LEARNER = "bench@example.org"


def alternating(port: int, paths: tuple[str, str], cookie: str | None, rounds: int = 3):
    """Requests per second of the constant route and a page, and the page's ratio to it.

    Measured in turns, each page right after the constant route, and the median
    of the rounds' ratios taken: on a shared machine the load of the moment
    changes both figures of a round alike, and the median drops an odd round.
    """
    pairs = []
    for _ in range(rounds):
        constant = requests_per_second(port, paths[0], cookie)
        page = requests_per_second(port, paths[1], cookie)
        pairs.append((page / constant, constant, page))
    ratio, constant, page = sorted(pairs)[len(pairs) // 2]
    return constant, page, ratio


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def served_site(folder: Path):
    """The 1,000-lesson course, an enrolled learner with its certificate, under gunicorn.

    Yields (port, the certificate's public id). Rate limits are raised out of the
    way: the load is one learner downloading as fast as the machine allows.
    """
    env = {
        **os.environ,
        "ACADEMY_INSTANCE_PATH": str(folder / "instance"),
        "ACADEMY_DATABASE_URL": f"sqlite:///{folder / 'bench.db'}",
        "ACADEMY_SECRET_KEY": "bench-secret-key-long-enough-for-anything-0123",
        "ACADEMY_BENCHMARK_ROUTES": "1",
        "ACADEMY_MAIL_PRINT_LINKS": "0",
        "ACADEMY_CERTIFICATE_PDF_LIMIT_PER_USER": "1000000/minute",
        "ACADEMY_CERTIFICATE_PDF_LIMIT_PER_ADDRESS": "1000000/minute",
    }
    with pytest.MonkeyPatch.context() as patch:
        for key, value in env.items():
            if key.startswith("ACADEMY_"):
                patch.setenv(key, value)
        public_id = _fill(folder)
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
        yield port, public_id
    finally:
        server.terminate()
        server.wait(timeout=30)


def _fill(folder: Path) -> str:
    from academy.certificates.services import issue_certificate
    from academy.courses.models import Course
    from academy.learning.services import enrol

    app = create_app({"ARGON2_TIME_COST": 1, "ARGON2_MEMORY_COST": 1024, "ARGON2_PARALLELISM": 1})
    with app.app_context():
        db.create_all()
        import_package(write_large_package(folder / "big"))
        user = make_user(LEARNER, locale="en", name="Amina Diallo")
        course = db.session.scalar(db.select(Course))
        enrol(user, course, "en")
        certificate = issue_certificate(user, course)
        db.session.commit()
        public_id = certificate.public_id
        db.session.remove()
        db.engine.dispose()
    return public_id


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


def sign_in(port: int, email: str = LEARNER) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", "/auth/sign-in")
        response = connection.getresponse()
        html = response.read().decode()
        cookie = response.getheader("Set-Cookie").split(";")[0]
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
        body = urllib.parse.urlencode({"csrf_token": token, "email": email, "password": PASSWORD})
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
        connection.request("POST", "/auth/sign-in", body, headers)
        response = connection.getresponse()
        response.read()
        assert response.status == 302, response.status
        cookie = response.getheader("Set-Cookie").split(";")[0]
        # The first page after signing in may change the session (its first-visit
        # greeting): take the cookie a browser would hold from then on.
        connection.request("GET", "/", headers={"Cookie": cookie})
        response = connection.getresponse()
        response.read()
        fresh = response.getheader("Set-Cookie")
        return fresh.split(";")[0] if fresh else cookie
    finally:
        # Left to the collector, the socket was a ResourceWarning, an error here.
        connection.close()


def requests_per_second(port: int, path: str, cookie: str | None) -> float:
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

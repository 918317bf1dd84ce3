"""One gunicorn server on SQLite, seeded for the load mix (the one-machine deployment)."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.benchmarks.load.seed import seed_database

ROOT = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        try:
            connection.request("GET", "/readyz")
            response = connection.getresponse()
            response.read()
            if response.status == 200:
                return
        except OSError:
            time.sleep(0.2)
        finally:
            connection.close()
    raise RuntimeError(f"no server answered on port {port}")


@contextmanager
def sqlite_site(work: Path, learners: int, workers: int = 4) -> Iterator[tuple[str, str, Path]]:
    """Yield (address, database URL, gunicorn's log) of a seeded server on SQLite."""
    database_url = f"sqlite:///{work / 'load.db'}"
    env = {
        "ACADEMY_INSTANCE_PATH": str(work / "instance"),
        "ACADEMY_DATABASE_URL": database_url,
        "ACADEMY_SECRET_KEY": "load-bench-secret-key-long-enough-for-anything-0123",
        "ACADEMY_MAIL_PRINT_LINKS": "0",
        "ACADEMY_LOG_FORMAT": "plain",
    }
    subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"],
        cwd=ROOT, env={**os.environ, **env}, check=True, capture_output=True,
    )  # fmt: skip
    seed_database(work, database_url, learners)
    port = free_port()
    log = work / "gunicorn.log"
    command = [
        sys.executable, "-m", "gunicorn", "-c", "python:academy.gunicorn_config",
        "-w", str(workers), "-b", f"127.0.0.1:{port}", "wsgi:app",
    ]  # fmt: skip
    with log.open("w") as out:
        server = subprocess.Popen(
            command, cwd=ROOT, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        wait_until_up(port)
        yield f"http://127.0.0.1:{port}", database_url, log
    finally:
        server.terminate()
        server.wait(timeout=30)

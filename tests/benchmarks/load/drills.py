"""The fault drills on the deployment tests/deployment/stack.py starts.

A kill is aimed at a process that is serving a request at that moment (a
gunicorn sync worker waiting for one sleeps; one at work runs), so that the
drill has a request in flight to lose and nginx a choice to make about it.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from sqlalchemy import create_engine, text

from tests.benchmarks.load.probes import Probes
from tests.benchmarks.load.runner import Drill

AIM_SECONDS = 3.0  # how long to wait for a busy worker before killing any


def busy(pids: list[int]) -> int | None:
    """A pid of pids that is running (or in an uninterruptible wait), if any."""
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if state in ("R", "D"):
            return pid
    return None


def _wait_for_busy(server) -> int | None:
    deadline = time.monotonic() + AIM_SECONDS
    while time.monotonic() < deadline:
        pid = busy(server.worker_pids())
        if pid is not None:
            return pid
        time.sleep(0.002)
    return None


def kill_busy_worker(stack, index: int) -> None:
    pid = _wait_for_busy(stack.servers[index])
    if pid is None:
        stack.kill_worker(index)
    else:
        os.kill(pid, signal.SIGKILL)


def kill_busy_server(stack, index: int) -> None:
    _wait_for_busy(stack.servers[index])
    stack.kill_server(index)


def outage(stack, probes: Probes, seconds: float) -> None:
    """Stop PostgreSQL (immediately, as a crash), wait, start it again."""
    stack.stop_postgres()
    stopped = time.time()
    time.sleep(seconds)
    probes.down = (stopped, time.time())
    stack.start_postgres()
    probes.up_at = time.time()


def drills(stack, probes: Probes, at: tuple[float, float, float], down: float) -> list[Drill]:
    """Kill a worker of server 1, then all of server 2, then restart PostgreSQL."""
    return [
        Drill("kill -9 a worker of server 1", at[0], lambda: kill_busy_worker(stack, 0), "kill"),
        Drill("kill -9 app server 2", at[1], lambda: kill_busy_server(stack, 1), "kill"),
        Drill("PostgreSQL restart", at[2], lambda: outage(stack, probes, down), "outage"),
    ]


def durable_commits(stack) -> None:
    """Turn the test cluster's synchronous_commit=off back on for the site's database.

    The test PostgreSQL trades durability for speed; stopped "immediately"
    it would lose the last commits, which no production server does. A
    database's setting beats the server's for connections made after it, so
    server 1, the one serving when PostgreSQL stops, is restarted to make
    new ones (server 2 is dead by then, its commits long flushed).
    """
    engine = create_engine(stack.database_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            name = connection.execute(text("SELECT current_database()")).scalar_one()
            connection.execute(text(f'ALTER DATABASE "{name}" SET synchronous_commit = on'))
    finally:
        engine.dispose()
    stack.servers[0].stop()
    stack.servers[0].start()  # the caller waits for it to be ready (it boots while seeding)

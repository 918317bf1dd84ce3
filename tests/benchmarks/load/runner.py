"""Run the Locust mix as a subprocess, fire the fault drills on time, and sort the failures.

A drill is a fault with the failures it may explain, decided beforehand:

- a kill (one gunicorn worker, or a whole app server): the requests in
  flight on the killed process when it died. nginx resends an idempotent
  request (GET) to the other server, so only a POST in flight may fail, with
  nginx's 502; nginx never resends a POST the killed server had received.
  A failure that started after the kill is not explained: once the fault is
  there, the other server serves.
- an outage (PostgreSQL stopped, then started again): any 5xx of a request
  that overlapped the time the database was down. A request that started
  after the database was back must succeed: the app recovers by itself.

Everything else that failed is an error, and the bench wants none.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
LOCUST = Path(sys.executable).with_name("locust")
# Clock slack between this process's and Locust's timestamps (one machine, one clock).
SLACK = 0.25


@dataclass
class Drill:
    """A fault fired `at` seconds into the run. act() returns once the fault is over."""

    name: str
    at: float
    act: Callable[[], None]
    kind: str  # "kill" or "outage"
    start: float = 0.0
    end: float = 0.0

    def explains(self, request: dict) -> bool:
        if self.kind == "kill":
            return (
                request["method"] == "POST"
                and request["status"] in (0, 502)
                and request["start"] <= self.end + SLACK
                and request["end"] >= self.start - SLACK
            )
        return (
            (request["status"] == 0 or request["status"] >= 500)
            and request["start"] <= self.end + SLACK
            and request["end"] >= self.start - SLACK
        )


@dataclass
class Row:
    name: str
    requests: int
    failures: int
    rps: float
    p50: float
    p95: float
    p99: float


@dataclass
class Run:
    seconds: float
    rows: list[Row]
    total: Row
    drills: list[Drill]
    explained: dict[str, list[str]] = field(default_factory=dict)  # drill -> what failed
    unexplained: list[dict] = field(default_factory=list)
    server_errors_after_faults: int = 0


def run(
    host: str,
    plan: Path,
    logs: Path,
    *,
    users: int,
    seconds: int,
    drills: list[Drill] = (),
) -> Run:
    """Run the mix against host for seconds, firing drills; logs/ receives Locust's logs."""
    logs.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "LOAD_PLAN": str(plan), "LOAD_LOG_DIR": str(logs)}
    command = [
        str(LOCUST), "-f", str(HERE / "locustfile.py"), "--headless", "--host", host,
        "-u", str(users), "-r", str(max(users // 4, 1)), "--run-time", f"{seconds}s",
        "--stop-timeout", "10", "--csv", str(logs / "locust"), "--only-summary",
        "--loglevel", "WARNING", "--skip-log-setup",
    ]  # fmt: skip
    with (logs / "locust.out").open("w") as out:
        locust = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        fired = threading.Thread(target=_fire, args=(drills, logs / "requests.jsonl"), daemon=True)
        fired.start()
        locust.wait(timeout=seconds + 60)
        fired.join(timeout=60)
    rows, total = _read_stats(logs / "locust_stats.csv")
    result = Run(seconds=seconds, rows=rows, total=total, drills=list(drills))
    _sort_failures(result, logs / "requests.jsonl")
    return result


def _fire(drills: list[Drill], requests: Path) -> None:
    """Fire each drill at its time, counted from the first request (Locust starts slowly)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (requests.exists() and requests.stat().st_size):
        time.sleep(0.05)
    began = time.time()
    for drill in sorted(drills, key=lambda d: d.at):
        time.sleep(max(began + drill.at - time.time(), 0))
        drill.start = time.time()
        drill.act()
        drill.end = time.time()


def _read_stats(path: Path) -> tuple[list[Row], Row]:
    rows = []
    with path.open(encoding="utf-8") as stats:
        for line in csv.DictReader(stats):
            row = Row(
                name=line["Name"],
                requests=int(line["Request Count"]),
                failures=int(line["Failure Count"]),
                rps=float(line["Requests/s"]),
                p50=_number(line["50%"]),
                p95=_number(line["95%"]),
                p99=_number(line["99%"]),
            )
            rows.append(row)
    total = next(row for row in rows if row.name == "Aggregated")
    return [row for row in rows if row is not total], total


def _number(value: str) -> float:
    return float(value) if value not in ("", "N/A") else 0.0


def _sort_failures(result: Run, path: Path) -> None:
    requests = [json.loads(line) for line in path.read_text().splitlines() if line]
    faults_from = min((d.start for d in result.drills), default=None)
    for request in requests:
        if request["error"] is None:
            continue
        drill = next((d for d in result.drills if d.explains(request)), None)
        if drill is not None:
            failed = f"{request['name']} {request['status'] or request['error']}"
            result.explained.setdefault(drill.name, []).append(failed)
            continue
        result.unexplained.append(request)
        after_faults = faults_from is not None and request["start"] >= faults_from
        if after_faults and (request["status"] == 0 or request["status"] >= 500):
            result.server_errors_after_faults += 1

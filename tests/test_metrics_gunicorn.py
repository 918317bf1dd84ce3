"""Metrics under gunicorn: every worker's counts added up, the directory wiped at start."""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

ROOT = Path(__file__).resolve().parent.parent
REQUESTS = 12


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(port: int, path: str) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


@pytest.fixture
def metrics_dir(tmp_path) -> Path:
    folder = tmp_path / "metrics"
    folder.mkdir()
    # Left by an earlier run: unreadable, so a scrape would fail if it were kept.
    (folder / "counter_1.db").write_bytes(b"not a value file")
    return folder


@pytest.fixture
def server(tmp_path, metrics_dir):
    port = _free_port()
    env = {
        **os.environ,
        "ACADEMY_DATABASE_URL": f"sqlite:///{tmp_path / 'academy.db'}",
        "ACADEMY_INSTANCE_PATH": str(tmp_path / "instance"),
        "ACADEMY_SECRET_KEY": "metrics-test-secret-key-0123456789abcdef",
        "ACADEMY_MAIL_PRINT_LINKS": "0",
        "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir),
    }
    command = [
        sys.executable, "-m", "gunicorn", "-c", "python:academy.gunicorn_config",
        # Each worker is replaced after 5 requests: counts of dead workers must stay.
        "-w", "2", "--max-requests", "5", "-b", f"127.0.0.1:{port}", "wsgi:app",
    ]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if _get(port, "/livez")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("gunicorn did not start")
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def _livez_count(exposition: str) -> float:
    for family in text_string_to_metric_families(exposition):
        for sample in family.samples:
            if sample.name == "academy_http_requests_total" and sample.labels == {
                "endpoint": "main.livez",
                "method": "GET",
                "status_class": "2xx",
            }:
                return sample.value
    return 0.0


def test_every_worker_is_counted_whichever_answers_the_scrape(server, metrics_dir):
    assert not (metrics_dir / "counter_1.db").exists()
    with ThreadPoolExecutor(4) as pool:
        statuses = list(pool.map(lambda _: _get(server, "/livez")[0], range(REQUESTS)))
    assert statuses == [200] * REQUESTS
    workers = {
        re.fullmatch(r"counter_(\d+)\.db", path.name).group(1)
        for path in metrics_dir.glob("counter_*.db")
    }
    assert len(workers) >= 3, f"workers that counted: {workers}"
    # The first /livez waited for the server to start: one more.
    for _ in range(3):
        status, exposition = _get(server, "/metrics")
        assert status == 200
        assert _livez_count(exposition) == REQUESTS + 1

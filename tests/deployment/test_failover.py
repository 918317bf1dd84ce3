"""nginx keeps serving through one app server while the other dies (deploy/nginx/academy.conf).

The load drills of `make bench` found the case: a worker killed with a
request in flight counts as one failure of its server; when nginx left a
server out after one failure, killing the other server then left no server
at all, and every page was a 502 although one server was serving.
"""

from __future__ import annotations

import os
import re
import signal
import threading
import time

import pytest
import requests

from tests.benchmarks.load.drills import busy

pytestmark = pytest.mark.deployment


def _sign_in_in_flight(stack) -> threading.Thread:
    """A sign-in (an argon2 hash at the production cost: long enough to be caught at work)."""
    browser = requests.Session()
    form = browser.get(f"{stack.url}/auth/sign-in", timeout=30).text
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form).group(1)
    data = {"csrf_token": token, "email": "nobody@example.org", "password": "not a password"}
    thread = threading.Thread(
        target=lambda: browser.post(f"{stack.url}/auth/sign-in", data=data, timeout=30)
    )
    thread.start()
    return thread


def _kill_the_busy_worker(stack) -> int:
    """Kill, with SIGKILL, the worker serving a request; returns its server's index."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        for index, server in enumerate(stack.servers):
            pid = busy(server.worker_pids())
            if pid is not None:
                os.kill(pid, signal.SIGKILL)
                return index
        time.sleep(0.001)
    raise AssertionError("no worker was caught serving the sign-in")


def test_a_crashed_worker_leaves_its_server_in_when_the_other_server_dies(stack):
    in_flight = _sign_in_in_flight(stack)
    survivor = _kill_the_busy_worker(stack)
    in_flight.join()
    stack.kill_server(1 - survivor)
    statuses = [requests.get(f"{stack.url}/courses/", timeout=30).status_code for _ in range(6)]
    assert statuses == [200] * 6

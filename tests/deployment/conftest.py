"""The deployment of deploy/, started for a test (stack.py), and when it cannot be."""

from __future__ import annotations

import os

import pytest

from tests.deployment.stack import every_pid, find_binary, running_stack, wait_until_gone
from tests.postgres import PostgresServer

# Debian packages the stack runs; `make test` installs them as root (test-system-deps).
PACKAGES = {"nginx": "nginx-light", "redis-server": "redis-server"}


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "deployment: starts nginx, two gunicorn servers, PostgreSQL and Redis"
    )


def missing_packages() -> list[str]:
    missing = [package for binary, package in PACKAGES.items() if not find_binary(binary)]
    if PostgresServer.find() is None and not os.environ.get("ACADEMY_TEST_POSTGRES_URL"):
        missing.append("postgresql")
    return missing


def _require_packages() -> None:
    """Skip without the servers' binaries, but only where nobody could install them.

    As root `make test` installs them, so their absence there is a failure,
    never a silent skip.
    """
    missing = missing_packages()
    if not missing:
        return
    message = f"Debian packages missing: {', '.join(missing)}"
    if os.geteuid() == 0:
        pytest.fail(f"{message}; `make test` installs them (test-system-deps)")
    pytest.skip(f"{message}; run `make test` as root, or install them")


@pytest.fixture(scope="module")
def stack(request, tmp_path_factory):
    """The deployment on the test run's PostgreSQL, for a module; every process gone after.

    One app worker a server: two servers prove the point, and each worker's
    start is most of the stack's (the drills of `make bench` ask for more).
    """
    _require_packages()
    admin_url = request.getfixturevalue("postgres_server")
    settings = getattr(request.module, "STACK_SETTINGS", {})
    workdir = tmp_path_factory.mktemp("deployment")
    with running_stack(workdir, admin_url=admin_url, settings=settings, workers=1) as running:
        started = running
        yield running
    alive = wait_until_gone(every_pid(started))
    assert not alive, f"processes outlived the deployment: {alive}"

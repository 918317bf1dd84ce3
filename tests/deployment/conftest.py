"""The deployment of deploy/, started for a test (stack.py), and when it cannot be."""

from __future__ import annotations

import pytest

from tests.deployment.packages import require_packages
from tests.deployment.stack import every_pid, running_stack, wait_until_gone


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "deployment: starts nginx, two gunicorn servers, PostgreSQL and Redis"
    )


@pytest.fixture(scope="module")
def stack(request, tmp_path_factory):
    """The deployment on the test run's PostgreSQL, for a module; every process gone after.

    One app worker a server: two servers prove the point, and each worker's
    start is most of the stack's (the drills of `make bench` ask for more).
    """
    require_packages()
    admin_url = request.getfixturevalue("postgres_server")
    settings = getattr(request.module, "STACK_SETTINGS", {})
    workdir = tmp_path_factory.mktemp("deployment")
    # A module's prepare_stack(folder) gives `academy` commands to run once migrated.
    prepare = getattr(request.module, "prepare_stack", None)
    commands = prepare(workdir) if prepare else ()
    with running_stack(
        workdir, admin_url=admin_url, settings=settings, commands=commands, workers=1
    ) as running:
        started = running
        yield running
    alive = wait_until_gone(every_pid(started))
    assert not alive, f"processes outlived the deployment: {alive}"

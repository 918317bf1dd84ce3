"""The Debian packages the deployment test runs, and what happens when they are missing."""

from __future__ import annotations

import os

import pytest

from tests.deployment.processes import find_binary
from tests.postgres import PostgresServer

# Binaries the stack starts, and the Debian package of each; `make test` installs
# them as root (its test-system-deps target).
PACKAGES = {"nginx": "nginx", "redis-server": "redis-server"}


def missing_packages() -> list[str]:
    missing = [package for binary, package in PACKAGES.items() if not find_binary(binary)]
    if PostgresServer.find() is None and not os.environ.get("ACADEMY_TEST_POSTGRES_URL"):
        missing.append("postgresql")
    return missing


def require_packages() -> None:
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

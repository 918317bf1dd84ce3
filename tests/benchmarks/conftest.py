"""`make bench`: print every benchmark's figures in one table, and fail when a target is missed."""

from __future__ import annotations

import pytest

from tests.benchmarks import table


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The gunicorn-served site of tests/benchmarks/served.py, started once: (port, public id)."""
    from tests.benchmarks.served import served_site

    with served_site(tmp_path_factory.mktemp("site")) as served:
        yield served


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if not table.FIGURES:
        return
    terminalreporter.section("benchmarks")
    for line in table.render():
        terminalreporter.write_line(line)
    missed = table.missed()
    if missed:
        names = ", ".join(figure.name for figure in missed)
        terminalreporter.write_line(f"{len(missed)} target(s) missed: {names}", red=True)
    else:
        terminalreporter.write_line(f"all {len(table.FIGURES)} targets held", green=True)


def pytest_sessionfinish(session, exitstatus):
    # A benchmark that measured a figure over its target still "passed" as a
    # test; the run as a whole fails.
    if table.missed() and session.exitstatus == 0:
        session.exitstatus = 1

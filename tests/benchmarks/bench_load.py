"""The load mix under faults (issue 15): figures per scenario, and counts that must be 0.

Visitors read, learners sign in, read, mark lessons complete and submit the
quiz, a trainer reads its results (tests/benchmarks/load/locustfile.py),
for a bounded time on loopback:

- on SQLite with one server of four workers: no error, no "database is
  locked" in the server's log or in any answer;

Every answer the site accepted is in the database, and no attempt is graded
twice (load/ledger.py).
"""

from __future__ import annotations

from tests.benchmarks.load import ledger, report, runner
from tests.benchmarks.load.sqlite_site import sqlite_site

USERS = 16
LEARNERS = 20
SQLITE_SECONDS = 20
LOCKED = "database is locked"


def bench_load_on_sqlite_with_one_server(tmp_path):
    with sqlite_site(tmp_path, LEARNERS) as (host, database_url, server_log):
        run = runner.run(
            host, tmp_path / "plan.json", tmp_path / "logs", users=USERS, seconds=SQLITE_SECONDS
        )
    checked = ledger.check(database_url, tmp_path / "logs" / "submissions.jsonl")
    locked = server_log.read_text(encoding="utf-8", errors="replace").count(LOCKED)
    title = f"load mix on SQLite, one server of 4 workers, {SQLITE_SECONDS} s"
    report.print_run(title, run, checked)
    extra = {'"database is locked" in the log': locked}
    report.print_zeros(run, checked, extra)
    assert not report.missed(run, checked, extra)

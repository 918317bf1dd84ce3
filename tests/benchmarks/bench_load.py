"""The load mix under faults (issue 15): figures per scenario, and counts that must be 0.

Visitors read, learners sign in, read, mark lessons complete and submit the
quiz, a trainer reads its results (tests/benchmarks/load/locustfile.py),
for a bounded time on loopback:

- through nginx in front of two app servers on one PostgreSQL (the deploy/
  files, started by tests/deployment/stack.py), while one gunicorn worker
  is killed, then one whole app server, then PostgreSQL is stopped and
  started again: /healthz and /readyz say 503 while it is down, and the
  site recovers by itself;
- on SQLite with one server of four workers: no error, no "database is
  locked" in the server's log.

Every answer the site accepted is in the database, no attempt is graded
twice (load/ledger.py), and every failure is one a drill explains
(load/runner.py says which); none is a 5xx after the fault.
"""

from __future__ import annotations

from tests.benchmarks.load import drills, ledger, report, runner
from tests.benchmarks.load.probes import Probes
from tests.benchmarks.load.seed import seed_database
from tests.benchmarks.load.sqlite_site import sqlite_site

USERS = 16
LEARNERS = 20
SQLITE_SECONDS = 20
STACK_SECONDS = 50
DRILLS_AT = (10, 18, 26)  # seconds into the run: kill a worker, kill a server, stop PostgreSQL
DOWN_SECONDS = 4  # PostgreSQL stays stopped this long
LOCKED = "database is locked"


def bench_load_through_nginx_with_faults(tmp_path):
    from tests.deployment.stack import running_stack

    with running_stack(tmp_path / "stack") as stack:
        drills.durable_commits(stack)
        seed_database(tmp_path, stack.database_url, LEARNERS)
        stack.servers[0].wait_ready()
        probes = Probes([stack.url, stack.servers[0].url])
        faults = drills.drills(stack, probes, DRILLS_AT, DOWN_SECONDS)
        probes.start()
        try:
            run = runner.run(
                stack.url, tmp_path / "plan.json", tmp_path / "logs",
                users=USERS, seconds=STACK_SECONDS, drills=faults,
            )  # fmt: skip
        finally:
            probes.stop()
        checked = ledger.check(stack.database_url, tmp_path / "logs" / "submissions.jsonl")
    recovered = probes.recovered_after()
    title = f"load mix through nginx, 2 app servers on PostgreSQL, {STACK_SECONDS} s, with faults"
    report.print_run(title, run, checked)
    down = probes.while_down()
    print(
        f"  /healthz and /readyz while PostgreSQL was down: {len(down)} probes,"
        f" {down.count(503)} said 503; back to 200 "
        + (f"{recovered:.1f} s after it started" if recovered is not None else "never")
    )
    extra = {
        "probes not 503 while down": len(down) - down.count(503),
        "not recovered": int(recovered is None),
    }
    report.print_zeros(run, checked, extra)
    report.record("PostgreSQL, 2 servers, faults", run, checked, extra)


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
    report.record("SQLite, 1 server", run, checked, extra)

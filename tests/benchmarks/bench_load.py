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

import time

from sqlalchemy import create_engine, text

from tests.benchmarks.load import ledger, report, runner
from tests.benchmarks.load.probes import Probes
from tests.benchmarks.load.seed import seed_database
from tests.benchmarks.load.sqlite_site import sqlite_site

USERS = 16
LEARNERS = 20
SQLITE_SECONDS = 20
STACK_SECONDS = 60
DOWN_SECONDS = 4  # PostgreSQL stays stopped this long
LOCKED = "database is locked"


def bench_load_through_nginx_with_faults(tmp_path):
    from tests.deployment.stack import running_stack

    with running_stack(tmp_path / "stack") as stack:
        seed_database(tmp_path, stack.database_url, LEARNERS)
        _durable_commits(stack)
        probes = Probes([stack.url, stack.servers[0].url])
        drills = [
            runner.Drill("kill -9 one worker", 12, lambda: stack.kill_worker(0), "kill"),
            runner.Drill("kill -9 app server 2", 24, lambda: stack.kill_server(1), "kill"),
            runner.Drill("PostgreSQL restart", 36, lambda: _outage(stack, probes), "outage"),
        ]
        probes.start()
        try:
            run = runner.run(
                stack.url, tmp_path / "plan.json", tmp_path / "logs",
                users=USERS, seconds=STACK_SECONDS, drills=drills,
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
    assert not report.missed(run, checked, extra)


def _durable_commits(stack) -> None:
    """Turn the test cluster's synchronous_commit=off back on for the site's database.

    The test PostgreSQL trades durability for speed; stopped "immediately"
    it would lose the last commits, which no production server does. A
    database's setting beats the server's, for the connections made after
    it: the app servers are restarted to make theirs.
    """
    engine = create_engine(stack.database_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            name = connection.execute(text("SELECT current_database()")).scalar_one()
            connection.execute(text(f'ALTER DATABASE "{name}" SET synchronous_commit = on'))
    finally:
        engine.dispose()
    for index, server in enumerate(stack.servers):
        server.stop()
        stack.start_server(index)


def _outage(stack, probes: Probes) -> None:
    stack.stop_postgres()
    stopped = time.time()
    time.sleep(DOWN_SECONDS)
    probes.down = (stopped, time.time())
    stack.start_postgres()
    probes.up_at = time.time()


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

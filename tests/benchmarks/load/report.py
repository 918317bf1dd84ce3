"""The load run's figures as `make bench` prints them, and the targets they must hold."""

from __future__ import annotations

from collections import Counter

from tests.benchmarks import table
from tests.benchmarks.load.ledger import Ledger
from tests.benchmarks.load.runner import Run


def print_run(title: str, run: Run, ledger: Ledger, extra: dict[str, int] | None = None) -> None:
    print(f"\n{title}")
    print(
        f"  {'scenario':<26} {'requests':>8} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7}"
        f" {'p99 ms':>7} {'failed':>6}"
    )
    for row in [*run.rows, run.total]:
        name = "all" if row is run.total else row.name
        print(
            f"  {name:<26} {row.requests:>8} {row.rps:>7.1f} {row.p50:>7.0f} {row.p95:>7.0f}"
            f" {row.p99:>7.0f} {row.failures:>6}"
        )
    for drill in run.drills:
        failed = Counter(run.explained.get(drill.name, []))
        what = ", ".join(f"{n} {name}" for name, n in failed.most_common(3))
        print(
            f"  drill {drill.name} at {drill.at:.0f} s ({drill.end - drill.start:.1f} s):"
            f" {failed.total()} failures it explains" + (f" ({what}...)" if what else "")
        )
    print(
        f"  submissions: {ledger.accepted} accepted of {ledger.submissions}"
        f" ({ledger.pressed_again} after pressing again, {ledger.double_clicks} double clicks),"
        f" {ledger.attempts} graded attempts in the database"
    )
    for name, value in missed(run, ledger, extra).items():
        print(f"TARGET MISSED: {name} = {value} (target 0)")


def figures(run: Run, ledger: Ledger, extra: dict[str, int] | None = None) -> dict[str, int]:
    """Every count that must be 0."""
    return {
        "errors": len(run.unexplained),
        "5xx after a fault": run.server_errors_after_faults,
        "answers lost": len(ledger.lost),
        "attempts graded twice": len(ledger.graded_twice),
        **(extra or {}),
    }


def missed(run: Run, ledger: Ledger, extra: dict[str, int] | None = None) -> dict[str, int]:
    return {name: value for name, value in figures(run, ledger, extra).items() if value}


def print_zeros(run: Run, ledger: Ledger, extra: dict[str, int] | None = None) -> None:
    counts = figures(run, ledger, extra)
    print("  " + ", ".join(f"{name} {value}" for name, value in counts.items()))
    for request in run.unexplained[:10]:
        print(
            f"  error: {request['method']} {request['name']} status {request['status']}"
            f" {request['error']}"
        )
    for line in ledger.lost[:5] + ledger.graded_twice[:5]:
        print(f"  {line}")


def record(label: str, run: Run, ledger: Ledger, extra: dict[str, int] | None = None) -> None:
    """The run's rows in make bench's table: throughput and p95, then every count that must be 0."""
    table.record(
        f"load {label}: all requests",
        f"{run.total.rps:.1f} req/s, p95 {run.total.p95:.0f} ms",
        target="(figure)",
        held=True,
    )
    for name, value in figures(run, ledger, extra).items():
        table.record(f"load {label}: {name}", str(value), target="= 0", held=value == 0)

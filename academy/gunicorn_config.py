"""gunicorn settings for the metrics of every worker: `gunicorn -c python:academy.gunicorn_config`.

Only the hooks prometheus_client's multiprocess mode needs live here; workers,
bind address and the rest come from the command line, which overrides a
config file. (gunicorn reads this module's public names as its settings.)

- PROMETHEUS_MULTIPROC_DIR names a directory for this server alone (two
  servers on one machine need two). When it is not set, a fresh temporary
  directory is made and removed on exit. It is set here, in the master,
  before any worker starts: workers inherit it, and prometheus_client, which
  reads it once when first imported, is never imported by the master first.
- on_starting empties the directory: values left by an earlier run would be
  added to this one's.
- child_exit drops a dead worker's live gauges (mark_process_dead); its
  counters stay, so totals never go down when a worker is replaced.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"
_made_here = not os.environ.get(_VARIABLE)
if _made_here:
    os.environ[_VARIABLE] = tempfile.mkdtemp(prefix="academy-metrics-")


def empty_metrics_directory(path: str | os.PathLike) -> None:
    """Create path, or remove the value files an earlier run left in it."""
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    for leftover in folder.glob("*.db"):
        leftover.unlink()


def on_starting(_server) -> None:
    empty_metrics_directory(os.environ[_VARIABLE])


def child_exit(_server, worker) -> None:
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def on_exit(_server) -> None:
    if _made_here:
        shutil.rmtree(os.environ[_VARIABLE], ignore_errors=True)

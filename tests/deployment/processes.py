"""The processes of a deployment: started in sessions of their own, stopped whole.

Each service (nginx, an app server, Redis) is the leader of a new session, so
every process it starts (gunicorn's workers, nginx's) belongs to that session
and one signal reaches them all, even after the leader died.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

import requests

from tests.deployment.rendering import Command


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def find_binary(name: str) -> str | None:
    """A server binary on PATH or in the sbin folders a non-root PATH lacks."""
    return shutil.which(name, path=f"{os.environ.get('PATH', '')}:/usr/sbin:/sbin")


def wait_for(
    check, what: str, seconds: float = 60.0, service: Service | None = None, every: float = 0.1
):
    """Call check() until it returns a true value; fail naming what did not come up."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if service is not None and service.process.poll() is not None:
            tail = service.log.read_text(encoding="utf-8", errors="replace")[-3000:]
            raise RuntimeError(f"{what} exited ({service.process.returncode}):\n{tail}")
        try:
            result = check()
        except (OSError, requests.RequestException):
            result = None
        if result:
            return result
        time.sleep(every)
    raise RuntimeError(f"{what} did not come up within {seconds:.0f} s")


@dataclass
class Service:
    """One process the stack starts, in a session of its own, logging to a file."""

    name: str
    command: Command
    log: Path
    stop_signal: int = signal.SIGTERM
    process: subprocess.Popen | None = None
    pids: list[int] = field(default_factory=list)

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                self.command.argv,
                cwd=self.command.cwd,
                env=self.command.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.pids.append(self.process.pid)

    def stop(self, timeout: float = 15.0) -> None:
        """Ask the process to stop, then kill whatever is left of its session."""
        if self.process is None:
            return
        if self.process.poll() is None:
            _signal_group(self.process.pid, self.stop_signal)
            with suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=timeout)
        self.kill()

    def kill(self) -> None:
        """SIGKILL the process and every process of its session (a crash)."""
        if self.process is None:
            return
        _signal_group(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        deadline = time.monotonic() + 10
        while session_alive(self.process.pid) and time.monotonic() < deadline:
            time.sleep(0.05)


def _signal_group(pgid: int, signum: int) -> None:
    with suppress(ProcessLookupError):
        os.killpg(pgid, signum)


def session_alive(sid: int) -> bool:
    """True while a process of the session sid (a stack service's) still runs."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # After the command: state, ppid, pgrp, session.
        if int(fields[3]) == sid and fields[0] != "Z":
            return True
    return False


def children_of(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return sorted(found)


@dataclass
class AppServer(Service):
    port: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def worker_pids(self) -> list[int]:
        return children_of(self.process.pid) if self.process else []

    def wait_ready(self, seconds: float = 90.0) -> None:
        wait_for(
            lambda: requests.get(f"{self.url}/readyz", timeout=5).status_code == 200,
            f"app server on port {self.port}",
            seconds,
            self,
        )

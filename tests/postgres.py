"""Start a throwaway PostgreSQL server for the test run.

Debian's server binaries refuse to run as root, so as root the cluster is
created and run as the `postgres` user, in a fresh temporary directory.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresServer:
    def __init__(self, bindir: Path):
        self.bindir = bindir

    @classmethod
    def find(cls) -> PostgresServer | None:
        candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
        return cls(Path(candidates[0]).parent) if candidates else None

    def _run(self, *args: str) -> None:
        command = [str(self.bindir / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    @contextmanager
    def running(self) -> Iterator[str]:
        root = Path(tempfile.mkdtemp(prefix="academy-pg-"))
        self.root, self.data, self.port = root, root / "data", _free_port()
        if os.geteuid() == 0:
            shutil.chown(root, "postgres", "postgres")
        try:
            self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8")
            self.start()
            yield f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"
        finally:
            self.stop()
            shutil.rmtree(root, ignore_errors=True)

    def start(self) -> None:
        """Start the cluster running() made (again, after stop(): the fault drills)."""
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=200"
        )
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.root / "log"),
            "-w",
            "start",
        )

    def stop(self) -> None:
        """Stop the cluster at once, as a crash would, if it runs."""
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

"""Start the deployment of deploy/ on this machine: PostgreSQL, Redis, two app servers, nginx.

    with running_stack(tmp_path, admin_url=postgres_url) as stack:
        stack.url                  # nginx, the site's address
        stack.servers[0].url       # one app server directly (/metrics, drills)
        stack.cli("courses", "import", path)
        stack.kill_worker(0)       # SIGKILL one gunicorn worker; its master replaces it
        stack.kill_server(1)       # SIGKILL a whole app server; stack.start_server(1)
        stack.stop_postgres(); stack.start_postgres()   # when the stack started its own

Everything runs on loopback ports in the given folder, from the files in
deploy/ (rendering.py), as the current user. Each process has a session of its
own, so stopping it stops every process it started; leaving the block stops all
of them, whatever happened inside, and drops the database it made.
"""

from __future__ import annotations

import itertools
import os
import re
import secrets
import signal
import socket
import subprocess
import time
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import requests
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from tests.deployment import rendering
from tests.deployment.processes import (
    AppServer,
    Service,
    find_binary,
    free_port,
    session_alive,
    wait_for,
)
from tests.deployment.rendering import Command, Layout
from tests.postgres import PostgresServer

_databases = itertools.count()
# A line of nginx's academy log format: the request id, then the server that answered.
_UPSTREAM = re.compile(r"request_id=(\w+) upstream=127\.0\.0\.1:(\d+) ")


@dataclass
class Stack:
    """The running deployment: its address, its processes, and the drills."""

    layout: Layout
    url: str
    servers: list[AppServer]
    redis: Service
    nginx: Service
    redis_url: str
    database_url: str
    postgres: PostgresServer | None
    _upstreams: dict[str, int] = field(default_factory=dict)
    _log_read: int = 0

    @property
    def access_log(self) -> Path:
        return self.layout.workdir / "logs" / "academy.access.log"

    @property
    def services(self) -> list[Service]:
        return [self.nginx, *self.servers, self.redis]

    def cli(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
        """Run `academy ARGS` as the operator would, with the servers' environment."""
        return academy(self.layout, *args, stdin=stdin)

    def upstream_of(self, request_id: str, seconds: float = 5.0) -> int:
        """The port of the app server that answered request_id, from nginx's access log."""

        def find():
            self._read_access_log()
            return self._upstreams.get(request_id)

        # nginx writes the line just after the answer: it is usually there at once.
        return wait_for(find, f"nginx's log line of request {request_id}", seconds, every=0.01)

    def _read_access_log(self) -> None:
        """Note the upstream of each request in the log's lines not read yet."""
        with self.access_log.open("rb") as log:
            log.seek(self._log_read)
            # The last piece is a line nginx has not finished: read again next time.
            *complete, _unfinished = log.read().split(b"\n")
        self._log_read += sum(len(line) + 1 for line in complete)
        for line in complete:
            match = _UPSTREAM.search(line.decode("utf-8", "replace"))
            if match:
                self._upstreams[match.group(1)] = int(match.group(2))

    # -- drills ----------------------------------------------------------------

    def kill_worker(self, index: int = 0) -> int:
        """SIGKILL one gunicorn worker of server index; its master starts another."""
        workers = self.servers[index].worker_pids()
        if not workers:
            raise RuntimeError(f"app server {index} has no workers")
        os.kill(workers[0], signal.SIGKILL)
        return workers[0]

    def kill_server(self, index: int) -> None:
        """SIGKILL a whole app server, master and workers."""
        self.servers[index].kill()

    def start_server(self, index: int) -> None:
        self.servers[index].start()
        self.servers[index].wait_ready()

    def stop_postgres(self) -> None:
        self._own_postgres().stop()

    def start_postgres(self) -> None:
        self._own_postgres().start()

    def _own_postgres(self) -> PostgresServer:
        if self.postgres is None:
            raise RuntimeError("this stack shares a PostgreSQL it did not start")
        return self.postgres


@contextmanager
def running_stack(
    workdir: Path,
    *,
    admin_url: str | None = None,
    settings: dict[str, str] | None = None,
    commands: Sequence[tuple[Sequence[str], str | None]] = (),
    workers: int = 2,
) -> Iterator[Stack]:
    """Start the deployment in workdir; stop every process and drop its database after.

    admin_url is a PostgreSQL server to make the site's database in (the test
    run's own); without it the stack starts a PostgreSQL of its own, which the
    drills may stop and start. settings are extra ACADEMY_ variables;
    commands are `academy` arguments and standard input, run once migrated.
    """
    layout = Layout(workdir)
    (workdir / "logs").mkdir(parents=True, exist_ok=True)
    with ExitStack() as cleanup:
        postgres = None
        if admin_url is None:
            postgres = PostgresServer.find()
            if postgres is None:
                raise RuntimeError("PostgreSQL server binaries are not installed")
            admin_url = cleanup.enter_context(postgres.running())
        database_url = cleanup.enter_context(_database(admin_url))
        redis_port, nginx_port = free_port(), free_port()
        app_ports = (free_port(), free_port())
        redis = _redis(layout, redis_port)
        cleanup.callback(redis.stop)
        redis.start()
        redis_url = f"redis://127.0.0.1:{redis_port}/0"
        _write_environment(
            layout,
            {
                "ACADEMY_SECRET_KEY": secrets.token_urlsafe(48),
                "ACADEMY_BASE_URL": f"http://127.0.0.1:{nginx_port}",
                "ACADEMY_DATABASE_URL": database_url,
                "ACADEMY_RATELIMIT_STORAGE_URI": redis_url,
                "ACADEMY_THROTTLE_STORAGE": redis_url,
                # No mail server: mails go to the outbox in the instance folder.
                "ACADEMY_MAIL_SERVER": "",
                "WEB_CONCURRENCY": str(workers),
            },
            settings or {},
        )
        wait_for(lambda: _redis_answers(redis_port), "redis-server", 30, redis)
        # The operator's order (docs/deploy.md): production starts nothing without a key.
        academy(layout, "keys", "generate")
        migrate = rendering.unit_command(layout, rendering.MIGRATE_UNIT)
        _run_once(migrate, layout.workdir / "logs" / "migrate.log")
        stack = Stack(
            layout=layout,
            url=f"http://127.0.0.1:{nginx_port}",
            servers=[_app_server(layout, port) for port in app_ports],
            redis=redis,
            nginx=_nginx(layout, nginx_port, app_ports),
            redis_url=redis_url,
            database_url=database_url,
            postgres=postgres,
        )
        for server in stack.servers:
            cleanup.callback(server.stop)
            server.start()
        cleanup.callback(stack.nginx.stop)
        stack.nginx.start()
        # The caller's commands (importing courses, creating accounts) run while the
        # servers start: each is mostly the import of the app.
        running = [_start_academy(layout, args, stdin) for args, stdin in commands]
        for (args, _stdin), process in zip(commands, running, strict=True):
            with process.stdout:
                out = process.stdout.read()
            if process.wait(timeout=180) != 0:
                raise RuntimeError(f"academy {' '.join(args)} failed:\n{out}")
        for server in stack.servers:
            server.wait_ready()
        wait_for(
            lambda: requests.get(f"{stack.url}/livez", timeout=5).status_code == 200,
            "nginx",
            30,
            stack.nginx,
        )
        yield stack


def _start_academy(layout: Layout, args: Sequence[str], stdin: str | None) -> subprocess.Popen:
    command = rendering.unit_command(layout, rendering.MIGRATE_UNIT)
    process = subprocess.Popen(
        [str(layout.bin / "academy"), *args],
        cwd=command.cwd,
        env=command.env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    if stdin:
        process.stdin.write(stdin)
    process.stdin.close()
    return process


def academy(layout: Layout, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """Run `academy ARGS` as academy-migrate.service runs it (its user, folder, environment)."""
    command = rendering.unit_command(layout, rendering.MIGRATE_UNIT)
    result = subprocess.run(
        [str(layout.bin / "academy"), *args],
        cwd=command.cwd,
        env=command.env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=180,
    )
    if result.returncode != 0:
        raise RuntimeError(f"academy {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result


def _write_environment(layout: Layout, replaced: dict[str, str], extra: dict[str, str]) -> None:
    """The shipped environment file, with this stack's values for the site's own settings."""
    values = rendering.read_environment_file(rendering.ENVIRONMENT)
    for key in replaced:
        if key not in values:
            raise rendering.RenderError(f"deploy/environment.example no longer sets {key}")
    values = {key: layout.translate(value) for key, value in values.items()}
    values.update(replaced)
    values.update(extra)
    folder = layout.workdir / "etc"
    folder.mkdir(parents=True, exist_ok=True)
    lines = [f'{key}="{value}"' for key, value in values.items()]
    (folder / "environment").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _app_server(layout: Layout, port: int) -> AppServer:
    command = rendering.unit_command(layout, rendering.APP_UNIT, instance=str(port))
    log = layout.workdir / "logs" / f"gunicorn-{port}.log"
    # SIGTERM is gunicorn's graceful stop; idle sync workers leave at once.
    return AppServer(name=f"academy@{port}", command=command, log=log, port=port)


def _nginx(layout: Layout, port: int, app_ports: tuple[int, int]) -> Service:
    conf = rendering.render_nginx(layout, port, app_ports)
    argv = [find_binary("nginx"), "-p", str(conf.parent), "-c", str(conf), "-g", "daemon off;"]
    command = Command(argv, layout.workdir, dict(os.environ))
    return Service("nginx", command, layout.workdir / "logs" / "nginx.log")


def _redis(layout: Layout, port: int) -> Service:
    folder = layout.workdir / "redis"
    folder.mkdir(parents=True, exist_ok=True)
    argv = [
        find_binary("redis-server"), "--port", str(port), "--bind", "127.0.0.1",
        "--dir", str(folder), "--save", "", "--appendonly", "no", "--daemonize", "no",
    ]  # fmt: skip
    return Service("redis", Command(argv, folder, dict(os.environ)), folder / "redis.log")


def _redis_answers(port: int) -> bool:
    with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
        sock.sendall(b"PING\r\n")
        return sock.recv(16).startswith(b"+PONG")


def _run_once(command: Command, log: Path) -> None:
    result = subprocess.run(
        command.argv, cwd=command.cwd, env=command.env, capture_output=True, text=True, timeout=180
    )
    log.write_text(result.stdout + result.stderr, encoding="utf-8")
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command.argv)} failed:\n{result.stdout}{result.stderr}")


@contextmanager
def _database(admin_url: str) -> Iterator[str]:
    """A fresh, empty database on the server at admin_url, dropped afterwards."""
    name = f"academy_deploy_{os.getpid()}_{next(_databases)}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield admin_url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        try:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        except OperationalError:
            pass  # a server a drill left stopped: the stack removes it whole next
        finally:
            admin.dispose()


def every_pid(stack: Stack) -> list[int]:
    """Every process id the stack started (each the leader of its session)."""
    return [pid for service in stack.services for pid in service.pids]


def wait_until_gone(pids: list[int], seconds: float = 10.0) -> list[int]:
    """The sessions among pids still running after seconds (none, when all stopped)."""
    deadline = time.monotonic() + seconds
    while True:
        alive = [pid for pid in pids if session_alive(pid)]
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.1)

"""Turn the files in deploy/ into what a test can start, changing only paths and ports.

The nginx site, the systemd units and the environment file are written for the
layout of docs/deploy.md (/srv/academy, /etc/academy, ports 8001 and 8002). A test
runs them as they are, with a small table of replacements: each value replaced
must be in the file, so a change to deploy/ that the test would no longer see
fails here instead of testing a config of its own (docs/decisions.md,
"A deployment the tests start").
"""

from __future__ import annotations

import os
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
NGINX_SITE = DEPLOY / "nginx" / "academy.conf"
NGINX_PROXY = DEPLOY / "nginx" / "academy-proxy.conf"
APP_UNIT = DEPLOY / "systemd" / "academy@.service"
MIGRATE_UNIT = DEPLOY / "systemd" / "academy-migrate.service"
ENVIRONMENT = DEPLOY / "environment.example"
# The app servers' ports in the site as shipped, in order.
SHIPPED_PORTS = (8001, 8002)


class RenderError(RuntimeError):
    """A file in deploy/ no longer holds a value the test replaces."""


def replace_each(text: str, replacements: dict[str, str], source: Path) -> str:
    for old, new in replacements.items():
        if old not in text:
            raise RenderError(f"{source.relative_to(ROOT)} no longer contains {old!r}")
        text = text.replace(old, new)
    return text


@dataclass(frozen=True)
class Layout:
    """Where the test puts what production keeps under /srv, /etc, /run, /var."""

    workdir: Path

    @property
    def bin(self) -> Path:
        # The interpreter's own scripts folder: the venv running the tests.
        return Path(sys.executable).parent

    def path_replacements(self) -> dict[str, str]:
        return {
            "/srv/academy/venv/bin/": f"{self.bin}/",
            "/srv/academy/src": str(ROOT),
            "/etc/academy/": f"{self.workdir}/etc/",
            "/run/": f"{self.workdir}/run/",
            "/var/lib/": f"{self.workdir}/lib/",
            "/var/cache/": f"{self.workdir}/cache/",
            "/var/log/nginx/": f"{self.workdir}/logs/",
        }

    def translate(self, value: str) -> str:
        """A value from a unit or the environment file, with the test's paths."""
        for old, new in self.path_replacements().items():
            value = value.replace(old, new)
        return value


# -- nginx ----------------------------------------------------------------------


def render_nginx(layout: Layout, listen_port: int, app_ports: tuple[int, int]) -> Path:
    """Write the site and the main nginx.conf that includes it; the latter's path."""
    conf = layout.workdir / "nginx"
    for folder in ("logs", "nginx/temp"):
        (layout.workdir / folder).mkdir(parents=True, exist_ok=True)
    proxy = conf / NGINX_PROXY.name
    proxy.write_text(NGINX_PROXY.read_text(encoding="utf-8"), encoding="utf-8")
    replacements = {
        f"include /srv/academy/src/deploy/nginx/{NGINX_PROXY.name};": f"include {proxy};",
        "/srv/academy/src/": f"{ROOT}/",
        "listen 80;": f"listen 127.0.0.1:{listen_port};",
        "listen [::]:80;": "",
        "/var/log/nginx/": f"{layout.workdir}/logs/",
    }
    for shipped, port in zip(SHIPPED_PORTS, app_ports, strict=True):
        replacements[f"127.0.0.1:{shipped}"] = f"127.0.0.1:{port}"
    site = conf / "academy.conf"
    site.write_text(
        replace_each(NGINX_SITE.read_text(encoding="utf-8"), replacements, NGINX_SITE),
        encoding="utf-8",
    )
    main = conf / "nginx.conf"
    main.write_text(_main_conf(layout.workdir, site), encoding="utf-8")
    return main


def _main_conf(workdir: Path, site: Path) -> str:
    """What Debian's /etc/nginx/nginx.conf gives the site, with every path in workdir."""
    temp = workdir / "nginx" / "temp"
    # As root, nginx's workers would run as nobody, who cannot read the test's folders.
    user = "user root;\n" if os.geteuid() == 0 else ""
    temp_paths = "\n".join(
        f"    {kind}_temp_path {temp / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""{user}worker_processes 2;
pid {workdir}/nginx/nginx.pid;
error_log {workdir}/logs/nginx-error.log warn;
events {{
    worker_connections 512;
}}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log off;
{temp_paths}
    include {site};
}}
"""


# -- systemd and the environment file ---------------------------------------------


def unit_service(path: Path) -> dict[str, list[str]]:
    """The [Service] section of a unit: each key with its values, in order."""
    section, found = None, {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            section = line
        elif section == "[Service]":
            key, _, value = line.partition("=")
            found.setdefault(key.strip(), []).append(value.strip())
    return found


def read_environment_file(path: Path) -> dict[str, str]:
    """KEY=VALUE lines as systemd's EnvironmentFile= reads them (values may be quoted)."""
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, _, value = line.partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1]
        values[key.strip()] = value
    return values


@dataclass(frozen=True)
class Command:
    """A unit's command, ready for subprocess: argv, working directory, environment."""

    argv: list[str]
    cwd: Path
    env: dict[str, str]


def unit_command(layout: Layout, unit: Path, instance: str = "") -> Command:
    """The unit's ExecStart as systemd would run it, in the test's layout.

    The EnvironmentFile= is read from the test's etc/ folder; the unit's
    Environment= lines come after it, as in systemd. The folders the unit asks
    systemd for (RuntimeDirectory=, StateDirectory=, CacheDirectory=) are made.
    """
    service = unit_service(unit)
    [environment_file] = service["EnvironmentFile"]
    environment = read_environment_file(Path(layout.translate(environment_file)))

    def value(text: str) -> str:
        return layout.translate(text.replace("%i", instance))

    for key, root in (("RuntimeDirectory", "run"), ("StateDirectory", "lib")):
        for name in service.get(key, []):
            (layout.workdir / root / value(name)).mkdir(mode=0o700, parents=True, exist_ok=True)
    for name in service.get("CacheDirectory", []):
        (layout.workdir / "cache" / value(name)).mkdir(parents=True, exist_ok=True)
    env = {**_inherited(), **environment}
    for line in service.get("Environment", []):
        key, _, text = line.partition("=")
        env[key] = value(text)
    [exec_start] = service["ExecStart"]
    [cwd] = service["WorkingDirectory"]
    return Command(shlex.split(value(exec_start)), Path(value(cwd)), env)


def _inherited() -> dict[str, str]:
    """What the test's processes keep of its environment: no ACADEMY_ settings of its own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ACADEMY_", "PROMETHEUS_"))}
    # The checkout under test, whichever copy of the package the venv was installed from.
    env["PYTHONPATH"] = str(ROOT)
    env.pop("WEB_CONCURRENCY", None)
    return env

"""Shared fixtures: app, client, runner, database (SQLite and PostgreSQL), mail."""

from __future__ import annotations

import email
import itertools
import os
import shutil
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path

import pytest
from flask import has_app_context
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text

from academy import create_app, recent_rows
from academy.extensions import db
from tests.postgres import PostgresServer

# The command line speaks the terminal's language; the tests expect English
# whatever the developer's locale (a test that wants another sets it itself).
os.environ["LANGUAGE"] = "en"

# Cheap argon2 parameters: the tests exercise hashing, not its cost.
TEST_CONFIG = {
    "TESTING": True,
    "SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789",
    "ARGON2_TIME_COST": 1,
    "ARGON2_MEMORY_COST": 1024,
    "ARGON2_PARALLELISM": 1,
    "MAIL_SERVER": "",
    "MAIL_PRINT_LINKS": False,
    "WTF_CSRF_ENABLED": False,
    "RATELIMIT_ENABLED": False,
    "BASE_URL": "http://academy.test",
    "SERVER_NAME": None,
}

_database_counter = itertools.count()


class FreshContextClient(FlaskClient):
    """A test client whose every request gets its own application context.

    The fixtures keep an app context pushed so tests can use the database;
    without this, requests would share its `g`, and with it the cached user
    and locale, which no real request ever does. Afterwards the test's own
    session ends its transaction, so it reads what the request committed.
    Responses are read whole and closed, as a server does once it has sent
    them, so mails sent after the response are out when a test reads the
    outbox (pass buffered=False to look before that).
    """

    def open(self, *args, **kwargs):
        kwargs.setdefault("buffered", True)
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        if has_app_context():
            db.session.rollback()
        return response


def pytest_generate_tests(metafunc):
    """Run tests marked `database` once on SQLite and once on PostgreSQL."""
    if "database_backend" in metafunc.fixturenames and metafunc.definition.get_closest_marker(
        "database"
    ):
        metafunc.parametrize("database_backend", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def database_backend(request) -> str:
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def postgres_server(tmp_path_factory):
    """A throwaway PostgreSQL server for the whole run (or ACADEMY_TEST_POSTGRES_URL)."""
    url = os.environ.get("ACADEMY_TEST_POSTGRES_URL")
    if url:
        yield url
        return
    server = PostgresServer.find()
    if server is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL server binaries are missing; `make test` installs them")
        pytest.skip("PostgreSQL server binaries are not installed")
    with server.running() as admin_url:
        yield admin_url


@pytest.fixture(scope="session")
def postgres_template(postgres_server, tmp_path_factory):
    """A database holding the schema, copied for each test instead of built again.

    CREATE DATABASE ... TEMPLATE copies files; creating some forty tables and
    their indexes took most of the time of each PostgreSQL test.
    """
    name = f"academy_template_{os.getpid()}"
    admin = create_engine(postgres_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = postgres_server.rsplit("/", 1)[0] + f"/{name}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ACADEMY_INSTANCE_PATH", str(tmp_path_factory.mktemp("template")))
        app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": url})
        with app.app_context():
            db.create_all()
            db.session.remove()
            db.engine.dispose()
    yield name
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """A SQLite file holding the schema, copied for each test (as postgres_template)."""
    folder = tmp_path_factory.mktemp("sqlite-template")
    path = folder / "academy.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ACADEMY_INSTANCE_PATH", str(folder / "instance"))
        app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})
        with app.app_context():
            db.create_all()
            db.session.remove()
            db.engine.dispose()
    return path


@pytest.fixture
def database_url(request, database_backend, tmp_path):
    if database_backend == "sqlite":
        path = tmp_path / "academy.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    admin_url = request.getfixturevalue("postgres_server")
    template = request.getfixturevalue("postgres_template")
    name = f"academy_test_{os.getpid()}_{next(_database_counter)}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    yield admin_url.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


class Clock:
    """The clock of academy.recent_rows in a test app: it moves only when a test moves it."""

    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def make_app(tmp_path, database_url, monkeypatch):
    """Build apps on the test database, which starts with the schema (a template copy)."""
    monkeypatch.setenv("ACADEMY_INSTANCE_PATH", str(tmp_path / "instance"))
    created = []

    def build(**overrides):
        config = {
            **TEST_CONFIG,
            "SQLALCHEMY_DATABASE_URI": database_url,
            "MAIL_OUTBOX": str(tmp_path / "outbox"),
            **overrides,
        }
        app = create_app(config)
        # What a process keeps for PAGE_CACHE_CHECK_SECONDS (academy.recent_rows) must
        # not depend on how fast the machine runs the test: the clock stands still
        # unless a test puts in one it advances.
        app.extensions[recent_rows.CLOCK] = Clock()
        app.test_client_class = FreshContextClient
        created.append(app)
        return app

    yield build
    for app in created:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def app(make_app):
    app = make_app()
    with app.app_context():
        yield app


@pytest.fixture
def clock(app) -> Clock:
    """The app's clock for what a process keeps; move it with clock.now += seconds."""
    return app.extensions[recent_rows.CLOCK]


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class Outbox:
    """The mails the app wrote to its outbox folder, oldest first."""

    def __init__(self, folder: Path):
        self.folder = folder

    def messages(self) -> list[EmailMessage]:
        if not self.folder.exists():
            return []
        return [
            email.message_from_bytes(path.read_bytes(), policy=default_policy)
            for path in sorted(self.folder.glob("*.eml"))
        ]

    def last(self) -> EmailMessage:
        messages = self.messages()
        assert messages, "no mail was sent"
        return messages[-1]

    def link(self, message: EmailMessage | None = None, contains: str = "") -> str:
        body = (message or self.last()).get_content()
        links = [word for word in body.split() if word.startswith("http") and contains in word]
        assert links, f"no link containing {contains!r} in:\n{body}"
        return links[0]

    def __len__(self) -> int:
        return len(self.messages())


@pytest.fixture
def outbox(app) -> Outbox:
    return Outbox(Path(app.config["MAIL_OUTBOX"]))


FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE_PACKAGE = FIXTURES / "packages" / "sample-course"


def import_package(path: Path):
    """Check, render and import a package the way `academy courses import` does."""
    from academy.courses.importing import container_labels, import_built
    from academy.package_check import build_course_package

    result = import_built(build_course_package(path, container_labels))
    db.session.commit()
    return result


@pytest.fixture
def sample_course(app):
    """The example package, imported; returns its Course row."""
    from academy.courses.models import Course

    import_package(SAMPLE_PACKAGE)
    return db.session.scalar(db.select(Course).where(Course.slug == "sample-course"))

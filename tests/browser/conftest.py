"""Real-browser fixtures: the app served over HTTP, and Debian's Chromium."""

from __future__ import annotations

import email
import os
import threading
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from academy import create_app
from academy.extensions import db

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# A small phone: every page must work at this size.
PHONE_VIEWPORT = {"width": 360, "height": 740}
DEFAULT_TIMEOUT_MS = 15_000


@dataclass
class LiveServer:
    url: str
    app: object
    outbox: Path

    def mails(self) -> list[EmailMessage]:
        """The mails the app wrote to its outbox, oldest first."""
        if not self.outbox.exists():
            return []
        return [
            email.message_from_bytes(path.read_bytes(), policy=default_policy)
            for path in sorted(self.outbox.glob("*.eml"))
        ]

    def last_mail(self) -> EmailMessage:
        mails = self.mails()
        assert mails, f"no mail in {self.outbox}"
        return mails[-1]

    def link_in_last_mail(self, contains: str) -> str:
        body = self.last_mail().get_content()
        links = [word for word in body.split() if word.startswith("http") and contains in word]
        assert links, f"no link containing {contains!r} in:\n{body}"
        return links[0]


class _Dispatcher:
    """A WSGI app that forwards to the real one once it exists.

    The server binds its free port first, so the app can be built knowing
    its own BASE_URL without a race for the port.
    """

    app = None

    def __call__(self, environ, start_response):
        # Werkzeug's server skips the body's close() when the browser resets the
        # connection (Chromium drops favicon requests as it navigates on), and
        # the static file left open warns later, in whatever test runs then.
        # The body is read and closed here, so nothing stays open.
        body = self.app(environ, start_response)
        try:
            return [b"".join(body)]
        finally:
            close = getattr(body, "close", None)
            if close is not None:
                close()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    root = tmp_path_factory.mktemp("live")
    dispatcher = _Dispatcher()
    server = make_server("127.0.0.1", 0, dispatcher, threaded=True)
    url = f"http://127.0.0.1:{server.server_port}"

    previous = os.environ.get("ACADEMY_INSTANCE_PATH")
    os.environ["ACADEMY_INSTANCE_PATH"] = str(root / "instance")
    try:
        app = create_app(
            {
                "TESTING": True,
                "SECRET_KEY": "browser-test-secret-key-that-is-long-enough-0123456789",
                "ARGON2_TIME_COST": 1,
                "ARGON2_MEMORY_COST": 1024,
                "ARGON2_PARALLELISM": 1,
                "MAIL_SERVER": "",
                "MAIL_PRINT_LINKS": False,
                "MAIL_OUTBOX": str(root / "outbox"),
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{root / 'academy.db'}",
                "BASE_URL": url,
                "RATELIMIT_ENABLED": False,
                # WTF_CSRF_ENABLED stays on: the browser posts real forms.
            }
        )
        with app.app_context():
            db.create_all()
    finally:
        if previous is None:
            os.environ.pop("ACADEMY_INSTANCE_PATH", None)
        else:
            os.environ["ACADEMY_INSTANCE_PATH"] = previous
    dispatcher.app = app

    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(url=url, app=app, outbox=root / "outbox")
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing; `make test` installs Debian's chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()
    finally:
        playwright.stop()


@pytest.fixture
def make_context(browser):
    """Open browser contexts (closed after the test); English unless told otherwise."""
    contexts = []

    def make(**options):
        options.setdefault("locale", "en-GB")
        options.setdefault("viewport", PHONE_VIEWPORT)
        context = browser.new_context(**options)
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def axe_page(make_context):
    """A phone-sized page whose context lets axe-core be injected despite the CSP."""
    return make_context(bypass_csp=True).new_page()

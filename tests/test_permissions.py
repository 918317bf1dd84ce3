"""The permission matrix: every route and method, for six actors, from app.url_map.

Each case asserts the exact status and whether the database changed (every
row of every table compared with the saved world): a W(...) cell is an allowed
state change, any other cell must leave every row as it was, so no refused
request (400, 401, 403, 404, 405, sign in first) and no GET writes anything.
A route without a row in tests/permission_table.py fails
test_every_route_has_a_row, naming it.
"""

from __future__ import annotations

import pytest
from flask import url_for

from academy import create_app
from academy.extensions import db
from tests.conftest import TEST_CONFIG
from tests.permission_table import IN, TABLE, W, form_data, url_values
from tests.permission_world import ACTORS, build, client_for, restore, save, snapshot

IGNORED_METHODS = {"HEAD", "OPTIONS"}
# Refused: nothing may have changed when a state change is answered so.
REFUSED = {400, 401, 403, 404, 405, IN}


def routes(app) -> set[tuple[str, str]]:
    return {
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static"
        for method in rule.methods - IGNORED_METHODS
    }


@pytest.fixture(scope="module")
def matrix(tmp_path_factory):
    """The app (CSRF on), its database file, a saved copy, the world and its rows."""
    folder = tmp_path_factory.mktemp("permissions")
    path = folder / "academy.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ACADEMY_INSTANCE_PATH", str(folder / "instance"))
        app = create_app(
            {
                **TEST_CONFIG,
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}",
                "MAIL_OUTBOX": str(folder / "outbox"),
                "WTF_CSRF_ENABLED": True,
            }
        )
        with app.app_context():
            db.create_all()
            world = build(folder)
            baseline = snapshot()
        save(app, path, folder / "baseline.db")
        yield app, path, folder / "baseline.db", world, baseline
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def test_every_route_has_a_row(matrix):
    app = matrix[0]
    missing = sorted(routes(app) - set(TABLE))
    assert not missing, "add a row to tests/permission_table.py for: " + ", ".join(
        f"{endpoint} {method}" for endpoint, method in missing
    )
    stale = sorted(set(TABLE) - routes(app))
    assert not stale, f"rows for routes that no longer exist: {stale}"


def outcome(response) -> int | str:
    """The status, or IN for a 302 to sign in first (it carries the page to come back to)."""
    path, _, query = response.headers.get("Location", "").partition("?")
    if response.status_code == 302 and path.endswith("/auth/sign-in") and "next=" in query:
        return IN
    return response.status_code


@pytest.mark.parametrize(
    ("endpoint", "method"), sorted(TABLE), ids=[f"{e} {m}" for e, m in sorted(TABLE)]
)
def test_permission(matrix, endpoint, method):
    app, path, saved, world, baseline = matrix
    with app.test_request_context():
        url = url_for(endpoint, **url_values(endpoint, world))
    got = {}
    for actor in ACTORS:
        client, token = client_for(app, world, actor)
        data = None
        if method != "GET":
            data = {**form_data(endpoint, world), "csrf_token": token, "switch-csrf_token": token}
        response = client.open(url, method=method, data=data)
        with app.app_context():
            changed = snapshot() != baseline
        got[actor] = W(outcome(response)) if changed else outcome(response)
        if changed:
            restore(app, path, saved)
    expected = dict(zip(ACTORS, TABLE[endpoint, method], strict=True))
    # W(...) marks the cases that changed the database; any other must not have.
    assert got == expected, f"{method} {url}"


# The one read that writes: a certificate's PDF is rendered once and kept, so every app
# server serves the same bytes (docs/decisions.md, "Certificates: templates, PDF cache").
# It writes only what it would render again, never anything a person did.
# A certificate issued before credentials existed is signed on its first
# download, once, and the stored token served ever after (academy.credentials);
# the badge images bake that token, so their first request may sign it too.
READS_THAT_CACHE = {
    ("certificates.pdf", "GET"),
    ("credentials.download", "GET"),
    ("credentials.download_json", "GET"),
    ("credentials.badge_png", "GET"),
    ("credentials.badge_svg", "GET"),
}


def test_refusals_and_reads_never_write():
    """The table itself: no refused request and no GET may be expected to change data."""
    writing = [
        (endpoint, method, actor)
        for (endpoint, method), cells in TABLE.items()
        for actor, cell in zip(ACTORS, cells, strict=True)
        if isinstance(cell, W)
        and (
            (method == "GET" and (endpoint, method) not in READS_THAT_CACHE)
            or cell.status in REFUSED
        )
    ]
    assert writing == []


def test_undeclared_methods_are_refused(matrix):
    """GET on a form's target, or POST to a page, is 405 for anyone and writes nothing."""
    app, _path, _saved, world, baseline = matrix
    answered: dict[str, set[str]] = {}  # a URL pattern may have a route per method
    for rule in app.url_map.iter_rules():
        answered.setdefault(rule.rule, set()).update(rule.methods)
    got = {}
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        with app.test_request_context():
            url = url_for(rule.endpoint, **url_values(rule.endpoint, world))
        for method in {"GET", "POST"} - answered[rule.rule]:
            for actor in ("visitor", "admin"):
                client, token = client_for(app, world, actor)
                response = client.open(url, method=method, data={"csrf_token": token})
                got[rule.endpoint, method, actor] = response.status_code
    assert set(got.values()) == {405}, {key: code for key, code in got.items() if code != 405}
    with app.app_context():
        assert snapshot() == baseline

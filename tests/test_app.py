"""The application factory, configuration, health check, headers, error pages."""

from __future__ import annotations

import re

import pytest

from academy import create_app
from academy.config import ConfigurationError
from academy.credentials import keys
from tests.i18n import translated


def test_config_comes_from_academy_environment_variables(tmp_path, monkeypatch):
    monkeypatch.setenv("ACADEMY_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("ACADEMY_SECRET_KEY", "k" * 40)
    monkeypatch.setenv("ACADEMY_DATABASE_URL", f"sqlite:///{tmp_path}/other.db")
    monkeypatch.setenv("ACADEMY_BASE_URL", "https://learn.example.org/")
    monkeypatch.setenv("ACADEMY_MAIL_SERVER", "smtp.example.org")
    app = create_app()
    assert app.config["SECRET_KEY"] == "k" * 40
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("/other.db")
    assert app.config["BASE_URL"] == "https://learn.example.org"
    assert app.config["MAIL_SERVER"] == "smtp.example.org"
    # Behind https the cookies are Secure.
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["REMEMBER_COOKIE_SECURE"] is True


@pytest.mark.parametrize("scheme", ["postgres", "postgresql"])
def test_postgresql_urls_use_psycopg_3(tmp_path, monkeypatch, scheme):
    monkeypatch.setenv("ACADEMY_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("ACADEMY_DATABASE_URL", f"{scheme}://u:p@db.internal/academy")
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u:p@db.internal/academy"


def test_database_defaults_to_instance_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("ACADEMY_INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("ACADEMY_DATABASE_URL", raising=False)
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'academy.db'}"


def test_development_keeps_one_generated_secret_key(tmp_path, monkeypatch):
    monkeypatch.setenv("ACADEMY_INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("ACADEMY_SECRET_KEY", raising=False)
    first = create_app().config["SECRET_KEY"]
    second = create_app().config["SECRET_KEY"]
    assert len(first) >= 32
    assert first == second == (tmp_path / "secret_key").read_text().strip()


@pytest.mark.parametrize("key", [None, "", "dev", "short-key"])
def test_production_refuses_to_start_without_a_real_secret_key(tmp_path, monkeypatch, key):
    monkeypatch.setenv("ACADEMY_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("ACADEMY_ENV", "production")
    if key is None:
        monkeypatch.delenv("ACADEMY_SECRET_KEY", raising=False)
    else:
        monkeypatch.setenv("ACADEMY_SECRET_KEY", key)
    with pytest.raises(ConfigurationError, match="secret key"):
        create_app()
    assert not (tmp_path / "secret_key").exists()


def test_production_turns_development_conveniences_off(tmp_path, monkeypatch):
    monkeypatch.setenv("ACADEMY_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("ACADEMY_ENV", "production")
    monkeypatch.setenv("ACADEMY_SECRET_KEY", "p" * 48)
    # Production also needs a credential signing key (academy.credentials).
    keys.generate(tmp_path / "keys")
    monkeypatch.setenv("ACADEMY_MAIL_PRINT_LINKS", "1")
    monkeypatch.setenv("ACADEMY_BASE_URL", "https://learn.example.org")
    app = create_app()
    assert app.config["DEBUG"] is False
    assert app.config["MAIL_PRINT_LINKS"] is False
    assert app.config["HSTS"] is True


@pytest.mark.database
def test_healthz_reports_the_database(client, database_backend):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_the_database_is_down(make_app, tmp_path):
    app = make_app()
    broken = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/missing/dir/x.db")
    assert app is not broken
    response = broken.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["database"] == "unavailable"


def test_every_page_sends_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_pages_contain_no_inline_script_or_style(client):
    # Scripts are same-origin files, never inline: focus-message.js on every page, and
    # time-zone.js on the registration form.
    for url, files in [
        ("/", ["focus-message"]),
        ("/auth/register", ["focus-message", "time-zone"]),
        ("/auth/sign-in", ["focus-message"]),
        ("/privacy", ["focus-message"]),
        ("/nowhere", ["focus-message"]),
    ]:
        html = client.get(url).get_data(as_text=True)
        scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
        assert [body for _attributes, body in scripts] == [""] * len(files)
        sources = [re.search(r'src="/static/js/([\w-]+)\.js\?v=\w+"', a) for a, _ in scripts]
        assert [match.group(1) if match else None for match in sources] == files
        assert html.count("<script") == len(files)
        assert "style=" not in html
        assert "<style" not in html


def test_unknown_page_is_a_friendly_404_in_the_visitors_language(client):
    response = client.get("/no/such/page?lang=fr")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert '<html lang="fr"' in html
    assert translated("Page not found", "fr") in html
    assert "Traceback" not in html


def test_server_error_is_a_friendly_page_without_a_stack_trace(make_app):
    app = make_app(PROPAGATE_EXCEPTIONS=False, TESTING=False)

    @app.route("/boom")
    def boom():
        raise RuntimeError("secret internals")

    response = app.test_client().get("/boom", headers={"Accept-Language": "es"})
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "secret internals" not in html
    assert "Traceback" not in html
    assert '<html lang="es"' in html


def test_method_not_allowed_page(client):
    response = client.get("/language")
    assert response.status_code == 405
    assert "<h1>" in response.get_data(as_text=True)


def test_static_files_get_versioned_urls_cached_for_a_year(client):
    html = client.get("/").get_data(as_text=True)
    start = html.index("/static/css/academy.css?v=")
    url = html[start : html.index('"', start)]
    response = client.get(url)
    assert response.status_code == 200
    assert response.cache_control.max_age == 365 * 24 * 3600
    assert response.cache_control.immutable
    response.close()

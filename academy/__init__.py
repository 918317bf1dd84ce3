"""SSE Academy: an e-learning platform for Social and Solidarity Economy courses."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask

from academy.config import PROJECT_ROOT


def create_app(config: dict | None = None) -> Flask:
    """Build the application; config overrides the environment (tests use it)."""
    instance_path = os.environ.get("ACADEMY_INSTANCE_PATH") or str(PROJECT_ROOT / "instance")
    app = Flask(__name__, instance_path=instance_path, instance_relative_config=True)

    from academy.config import check_production_secret, from_environment

    app.config.update(from_environment(Path(app.instance_path)))
    if config:
        app.config.update(config)
    if app.config["PRODUCTION"]:
        check_production_secret(app.config["SECRET_KEY"])
    from academy.credentials import startup

    startup.check(app.config)

    from academy import logs

    logs.init_app(app)
    _init_extensions(app)
    _register_blueprints(app)
    _register_hooks(app)
    from academy.after_response import AfterResponse
    from academy.request_ids import RequestIds

    # The request id and start time cover every layer, ProxyFix included; work
    # left for after the response takes its request's id along (after_response).
    app.wsgi_app = RequestIds(app.wsgi_app)
    app.wsgi_app = AfterResponse(app.wsgi_app)
    _register_commands(app)
    if app.config.get("BENCHMARK_ROUTES"):
        from academy.benchmarking import register_benchmark_routes

        register_benchmark_routes(app)
    return app


def _init_extensions(app: Flask) -> None:
    from academy import i18n
    from academy.database import engine_options, init_engine_events
    from academy.extensions import babel, csrf, db, limiter, login_manager, migrate

    options = engine_options(app.config["SQLALCHEMY_DATABASE_URI"])
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {
        **options,
        **app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {}),
    }
    db.init_app(app)
    with app.app_context():
        init_engine_events(db.engine)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True)
    babel.init_app(app, **i18n.babel_options())
    i18n.install_interface_domain(babel)
    i18n.install_message_translations()
    csrf.init_app(app)
    from academy.pagecache import csrf_token

    # Forms render their token through this, so cached pages can carry a
    # placeholder; Flask-WTF sets it both as a global and in a context processor.
    app.jinja_env.globals["csrf_token"] = csrf_token
    app.context_processor(lambda: {"csrf_token": csrf_token})
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")
    limiter.init_app(app)
    login_manager.init_app(app)

    from academy.auth.sessions import configure_login

    configure_login(login_manager)

    if app.config["PROXY_COUNT"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        count = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)


def _register_blueprints(app: Flask) -> None:
    """Register each feature's blueprint; importing a feature attaches its routes."""
    from academy import (
        account,
        admin,
        auth,
        certificates,
        courses,
        credentials,
        learning,
        main,
        quizzes,
        trainers,
    )

    features = (
        main,
        auth,
        account,
        courses,
        learning,
        quizzes,
        certificates,
        credentials,
        trainers,
        admin,
    )
    for feature in features:
        app.register_blueprint(feature.bp)


def _register_hooks(app: Flask) -> None:
    from academy import compression, i18n, metrics
    from academy.assets import cache_versioned_static, static_url
    from academy.cache_headers import forbid_storing_private_pages
    from academy.errors import register_error_handlers
    from academy.page_status import note_page_error, page_has_error
    from academy.security import set_security_headers

    app.context_processor(i18n.inject_i18n)
    app.add_template_filter(i18n.bdi, "bdi")
    app.jinja_env.globals["static_url"] = static_url
    app.jinja_env.globals["note_page_error"] = note_page_error
    app.jinja_env.globals["page_has_error"] = page_has_error
    # after_request hooks run last registered first: compression sees the final
    # headers and body; the next one sees the others' headers.
    compression.init_app(app)
    app.after_request(forbid_storing_private_pages)
    app.after_request(set_security_headers)
    app.after_request(cache_versioned_static)
    register_error_handlers(app)
    metrics.init_app(app)


def _register_commands(app: Flask) -> None:
    from flask_migrate.cli import db as db_group

    from academy.admin.seed_cli import dev_group
    from academy.auth.cli import users
    from academy.backups.cli import register as register_backups
    from academy.certificates.cli import certificates
    from academy.courses.cli import courses_group
    from academy.credentials.cli import keys_group
    from academy.package_check import check_course_package
    from academy.quizzes.cli import quizzes
    from academy.trainers.versions import publish_folder

    app.cli.add_command(users)
    # The full check (courses cannot import the certificate template's check),
    # and imports kept as versions the trainers' workspace can restore.
    app.cli.add_command(courses_group(check_course_package, publish_folder))
    app.cli.add_command(quizzes)
    app.cli.add_command(certificates)
    app.cli.add_command(keys_group, "keys")
    app.cli.add_command(dev_group(create_app))
    # Beside Flask-Migrate's upgrade/downgrade in `academy db`, where operators look.
    register_backups(db_group)

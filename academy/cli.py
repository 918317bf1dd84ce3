"""The `academy` command: Flask's CLI over create_app(), with the features' commands."""

from __future__ import annotations

from flask.cli import FlaskGroup


def _create_app():
    from academy import create_app

    return create_app()


def main() -> None:
    cli = FlaskGroup(create_app=_create_app, help="Manage an SSE Academy site.")
    cli.main(prog_name="academy")

"""The `academy` command: Flask's CLI over create_app(), with the features' commands."""

from __future__ import annotations

from flask.cli import FlaskGroup


def _create_app():
    from academy import create_app

    return create_app()


def command_group() -> FlaskGroup:
    from academy.credentials.cli import keys_group

    cli = FlaskGroup(create_app=_create_app, help="Manage an SSE Academy site.")
    # On the group itself, so it runs without the app: production refuses to
    # start without a signing key, and this is how the first one is made.
    cli.add_command(keys_group, "keys")
    return cli


def main() -> None:
    command_group().main(prog_name="academy")

"""`academy keys generate|rotate`: the credential signing keys, in their folder.

Plain Click commands that need no app, so a production server with no key
yet (which refuses to start) can make its first one. The folder is
ACADEMY_CREDENTIAL_KEYS_DIR, else the instance folder's keys/.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from flask import current_app, has_app_context
from flask_babel import gettext as _

from academy.credentials import keys


def keys_folder() -> Path:
    if has_app_context():
        return Path(current_app.config["CREDENTIAL_KEYS_DIR"])
    from academy.config import PROJECT_ROOT, keys_dir

    instance = os.environ.get("ACADEMY_INSTANCE_PATH") or str(PROJECT_ROOT / "instance")
    return Path(keys_dir(Path(instance)))


def _run(action) -> None:
    folder = keys_folder()
    try:
        kid = action(folder)
    except keys.KeyFolderError as error:
        if error.args[0] == keys.KEY_EXISTS:
            message = _(
                "there is already a signing key in %(folder)s; "
                "use `academy keys rotate` to replace it.",
                folder=folder,
            )
        else:
            message = _(
                "there is no signing key in %(folder)s to rotate; "
                "use `academy keys generate` first.",
                folder=folder,
            )
        click.echo(_("Error: %(message)s", message=message), err=True)
        sys.exit(1)
    click.echo(_("New signing key %(kid)s in %(folder)s.", kid=kid, folder=folder))


@click.group(help="Manage the keys that sign the certificates' credentials.")
def keys_group() -> None:
    pass


@keys_group.command("generate")
def generate() -> None:
    """Make the first signing key (refused if there is one: rotate it instead)."""
    _run(keys.generate)


@keys_group.command("rotate")
def rotate() -> None:
    """Sign new credentials with a new key; earlier ones keep verifying with the old public key."""
    _run(keys.rotate)

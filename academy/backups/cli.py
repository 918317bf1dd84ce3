"""`academy db backup PATH` and `academy db restore PATH`, beside Flask-Migrate's commands."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import gettext as _
from flask_babel import ngettext

from academy.backups import BackupError
from academy.backups.operations import restore_backup, take_backup
from academy.backups.schema import OLDER


def _fail(error: BackupError) -> None:
    click.echo(_("Error: %(message)s", message=error.args[0]), err=True)
    sys.exit(1)


def _keys_folder() -> Path:
    return Path(current_app.config["CREDENTIAL_KEYS_DIR"])


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--with-keys", is_flag=True, help="Put the signing keys' folder in the backup too.")
@click.option("--force", is_flag=True, help="Replace a file already at PATH.")
@with_appcontext
def backup_command(path: Path, with_keys: bool, force: bool) -> None:
    """Back up the database to PATH (a tar file, mode 600) while the site runs."""
    if path.exists() and not force:
        _fail(BackupError(_("%(path)s exists: add --force to replace it.", path=path)))
    try:
        manifest = take_backup(path, _keys_folder() if with_keys else None)
    except BackupError as error:
        _fail(error)
    rows = sum(manifest["row_counts"].values())
    click.echo(
        _(
            "Backup of the %(backend)s database (schema %(revision)s) written to %(path)s.",
            backend=manifest["backend"],
            revision=manifest["alembic_revision"],
            path=path,
        )
    )
    click.echo(ngettext("It holds %(num)d row.", "It holds %(num)d rows.", rows))
    if with_keys:
        reminder = _(
            "The signing keys are in this backup; the secret key (ACADEMY_SECRET_KEY or "
            "instance/secret_key) is not: keep a copy of it apart."
        )
    else:
        reminder = _(
            "The signing keys (%(folder)s) and the secret key (ACADEMY_SECRET_KEY or "
            "instance/secret_key) are not in this backup: back them up too.",
            folder=_keys_folder(),
        )
    click.echo(reminder)


@click.command("restore")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace a database that holds data.")
@with_appcontext
def restore_command(path: Path, force: bool) -> None:
    """Replace the database by the backup at PATH, once it is checked."""
    try:
        restored = restore_backup(path, force)
    except BackupError as error:
        _fail(error)
    manifest = restored.manifest
    rows = sum(manifest["row_counts"].values())
    click.echo(
        _(
            "Restored the backup of %(created_at)s (schema %(revision)s) from %(path)s.",
            created_at=manifest["created_at"],
            revision=manifest["alembic_revision"],
            path=path,
        )
    )
    click.echo(ngettext("It holds %(num)d row.", "It holds %(num)d rows.", rows))
    if restored.schema == OLDER:
        click.echo(_("Its schema is older than this code's: run `academy db upgrade` now."))
    if manifest["keys"]:
        click.echo(
            _(
                "It holds the signing keys too: if %(folder)s was lost, extract them with "
                "`tar -xf %(path)s keys`.",
                folder=_keys_folder(),
                path=path,
            )
        )
    else:
        click.echo(
            _(
                "The signing keys (%(folder)s) and the secret key are not in the backup: "
                "restore them from their own copies if they were lost.",
                folder=_keys_folder(),
            )
        )


def register(group: click.Group) -> None:
    group.add_command(backup_command)
    group.add_command(restore_command)

"""Take a backup of the app's database, or restore one into it, whichever the backend."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _

from academy.backups import BackupError, archive, postgres_backend, sqlite_backend
from academy.backups.schema import MISSING, NEWER, compare_revision
from academy.extensions import db


@dataclass(frozen=True)
class Restored:
    manifest: dict
    schema: str  # CURRENT or OLDER


def _backend() -> str:
    name = db.engine.dialect.name
    if name not in ("sqlite", "postgresql"):
        raise BackupError(_("Backups of a %(backend)s database are not supported.", backend=name))
    return name


def _url() -> str:
    return db.engine.url.render_as_string(hide_password=False)


def take_backup(path: Path, keys_folder: Path | None) -> dict:
    """Write the backup archive at path; its manifest."""
    backend = _backend()
    if keys_folder is not None and not keys_folder.is_dir():
        raise BackupError(_("There is no key folder at %(folder)s.", folder=keys_folder))
    path.parent.mkdir(parents=True, exist_ok=True)
    # The dump waits in a private folder beside the archive, on the same disk.
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=f".{path.name}.") as folder:
        dump = Path(folder) / "dump"
        if backend == "sqlite":
            facts = sqlite_backend.dump(_url(), dump)
        else:
            facts = postgres_backend.dump(db.engine, _url(), dump)
        manifest = {"backend": backend, "created_at": datetime.now(UTC).isoformat(), **facts}
        archive.write_archive(path, manifest, dump, keys_folder)
    return archive.read_manifest(path)


def _check_manifest(path: Path, manifest: dict, backend: str) -> str:
    if manifest.get("backend") != backend:
        raise BackupError(
            _(
                "%(path)s is a backup of a %(theirs)s database; this site runs on %(ours)s.",
                path=path,
                theirs=manifest.get("backend"),
                ours=backend,
            )
        )
    schema = compare_revision(manifest.get("alembic_revision"))
    if schema == NEWER:
        raise BackupError(
            _(
                "%(path)s holds schema %(revision)s, newer than this code knows: "
                "restore it with the SSE Academy version that made it.",
                path=path,
                revision=manifest["alembic_revision"],
            )
        )
    if schema == MISSING:
        raise BackupError(
            _("%(path)s holds a database without a schema revision (alembic_version).", path=path)
        )
    return schema


def _holds_data(backend: str) -> bool:
    if backend == "sqlite":
        counts = sqlite_backend.current_counts(_url())
    else:
        counts = postgres_backend.current_counts(db.engine)
    # A database just made by `academy db upgrade` holds its revision, nothing more.
    return any(count for table, count in counts.items() if table != "alembic_version")


def restore_backup(path: Path, force: bool) -> Restored:
    """Replace the database by the backup's, once every check has passed."""
    backend = _backend()
    manifest = archive.read_manifest(path)
    schema = _check_manifest(path, manifest, backend)
    # The app's own connections would hold locks the restore waits for.
    db.session.remove()
    if not force and _holds_data(backend):
        raise BackupError(
            _("The database holds data: add --force to replace it with the backup's.")
        )
    folder = (
        sqlite_backend.database_path(_url()).parent
        if backend == "sqlite"
        else Path(current_app.instance_path)
    )
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder, prefix=".restore-") as scratch:
        checked = Path(scratch) / "dump"
        archive.extract_dump(path, manifest, checked)
        if backend == "sqlite":
            _check_sqlite_copy(path, checked, manifest)
            db.engine.dispose()
            sqlite_backend.restore(_url(), checked)
        else:
            db.engine.dispose()
            postgres_backend.restore(db.engine, _url(), checked)
    db.engine.dispose()
    return Restored(manifest, schema)


def _check_sqlite_copy(path: Path, checked: Path, manifest: dict) -> None:
    revision, counts = sqlite_backend.check(checked)
    if revision != manifest["alembic_revision"] or counts != manifest["row_counts"]:
        raise BackupError(
            _("%(path)s does not hold what its manifest says: it was altered.", path=path)
        )

"""The backup archive: a tar file with manifest.json, the dump and maybe the key folder."""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import tarfile
from io import BytesIO
from pathlib import Path

from flask_babel import gettext as _

from academy.backups import BackupError

FORMAT = "sse-academy-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
KEYS = "keys"
PRIVATE_MODE = 0o600
_CHUNK = 1 << 20


def temporary_path(beside: Path, suffix: str) -> Path:
    """A fresh name in beside's folder, so a rename onto beside is atomic."""
    return beside.parent / f".{beside.name}.{secrets.token_hex(6)}{suffix}"


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _sync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_archive(path: Path, manifest: dict, dump: Path, keys_folder: Path | None) -> None:
    """Write the archive to a temporary name (mode 600 from the start), then rename it."""
    manifest = {**manifest, "format": FORMAT, "format_version": FORMAT_VERSION}
    manifest |= {"size": dump.stat().st_size, "sha256": file_digest(dump)}
    manifest["keys"] = keys_folder is not None
    partial = temporary_path(path, ".partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_MODE)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            with tarfile.open(fileobj=handle, mode="w", format=tarfile.PAX_FORMAT) as tar:
                data = json.dumps(manifest, indent=2, sort_keys=True).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mode = len(data), PRIVATE_MODE
                tar.addfile(info, BytesIO(data))
                tar.add(dump, arcname=manifest["dump"])
                if keys_folder is not None:
                    tar.add(keys_folder, arcname=KEYS)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
        _sync_folder(path.parent)
    finally:
        partial.unlink(missing_ok=True)


def _incomplete(path: Path) -> BackupError:
    return BackupError(
        _("%(path)s is not a complete SSE Academy backup (damaged or cut short).", path=path)
    )


def read_manifest(path: Path) -> dict:
    """The archive's manifest; BackupError if the file is missing or not a backup."""
    if not path.is_file():
        raise BackupError(_("There is no backup file at %(path)s.", path=path))
    try:
        with tarfile.open(path, mode="r:") as tar:
            member = tar.extractfile(MANIFEST)
            manifest = json.loads(member.read()) if member else None
    except (tarfile.TarError, KeyError, OSError, ValueError) as error:
        raise _incomplete(path) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _incomplete(path)
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            _("%(path)s was written by a newer SSE Academy: upgrade the code first.", path=path)
        )
    return manifest


def extract_dump(path: Path, manifest: dict, destination: Path) -> None:
    """Copy the dump out of the archive (mode 600) and check its size and SHA-256."""
    try:
        with tarfile.open(path, mode="r:") as tar:
            source = tar.extractfile(manifest["dump"])
            if source is None:
                raise _incomplete(path)
            descriptor = os.open(destination, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_MODE)
            with os.fdopen(descriptor, "wb") as target:
                shutil.copyfileobj(source, target, _CHUNK)
    except (tarfile.TarError, KeyError, OSError) as error:
        raise _incomplete(path) from error
    if (
        destination.stat().st_size != manifest["size"]
        or file_digest(destination) != manifest["sha256"]
    ):
        raise _incomplete(path)

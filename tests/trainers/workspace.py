"""Helpers for the workspace tests: versions stored the way an upload stores them."""

from __future__ import annotations

from pathlib import Path

from academy.extensions import db
from academy.trainers import drafts, versions


def stored_version(root: Path, uploader):
    """root checked and kept as a draft by uploader, as a passing upload is."""
    checked = drafts.check_folder(root)
    assert checked.ok, [str(p) for p in checked.problems.errors]
    version = versions.store_version(checked.built, versions.pack_folder(root), uploader)
    db.session.commit()
    return version


def published_version(root: Path, publisher):
    version = stored_version(root, publisher)
    versions.publish(version, drafts.checked_version(version).built, publisher)
    db.session.commit()
    return version

"""Uploaded course packages: the limits of their unpacking, from the app's settings.

The unpacking itself is pure (academy.packagefiles.archives); the settings
are read here, where the app is known, so the upload page and the command
line unpack with the same limits.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import current_app

from academy.packagefiles.archives import ArchiveLimits


def archive_limits(config: Mapping | None = None) -> ArchiveLimits:
    """The limits set by the PACKAGE_* settings (academy.config) of config or the app."""
    config = current_app.config if config is None else config
    return ArchiveLimits(
        max_archive_bytes=config["PACKAGE_UPLOAD_MAX_BYTES"],
        max_entries=config["PACKAGE_MAX_ENTRIES"],
        max_total_bytes=config["PACKAGE_MAX_BYTES"],
        max_file_bytes=config["PACKAGE_MAX_FILE_BYTES"],
        max_ratio=config["PACKAGE_MAX_RATIO"],
    )

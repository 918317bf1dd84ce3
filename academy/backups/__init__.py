"""Backups: `academy db backup|restore`, one archive holding a database dump and what it is.

The archive is a tar file (mode 600: it holds personal data) with
manifest.json (backend, schema revision, creation time, row counts per
table, the dump's size and SHA-256) and the dump: a SQLite file made with
SQLite's online backup API, or a pg_dump custom-format file. Optionally the
signing keys' folder. See docs/backups.md and docs/decisions.md.
"""

from __future__ import annotations


class BackupError(Exception):
    """Why a backup or restore was refused or failed, in the operator's language."""

"""Unpack an uploaded course package zip safely, into a folder the caller owns.

Each entry is judged by its name first (academy.packagefiles.archive_names)
and the sizes it declares (archive_limits), so most refusals happen before
anything is written; then bytes are counted while unpacking, since a crafted
zip can declare anything. Files are created one by one with O_EXCL and
O_NOFOLLOW below the destination and no link is ever created, so nothing can
be written outside it. On refusal, what was written is removed.
Pure: no Flask, no database (the `pure` contract in .importlinter).
"""

from __future__ import annotations

import os
import stat
import struct
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from academy.messages import gettext as _
from academy.packagefiles.archive_limits import (
    ArchiveLimits,
    check_declared_sizes,
    check_entry_count,
    check_file_size,
    check_total,
    damaged_archive_message,
    readable_upload,
    too_many_message,
)
from academy.packagefiles.archive_names import (
    FILE,
    FOLDER,
    SOURCE,
    ArchiveError,
    Entry,
    check_names,
    nested_archive_message,
    read_entry,
)
from academy.packagefiles.filetypes import source_file_message
from academy.packagefiles.problems import WARNING, Problem

__all__ = ["ArchiveError", "ArchiveLimits", "Extracted", "extract_package", "extracted_package"]

_CHUNK = 64 * 1024
_HEAD = 512  # enough for every signature below, tar's at 257 included

_ARCHIVE_SIGNATURES = (
    b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08",  # zip, and the formats built on it
    b"\x1f\x8b",  # gzip
    b"\xfd7zXZ\x00",  # xz
    b"7z\xbc\xaf\x27\x1c",  # 7-Zip
    b"Rar!\x1a\x07",  # RAR
    b"\x28\xb5\x2f\xfd",  # Zstandard
    b"MSCF\x00\x00\x00\x00",  # Microsoft cabinet
    b"LZIP\x01",
)  # fmt: skip


@dataclass
class Extracted:
    root: Path  # the package folder: the zip's single top folder, or the destination
    files: list[str] = field(default_factory=list)  # unpacked, relative to root
    notes: list[Problem] = field(default_factory=list)  # warnings: files left out, and why


def extract_package(
    data: bytes | BinaryIO, destination: Path, limits: ArchiveLimits | None = None
) -> Extracted:
    """Unpack a course package zip into destination, an existing empty folder.

    The caller owns destination (extracted_package makes a temporary one); on
    ArchiveError it is left as it was.
    """
    limits = limits or ArchiveLimits()
    source = readable_upload(data, limits)
    check_entry_count(source, limits)
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, struct.error) as error:
        raise ArchiveError(damaged_archive_message()) from error
    with archive:
        entries = _entries(archive, limits)
        root = _top_folder(entries)
        writer = _Writer(destination.resolve(strict=True), limits)
        try:
            for entry in entries:
                if entry.kind == FOLDER:
                    writer.folder(entry.parts, entry.path)
                elif entry.kind == FILE:
                    writer.file(archive, entry)
        except BaseException:
            writer.remove()
            raise
    return Extracted(
        root=writer.base.joinpath(*root),
        files=[_inside(entry, root) for entry in entries if entry.kind == FILE],
        notes=[
            Problem(_inside(entry, root), 1, WARNING, source_file_message(entry.suffix))
            for entry in entries
            if entry.kind == SOURCE
        ],
    )


@contextmanager
def extracted_package(
    data: bytes | BinaryIO, limits: ArchiveLimits | None = None
) -> Iterator[Extracted]:
    """Unpack into a temporary folder that is removed afterwards, whatever happens."""
    with tempfile.TemporaryDirectory(prefix="academy-package-") as folder:
        yield extract_package(data, Path(folder), limits)


def _entries(archive: zipfile.ZipFile, limits: ArchiveLimits) -> list[Entry]:
    infos = archive.infolist()
    if len(infos) > limits.max_entries:  # the end record lied about the count
        raise ArchiveError(too_many_message(len(infos), limits))
    entries = [read_entry(info) for info in infos]
    check_names(entries)
    if not any(entry.kind == FILE for entry in entries):
        raise ArchiveError(_("The zip archive holds no course files."))
    check_declared_sizes([entry for entry in entries if entry.kind == FILE], limits)
    return entries


def _top_folder(entries: list[Entry]) -> tuple[str, ...]:
    """The single folder everything is in, as zipping a folder from Explorer or Finder makes."""
    kept = [entry for entry in entries if entry.kind in (FILE, FOLDER, SOURCE)]
    tops = {entry.parts[0] for entry in kept}
    if len(tops) == 1 and all(len(e.parts) > 1 for e in kept if e.kind != FOLDER):
        return (tops.pop(),)
    return ()


def _inside(entry: Entry, root: tuple[str, ...]) -> str:
    return "/".join(entry.parts[len(root) :])


class _Writer:
    """Creates folders and files below base, counting what it unpacks; removes them on failure."""

    def __init__(self, base: Path, limits: ArchiveLimits):
        self.base = base
        self.limits = limits
        self.created: list[Path] = []
        self.total = 0
        self.packed = 0

    def folder(self, parts: tuple[str, ...], name: str) -> Path:
        path = self.base
        for part in parts:
            path = path / part
            try:
                os.mkdir(path, 0o755)
                self.created.append(path)
            except FileExistsError:
                if not stat.S_ISDIR(os.lstat(path).st_mode):  # never follow what is there
                    raise ArchiveError(_both_message(name)) from None
        return path

    def file(self, archive: zipfile.ZipFile, entry: Entry) -> None:
        target = self.folder(entry.parts[:-1], entry.path) / entry.parts[-1]
        if not target.parent.resolve().is_relative_to(self.base):
            raise ArchiveError(_unpack_message(entry, _("it would be outside the package folder")))
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        try:
            descriptor = os.open(target, flags | getattr(os, "O_BINARY", 0), 0o644)
        except FileExistsError:
            raise ArchiveError(_both_message(entry.path)) from None
        except OSError as error:
            raise ArchiveError(_unpack_message(entry, error.strerror or str(error))) from error
        self.created.append(target)
        with os.fdopen(descriptor, "wb") as out:
            self._copy(archive, entry, out)

    def _copy(self, archive: zipfile.ZipFile, entry: Entry, out: BinaryIO) -> None:
        written = 0
        self.packed += entry.info.compress_size
        try:
            with archive.open(entry.info) as member:
                chunk = member.read(_HEAD)
                if chunk.startswith(_ARCHIVE_SIGNATURES) or chunk[257:262] == b"ustar":
                    raise ArchiveError(nested_archive_message(entry.path))
                while chunk:
                    written += len(chunk)
                    self.total += len(chunk)
                    check_file_size(entry, written, self.limits)
                    check_total(self.total, self.packed, self.limits)
                    out.write(chunk)
                    chunk = member.read(_CHUNK)
        except (zipfile.BadZipFile, zlib.error, EOFError) as error:
            message = _(
                "'%(name)s' is damaged and cannot be unpacked; zip the course folder again.",
                name=entry.path,
            )
            raise ArchiveError(message) from error
        except NotImplementedError as error:  # deflate64, PPMd...: zipfile cannot read them
            message = _(
                "'%(name)s' uses a compression method that cannot be read; zip it again "
                "with the usual method (deflate).",
                name=entry.path,
            )
            raise ArchiveError(message) from error
        except OSError as error:
            raise ArchiveError(_unpack_message(entry, error.strerror or str(error))) from error

    def remove(self) -> None:
        for path in reversed(self.created):
            with suppress(OSError):
                if path.is_dir() and not path.is_symlink():
                    path.rmdir()
                else:
                    path.unlink()


def _both_message(name: str) -> str:
    return _("'%(name)s' is both a file and a folder.", name=name)


def _unpack_message(entry: Entry, reason: str) -> str:
    return _("'%(name)s' could not be unpacked: %(reason)s", name=entry.path, reason=reason)

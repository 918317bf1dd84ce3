"""Unpack an uploaded course package zip safely, into a folder the caller owns.

Limits are checked twice: on the sizes the zip declares, before anything is
written, and on the bytes actually unpacked, counted while streaming, since
a crafted zip can declare anything. Files are created one by one with
O_EXCL and O_NOFOLLOW below the destination; no link is ever created, so
nothing can be written outside it. On refusal, what was written is removed.
Pure: no Flask, no database (the `pure` contract in .importlinter).
"""

from __future__ import annotations

import io
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
from academy.messages import ngettext
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

MB = 1024 * 1024
# Small files may compress far more than max_ratio (a YAML file of spaces)
# and cost nothing; the ratio is a bomb's mark only past this size.
RATIO_APPLIES_FROM = 1 * MB
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

_END = struct.Struct("<4s4H2LH")  # end of central directory record
_END_SIGNATURE = b"PK\x05\x06"
_ZIP64_LOCATOR = struct.Struct("<4sLQL")
_ZIP64_END = struct.Struct("<4sQ2H2L4Q")
_SMALLEST_DIRECTORY_ENTRY = 46
_LARGEST_LIKELY_DIRECTORY_ENTRY = 1024  # 46 bytes and a long path; more is crafted


@dataclass(frozen=True)
class ArchiveLimits:
    max_archive_bytes: int = 50 * MB  # the zip itself
    max_entries: int = 2000  # files and folders, skipped ones included
    max_total_bytes: int = 100 * MB  # everything unpacked
    max_file_bytes: int = 20 * MB  # one unpacked file (the checker allows 5 MB per asset)
    max_ratio: int = 100  # unpacked size / packed size, per file and overall


@dataclass
class Extracted:
    root: Path  # the package folder: the zip's single top folder, or the destination
    files: list[str] = field(default_factory=list)  # unpacked, relative to root
    notes: list[Problem] = field(default_factory=list)  # warnings: files left out, and why


def extract_package(
    data: bytes | BinaryIO, destination: Path, limits: ArchiveLimits | None = None
) -> Extracted:
    """Unpack a course package zip into destination, an existing folder; raise ArchiveError."""
    limits = limits or ArchiveLimits()
    source = _sized(data, limits)
    _check_directory(source, limits)
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, struct.error) as error:
        raise ArchiveError(_damaged_archive_message()) from error
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


def _sized(data: bytes | BinaryIO, limits: ArchiveLimits) -> BinaryIO:
    """A seekable source, refused when it is larger than an upload may be."""
    if isinstance(data, bytes | bytearray | memoryview):
        source: BinaryIO = io.BytesIO(data)
    elif data.seekable():
        source = data
    else:
        source = io.BytesIO(data.read(limits.max_archive_bytes + 1))
    size = source.seek(0, io.SEEK_END)
    source.seek(0)
    if size > limits.max_archive_bytes:
        message = _(
            "The file is %(size_mb)s MB; an uploaded package may be at most %(limit_mb)s MB.",
            size_mb=f"{size / MB:.1f}",
            limit_mb=f"{limits.max_archive_bytes / MB:g}",
        )
        raise ArchiveError(message)
    return source


def _check_directory(source: BinaryIO, limits: ArchiveLimits) -> None:
    """Count entries from the zip's last record, before zipfile reads the list of them.

    zipfile builds an object per entry on opening: a 50 MB upload could hold
    a million, so the count is refused before they are built.
    """
    count, directory_size = _declared_directory(source)
    if count > limits.max_entries:
        raise ArchiveError(_too_many_message(count, limits))
    if directory_size > max(count, 1) * _LARGEST_LIKELY_DIRECTORY_ENTRY or (
        directory_size < count * _SMALLEST_DIRECTORY_ENTRY
    ):
        raise ArchiveError(_damaged_archive_message())


def _declared_directory(source: BinaryIO) -> tuple[int, int]:
    """The number of entries and the size of their list, as the zip's end records say."""
    size = source.seek(0, io.SEEK_END)
    start = max(0, size - _END.size - 0xFFFF)  # the record, then a comment of up to 64 KB
    source.seek(start)
    tail = source.read()
    at = tail.rfind(_END_SIGNATURE)
    if at < 0 or len(tail) - at < _END.size:
        message = _("The file is not a zip archive: zip the course folder and upload that file.")
        raise ArchiveError(message)
    fields = _END.unpack_from(tail, at)
    count, directory_size = fields[4], fields[5]
    if count == 0xFFFF or directory_size == 0xFFFFFFFF:  # the real values are in zip64 records
        try:
            if at < _ZIP64_LOCATOR.size:
                raise ValueError("no zip64 locator")
            _sig, _disk, offset, _disks = _ZIP64_LOCATOR.unpack_from(tail, at - _ZIP64_LOCATOR.size)
            source.seek(offset)
            fields = _ZIP64_END.unpack(source.read(_ZIP64_END.size))
        except (ValueError, OSError, struct.error) as error:
            raise ArchiveError(_damaged_archive_message()) from error
        count, directory_size = fields[7], fields[8]
    source.seek(0)
    return count, directory_size


def _entries(archive: zipfile.ZipFile, limits: ArchiveLimits) -> list[Entry]:
    infos = archive.infolist()
    if len(infos) > limits.max_entries:  # the end record lied about the count
        raise ArchiveError(_too_many_message(len(infos), limits))
    entries = [read_entry(info) for info in infos]
    check_names(entries)
    if not any(entry.kind == FILE for entry in entries):
        raise ArchiveError(_("The zip archive holds no course files."))
    _check_declared_sizes([entry for entry in entries if entry.kind == FILE], limits)
    return entries


def _check_declared_sizes(files: list[Entry], limits: ArchiveLimits) -> None:
    """Refuse on the sizes the zip declares, before unpacking anything."""
    total = packed = 0
    for entry in files:
        info = entry.info
        _check_file_size(entry, info.file_size, limits)
        total += info.file_size
        packed += info.compress_size
        _check_total(total, packed, limits)


def _check_file_size(entry: Entry, size: int, limits: ArchiveLimits) -> None:
    if size > limits.max_file_bytes:
        message = _(
            "'%(name)s' is larger than %(limit_mb)s MB once unpacked.",
            name=entry.path,
            limit_mb=f"{limits.max_file_bytes / MB:g}",
        )
        raise ArchiveError(message)
    if size > RATIO_APPLIES_FROM and size > limits.max_ratio * max(entry.info.compress_size, 1):
        message = _(
            "'%(name)s' is compressed more than %(ratio)s times, as only crafted archives are.",
            name=entry.path,
            ratio=limits.max_ratio,
        )
        raise ArchiveError(message)


def _check_total(total: int, packed: int, limits: ArchiveLimits) -> None:
    if total > limits.max_total_bytes:
        message = _(
            "The archive unpacks to more than %(limit_mb)s MB, the most a package may hold.",
            limit_mb=f"{limits.max_total_bytes / MB:g}",
        )
        raise ArchiveError(message)
    if total > RATIO_APPLIES_FROM and total > limits.max_ratio * max(packed, 1):
        message = _(
            "The archive is compressed more than %(ratio)s times, as only crafted archives are.",
            ratio=limits.max_ratio,
        )
        raise ArchiveError(message)


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
                    _check_file_size(entry, written, self.limits)
                    _check_total(self.total, self.packed, self.limits)
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


def _too_many_message(count: int, limits: ArchiveLimits) -> str:
    return ngettext(
        "The archive has %(num)s entry; a package may have at most %(limit)s.",
        "The archive has %(num)s entries; a package may have at most %(limit)s.",
        count,
        limit=limits.max_entries,
    )


def _damaged_archive_message() -> str:
    return _("The zip archive is damaged and cannot be read; zip the course folder again.")


def _both_message(name: str) -> str:
    return _("'%(name)s' is both a file and a folder.", name=name)


def _unpack_message(entry: Entry, reason: str) -> str:
    return _("'%(name)s' could not be unpacked: %(reason)s", name=entry.path, reason=reason)

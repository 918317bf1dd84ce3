"""The limits an uploaded package zip is held to, on what it declares and what it unpacks.

A crafted zip can declare anything: the sizes it declares are checked before
anything is unpacked (cheap, and the usual refusal), and the bytes unpacked
are counted against the same limits while streaming (academy.packagefiles.
archives), so a lie stops there. The number of entries is read from the
zip's last record, before zipfile builds an object for each of them. Pure.
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass
from typing import BinaryIO

from academy.messages import gettext as _
from academy.messages import ngettext
from academy.packagefiles.archive_names import ArchiveError, Entry

MB = 1024 * 1024
# Small files may compress far more than max_ratio (a YAML file of spaces)
# and cost nothing; the ratio is a bomb's mark only past this size.
RATIO_APPLIES_FROM = 1 * MB

_END = struct.Struct("<4s4H2LH")  # end of central directory record
_END_SIGNATURE = b"PK\x05\x06"
_ZIP64_LOCATOR = struct.Struct("<4sLQL")
_ZIP64_END = struct.Struct("<4sQ2H2L4Q")
_SMALLEST_DIRECTORY_ENTRY = 46
# 46 bytes, a long name and a copy of it in UTF-8, on average: a list of
# entries longer than that per declared entry hides more entries than declared.
_LARGEST_LIKELY_DIRECTORY_ENTRY = 2048


@dataclass(frozen=True)
class ArchiveLimits:
    max_archive_bytes: int = 50 * MB  # the zip itself
    max_entries: int = 2000  # files and folders, skipped ones included
    max_total_bytes: int = 100 * MB  # everything unpacked
    max_file_bytes: int = 20 * MB  # one unpacked file (the checker allows 5 MB per asset)
    max_ratio: int = 100  # unpacked size / packed size, per file and overall


def readable_upload(data: bytes | BinaryIO, limits: ArchiveLimits) -> BinaryIO:
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
        # A stream is read only to just past the limit: its size is unknown.
        message = _(
            "The file is larger than %(limit_mb)s MB, the most an uploaded package may be.",
            limit_mb=f"{limits.max_archive_bytes / MB:g}",
        )
        raise ArchiveError(message)
    return source


def check_entry_count(source: BinaryIO, limits: ArchiveLimits) -> None:
    """Count entries from the zip's last record, before zipfile reads the list of them.

    zipfile builds an object per entry on opening: a 50 MB upload could hold
    a million, so the count is refused before they are built.
    """
    count, directory_size = _declared_directory(source)
    if count > limits.max_entries:
        raise ArchiveError(too_many_message(count, limits))
    if directory_size > max(count, 1) * _LARGEST_LIKELY_DIRECTORY_ENTRY or (
        directory_size < count * _SMALLEST_DIRECTORY_ENTRY
    ):
        raise ArchiveError(damaged_archive_message())


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
            raise ArchiveError(damaged_archive_message()) from error
        count, directory_size = fields[7], fields[8]
    source.seek(0)
    return count, directory_size


def check_declared_sizes(files: list[Entry], limits: ArchiveLimits) -> None:
    """Refuse on the sizes the zip declares, before unpacking anything."""
    total = packed = 0
    for entry in files:
        info = entry.info
        check_file_size(entry, info.file_size, limits)
        total += info.file_size
        packed += info.compress_size
        check_total(total, packed, limits)


def check_file_size(entry: Entry, size: int, limits: ArchiveLimits) -> None:
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


def check_total(total: int, packed: int, limits: ArchiveLimits) -> None:
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


def too_many_message(count: int, limits: ArchiveLimits) -> str:
    return ngettext(
        "The archive has %(num)s entry; a package may have at most %(limit)s.",
        "The archive has %(num)s entries; a package may have at most %(limit)s.",
        count,
        limit=limits.max_entries,
    )


def damaged_archive_message() -> str:
    return _("The zip archive is damaged and cannot be read; zip the course folder again.")

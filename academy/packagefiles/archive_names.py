"""The entries of an uploaded zip: names decoded as their tool meant them, then judged.

Each entry becomes a file to unpack, a folder, a file left out with a note,
or something skipped without a word (what Finder and Explorer add); an entry
that could reach outside the package, or that no package holds, refuses the
whole archive with a message naming it. Pure: no Flask, no database.
"""

from __future__ import annotations

import re
import stat
import struct
import unicodedata
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath
from zipfile import ZipInfo

from academy.messages import gettext as _
from academy.packagefiles.filetypes import (
    FILE_MANAGER_FILES,
    IGNORED_NAMES,
    PACKAGE_SUFFIXES,
    is_source_file,
)

UTF8_FLAG = 0x800  # general purpose bit 11: the name is UTF-8
ENCRYPTED_FLAG = 0x1
UNICODE_PATH_EXTRA = 0x7075  # Info-ZIP's UTF-8 copy of a name written in a code page
MSDOS_FOLDER = 0x10
MAX_NAME_BYTES = 255  # of one file or folder name, on every common file system

# Archives inside the archive, by name; archives.py also knows them by content.
ARCHIVE_SUFFIXES = frozenset({
    ".7z", ".apk", ".bz2", ".cab", ".gz", ".iso", ".jar", ".lz", ".lzma", ".rar", ".tar",
    ".tbz2", ".tgz", ".txz", ".war", ".xz", ".z", ".zip", ".zst",
})  # fmt: skip

FILE, FOLDER, SOURCE, SKIPPED = "file", "folder", "source", "skipped"

_DRIVE = re.compile(r"^[A-Za-z]:")
_FILE_MANAGER = {name.casefold() for name in FILE_MANAGER_FILES}
_MACOS_FORKS = "__MACOSX"  # resource forks Archive Utility stores beside each file


class ArchiveError(Exception):
    """The upload is refused; message says why, in the user's language, naming the entry."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Entry:
    info: ZipInfo
    parts: tuple[str, ...]  # the path inside the archive, decoded, NFC, one part each
    kind: str  # FILE, FOLDER, SOURCE (left out with a note) or SKIPPED (silently)

    @property
    def path(self) -> str:
        return "/".join(self.parts)

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.parts[-1]).suffix.lower()


def read_entry(info: ZipInfo) -> Entry:
    """Decode and judge one entry; raise ArchiveError when it refuses the archive."""
    written = decoded_name(info)
    name = written.replace("\\", "/")  # Windows tools that write their own separator
    if any(ord(c) < 32 or ord(c) == 127 for c in name):
        shown = written.encode("unicode_escape").decode("ascii")
        raise ArchiveError(_("'%(name)s' is not a valid file name.", name=shown))
    if name.startswith("/") or _DRIVE.match(name):
        message = _(
            "'%(name)s' is an absolute path; every name must be inside the package folder.",
            name=written,
        )
        raise ArchiveError(message)
    parts = tuple(part for part in name.split("/") if part not in ("", "."))
    if any(len(part.encode()) > MAX_NAME_BYTES for part in parts):
        message = _(
            "'%(name)s' has a name longer than %(limit)s bytes; shorten it.",
            name=written,
            limit=MAX_NAME_BYTES,
        )
        raise ArchiveError(message)
    if ".." in parts:
        # TRANSLATORS: '..' is the name of the parent folder; keep it as it is.
        message = _(
            "'%(name)s' goes up a folder with '..'; every name must be inside the package folder.",
            name=written,
        )
        raise ArchiveError(message)
    _refuse_links(info, written)
    folder = name.endswith("/") or (info.external_attr & MSDOS_FOLDER and info.file_size == 0)
    if not parts or _skipped(parts):
        return Entry(info, parts, SKIPPED)
    if folder:
        return Entry(info, parts, FOLDER)
    return Entry(info, parts, _file_kind(info, parts, written))


def decoded_name(info: ZipInfo) -> str:
    """The name as the tool that wrote it meant it, NFC-normalised.

    Without the UTF-8 flag the zip specification says cp437, and Windows
    Explorer writes that; macOS Archive Utility and 7-Zip write UTF-8 without
    the flag, and a cp437 name almost never happens to be valid UTF-8, so
    UTF-8 is tried first. macOS writes decomposed (NFD) names: "é" as "e"
    and an accent, which would not match the "é" typed in a lesson's link.
    """
    name = info.orig_filename
    if not info.flag_bits & UTF8_FLAG:
        raw = name.encode("cp437")  # zipfile decoded it as cp437: get the bytes back
        name = _unicode_path(info.extra, raw) or _utf8_or_none(raw) or name
    return unicodedata.normalize("NFC", name)


def _utf8_or_none(raw: bytes) -> str | None:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _unicode_path(extra: bytes, raw: bytes) -> str | None:
    """The UTF-8 name some Windows tools add, if it belongs to this name."""
    at = 0
    while at + 4 <= len(extra):
        kind, size = struct.unpack_from("<HH", extra, at)
        body = extra[at + 4 : at + 4 + size]
        at += 4 + size
        # The copy holds the CRC of the name it translates: a tool that renamed
        # the entry without updating the copy left a stale one.
        if (
            kind == UNICODE_PATH_EXTRA
            and len(body) > 5
            and body[0] == 1
            and struct.unpack_from("<L", body, 1)[0] == zlib.crc32(raw)
        ):
            return _utf8_or_none(body[5:])
    return None


def _refuse_links(info: ZipInfo, name: str) -> None:
    """Refuse symbolic links and devices: Unix tools keep the file's mode in the high bits."""
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        message = _("'%(name)s' is a symbolic link; a package may not hold links.", name=name)
        raise ArchiveError(message)
    if stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):
        raise ArchiveError(_("'%(name)s' is not a file or a folder.", name=name))


def _skipped(parts: tuple[str, ...]) -> bool:
    """What Finder and Explorer add, and hidden files, which the checker passes over too."""
    return (
        parts[0] == _MACOS_FORKS
        or parts[-1].casefold() in _FILE_MANAGER
        or any(part.startswith(".") for part in parts)  # ._name forks, .git, .DS_Store
    )


def _file_kind(info: ZipInfo, parts: tuple[str, ...], name: str) -> str:
    suffix = PurePosixPath(parts[-1]).suffix.lower()
    if suffix in ARCHIVE_SUFFIXES:
        raise ArchiveError(nested_archive_message(name))
    if is_source_file(suffix):
        return SOURCE
    if suffix not in PACKAGE_SUFFIXES and parts[-1] not in IGNORED_NAMES:
        message = _(
            "'%(name)s': files of this type cannot be part of a course package "
            "(allowed: %(extensions)s).",
            name=name,
            extensions=" ".join(sorted(PACKAGE_SUFFIXES)),
        )
        raise ArchiveError(message)
    if info.flag_bits & ENCRYPTED_FLAG:
        message = _("'%(name)s' is encrypted; zip the files again without a password.", name=name)
        raise ArchiveError(message)
    return FILE


def nested_archive_message(name: str) -> str:
    return _(
        "'%(name)s' is an archive inside the archive; put its files in the package instead.",
        name=name,
    )


def check_names(entries: list[Entry]) -> None:
    """Refuse two entries a Windows or macOS disk would take for one, or a file that is a folder.

    Paths are compared case-folded: on a case-insensitive disk "Intro.md" and
    "intro.md" are one file, and which one the trainer sees is luck.
    """
    spellings: dict[str, str] = {}
    files: set[str] = set()
    folders: set[str] = set()
    for entry in entries:
        if entry.kind == SKIPPED:
            continue
        for depth in range(1, len(entry.parts) + 1):
            path = "/".join(entry.parts[:depth])
            key = path.casefold()
            known = spellings.setdefault(key, path)
            if known != path:
                message = _(
                    "'%(name)s' and '%(other)s' differ only in case; rename one of them.",
                    name=path,
                    other=known,
                )
                raise ArchiveError(message)
            is_file = entry.kind != FOLDER and depth == len(entry.parts)
            if is_file and key in files:
                raise ArchiveError(_("'%(name)s' appears twice in the archive.", name=path))
            (files if is_file else folders).add(key)
            if key in files and key in folders:
                raise ArchiveError(_("'%(name)s' is both a file and a folder.", name=path))

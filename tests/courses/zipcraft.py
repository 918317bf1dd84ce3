"""Write zip files byte by byte, as other tools (and attackers) write them.

zipfile cleans what it writes: it sets the UTF-8 flag on any non-ASCII name,
warns on duplicates, and always tells the truth about sizes. These tests need
what Windows Explorer, macOS Archive Utility and crafted archives write
instead: names in code pages or NFD without the flag, backslashes, Unix mode
bits (symbolic links), lying sizes, unknown compression methods.
"""

from __future__ import annotations

import stat
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

UTF8 = 0x800
ENCRYPTED = 0x1
STORED, DEFLATED, DEFLATE64 = 0, 8, 9
DOS_FILE, DOS_FOLDER = 0x20, 0x10  # the archive and directory attributes Windows sets
FILE_MODE, FOLDER_MODE = stat.S_IFREG | 0o644, stat.S_IFDIR | 0o755

_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_DOS_DATE = (2026 - 1980) << 9 | 12 << 5 | 7


@dataclass
class Member:
    name: str | bytes  # str is written as UTF-8; the flag is only set when flags says so
    data: bytes = b""
    flags: int = 0
    method: int = DEFLATED
    mode: int | None = None  # Unix mode: written in the high bits, "made on Unix"
    dos_attributes: int = 0  # "made on MS-DOS/Windows" when mode is None
    declared_size: int | None = None  # the size the headers claim; the real one by default
    extra: bytes = b""


def build_zip(members: list[Member], declared_count: int | None = None) -> bytes:
    """The zip file of members, in order; declared_count overrides the end record's count."""
    body = bytearray()
    directory = bytearray()
    for member in members:
        name = member.name.encode() if isinstance(member.name, str) else member.name
        data = member.data
        packed = _deflate(data) if member.method == DEFLATED else data
        crc = zlib.crc32(data)
        size = len(data) if member.declared_size is None else member.declared_size
        offset = len(body)
        body += _LOCAL.pack(
            b"PK\x03\x04", 20, 0, member.flags, member.method, 0, _DOS_DATE,
            crc, len(packed), size, len(name), len(member.extra),
        )  # fmt: skip
        body += name + member.extra + packed
        unix = member.mode is not None
        attributes = (member.mode << 16) if unix else member.dos_attributes
        directory += _CENTRAL.pack(
            b"PK\x01\x02", 20, 3 if unix else 0, 20, 0, member.flags, member.method, 0,
            _DOS_DATE, crc, len(packed), size, len(name), len(member.extra), 0, 0, 0,
            attributes, offset,
        )  # fmt: skip
        directory += name + member.extra
    count = len(members) if declared_count is None else declared_count
    end = _END.pack(b"PK\x05\x06", 0, 0, count, count, len(directory), len(body), 0)
    return bytes(body + directory + end)


def unicode_path_extra(original_name: bytes, utf8_name: str) -> bytes:
    """Info-ZIP's Unicode Path field (0x7075), which 7-Zip and WinZip add to code page names."""
    body = b"\x01" + struct.pack("<L", zlib.crc32(original_name)) + utf8_name.encode()
    return struct.pack("<HH", 0x7075, len(body)) + body


def _deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def folder_members(folder: Path, top: str = "", separator: str = "/", **options) -> list[Member]:
    """Every folder and file of folder, under top, as a file manager zips them.

    options are Member fields for the files; folders get the matching attributes
    (Unix mode when the files have one, the MS-DOS folder attribute otherwise).
    """
    unix = "mode" in options
    folder_options = {"mode": FOLDER_MODE} if unix else {"dos_attributes": DOS_FOLDER}
    paths = [folder] if top else []
    members = []
    for path in paths + sorted(folder.rglob("*")):
        name = separator.join(filter(None, [top, *path.relative_to(folder).parts]))
        if path.is_dir():
            members.append(Member(name + separator, method=STORED, **folder_options))
        else:
            members.append(Member(name, path.read_bytes(), **options))
    return members

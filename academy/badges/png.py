"""Baking a credential into a PNG image and reading it back (Open Badges 3.0, § PNG).

The credential goes into one uncompressed iTXt chunk with the keyword
"openbadgecredential". The image is handled as its chunks, never decoded and
re-encoded: every other chunk (pixels, colour profile, another tool's text)
keeps its exact bytes, and a chunk we bake replaces any earlier one.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator

from academy.badges.carried import MAX_CREDENTIAL_BYTES, MAX_PNG_BYTES, BakingError, credential_kind
from academy.messages import gettext as _

SIGNATURE = b"\x89PNG\r\n\x1a\n"
KEYWORD = b"openbadgecredential"
MAX_CHUNK = 2**31 - 1  # the PNG specification's limit on a chunk's length


def bake_png(png: bytes, credential: str) -> bytes:
    """Return png carrying credential, in place of any credential it carried."""
    credential_kind(credential)
    chunks = [chunk for chunk in _chunks(png) if not _is_credential(chunk)]
    # Compression flag 0 and method 0, empty language tag and translated keyword.
    data = KEYWORD + b"\x00\x00\x00\x00\x00" + credential.encode("utf-8")
    # Just before the pixels, so a reader that stops at the first credential
    # chunk (as the specification allows) reads little.
    at = next(i for i, (kind, _data) in enumerate(chunks) if kind == b"IDAT")
    chunks.insert(at, (b"iTXt", data))
    return SIGNATURE + b"".join(_chunk_bytes(kind, body) for kind, body in chunks)


def extract_png(png: bytes) -> str | None:
    """The credential png carries (its first openbadgecredential chunk), or None."""
    for chunk in _chunks(png):
        if _is_credential(chunk):
            return _itxt_text(chunk[1])
    return None


def _chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    """The image's chunks (kind, data) up to IEND; BakingError if it is not a sound PNG."""
    if not isinstance(png, bytes | bytearray) or not png.startswith(SIGNATURE):
        raise BakingError(_("The file is not a PNG image."))
    if len(png) > MAX_PNG_BYTES:
        raise BakingError(
            _("The image is larger than %(size)s MB.", size=MAX_PNG_BYTES // (1024 * 1024))
        )
    chunks = list(_read(bytes(png)))
    kinds = [kind for kind, _data in chunks]
    if kinds[0] != b"IHDR" or kinds[-1] != b"IEND" or b"IDAT" not in kinds:
        raise BakingError(_("The PNG image is damaged."))
    return chunks


def _read(png: bytes) -> Iterator[tuple[bytes, bytes]]:
    at = len(SIGNATURE)
    while True:
        if at + 12 > len(png):
            raise BakingError(_("The PNG image is damaged."))
        length, kind = struct.unpack(">I4s", png[at : at + 8])
        end = at + 8 + length
        if length > MAX_CHUNK or end + 4 > len(png) or not kind.isalpha():
            raise BakingError(_("The PNG image is damaged."))
        data = png[at + 8 : end]
        (crc,) = struct.unpack(">I", png[end : end + 4])
        if zlib.crc32(kind + data) != crc:
            raise BakingError(_("The PNG image is damaged."))
        yield kind, data
        if kind == b"IEND":
            return  # anything after IEND is not part of the image
        at = end + 4


def _is_credential(chunk: tuple[bytes, bytes]) -> bool:
    kind, data = chunk
    return kind == b"iTXt" and data.startswith(KEYWORD + b"\x00")


def _itxt_text(data: bytes) -> str:
    """An iTXt chunk's text: after the keyword, two flags, language tag, translated keyword."""
    rest = data[len(KEYWORD) + 1 :]
    if len(rest) < 2:
        raise BakingError(_("The badge's credential chunk is damaged."))
    compressed, _method, rest = rest[0], rest[1], rest[2:]
    parts = rest.split(b"\x00", 2)
    if len(parts) != 3:
        raise BakingError(_("The badge's credential chunk is damaged."))
    text = parts[2]
    if compressed:
        # The specification forbids compression; a badge baked by a tool that
        # compressed anyway is still read, never inflated past the credential limit.
        inflater = zlib.decompressobj()
        try:
            text = inflater.decompress(text, MAX_CREDENTIAL_BYTES + 1)
        except zlib.error:
            raise BakingError(_("The badge's credential chunk is damaged.")) from None
    if len(text) > MAX_CREDENTIAL_BYTES:
        raise BakingError(
            _("The credential is larger than %(size)s KB.", size=MAX_CREDENTIAL_BYTES // 1024)
        )
    try:
        return text.decode("utf-8")
    except UnicodeDecodeError:
        raise BakingError(_("The badge's credential chunk is damaged.")) from None


def _chunk_bytes(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

"""Baking a credential into PNG: exact round trips, one chunk, other tools' chunks kept."""

from __future__ import annotations

import io
import struct
import zlib

import png as pypng
import pytest
from openbadgeslib import baking as openbadgeslib_baking
from PIL import Image, PngImagePlugin

from academy.badges.carried import MAX_CREDENTIAL_BYTES, MAX_PNG_BYTES, BakingError
from academy.badges.png import KEYWORD, SIGNATURE, _read, bake_png, extract_png
from tests.badges.helpers import JSON_CREDENTIAL, JWT


def pillow_png(**itxt) -> bytes:
    """A PNG as Pillow writes it, with another tool's text chunks."""
    info = PngImagePlugin.PngInfo()
    info.add_text("Software", "Pillow, standing in for another tool")
    info.add_itxt("Comment", "Économie sociale — الاقتصاد", lang="fr")
    for keyword, text in itxt.items():
        info.add_itxt(keyword, text)
    image = Image.new("P", (48, 32), 3)
    image.putpalette([0, 0, 0, 255, 255, 255, 0, 128, 128, 200, 30, 30] * 64)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def pypng_png() -> bytes:
    """A PNG as pypng writes it: greyscale with alpha, gamma, in small IDAT chunks."""
    rows = [[value for x in range(40) for value in ((x * 7 + y) % 256, 255)] for y in range(20)]
    buffer = io.BytesIO()
    writer = pypng.Writer(40, 20, greyscale=True, alpha=True, gamma=0.45455, chunk_limit=64)
    writer.write(buffer, rows)
    return buffer.getvalue()


def chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    return list(_read(data))


def pixels(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        return image.convert("RGBA").tobytes()


@pytest.mark.parametrize("credential", [JWT, JSON_CREDENTIAL])
def test_a_baked_credential_comes_back_exactly(credential):
    baked = bake_png(pillow_png(), credential)

    assert extract_png(baked) == credential


@pytest.mark.parametrize("original", [pillow_png(), pypng_png()], ids=["pillow", "pypng"])
def test_every_other_chunk_keeps_its_bytes_and_the_image_still_opens(original):
    baked = bake_png(original, JWT)

    credential_chunk = (b"iTXt", KEYWORD + b"\x00\x00\x00\x00\x00" + JWT.encode())
    assert [c for c in chunks(baked) if c != credential_chunk] == chunks(original)
    assert pixels(baked) == pixels(original)


def test_the_chunk_is_uncompressed_itxt_before_the_pixels():
    baked = bake_png(pillow_png(), JWT)

    kinds = [kind for kind, _data in chunks(baked)]
    position = kinds.index(b"iTXt", kinds.index(b"iTXt") + 1)  # after the Comment chunk
    assert kinds[position + 1] == b"IDAT"
    assert chunks(baked)[position][1] == b"openbadgecredential\x00\x00\x00\x00\x00" + JWT.encode()


def test_baking_again_replaces_the_credential_never_two():
    once = bake_png(pillow_png(), JWT)

    twice = bake_png(once, JSON_CREDENTIAL)

    assert extract_png(twice) == JSON_CREDENTIAL
    assert sum(c[0] == b"iTXt" and c[1].startswith(KEYWORD + b"\x00") for c in chunks(twice)) == 1
    assert bake_png(twice, JWT) == once


def test_a_credential_another_tool_baked_twice_is_replaced_once():
    # Two chunks break the specification; baking over them leaves one, ours.
    original = pillow_png(openbadgecredential="first.b.c")
    two = _with_chunk(original, b"iTXt", KEYWORD + b"\x00\x00\x00\x00\x00second.b.c")

    baked = bake_png(two, JWT)

    assert extract_png(two) == "first.b.c"
    assert [c[1] for c in chunks(baked) if c[1].startswith(KEYWORD + b"\x00")] == [
        KEYWORD + b"\x00\x00\x00\x00\x00" + JWT.encode()
    ]


def test_openbadgeslib_extracts_what_we_baked():
    baked = bake_png(pypng_png(), JWT)

    token = openbadgeslib_baking.extract_png(baked, keyword=openbadgeslib_baking.ITXT_KEYWORD_OB3)

    assert token == JWT


def test_we_extract_what_openbadgeslib_baked():
    baked = openbadgeslib_baking.bake_png(
        pillow_png(), JSON_CREDENTIAL, keyword=openbadgeslib_baking.ITXT_KEYWORD_OB3
    )

    assert extract_png(baked) == JSON_CREDENTIAL


def test_a_compressed_credential_from_another_tool_is_read():
    info = PngImagePlugin.PngInfo()
    info.add_itxt("openbadgecredential", JSON_CREDENTIAL, zip=True)
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, "PNG", pnginfo=info)

    assert extract_png(buffer.getvalue()) == JSON_CREDENTIAL


def test_a_png_without_a_credential_has_none():
    assert extract_png(pillow_png()) is None


def _with_chunk(original: bytes, kind: bytes, data: bytes) -> bytes:
    chunk = struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return original[:-12] + chunk + original[-12:]


def test_a_compressed_credential_is_never_inflated_past_the_limit():
    bomb = zlib.compress(b"{" + b" " * (MAX_CREDENTIAL_BYTES * 4) + b"}", 9)
    image = _with_chunk(pillow_png(), b"iTXt", KEYWORD + b"\x00\x01\x00\x00\x00" + bomb)

    with pytest.raises(BakingError, match="larger than 256 KB"):
        extract_png(image)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"GIF89a\x01\x00\x01\x00",
        b"\xff\xd8\xff\xe0\x00\x10JFIF",
        b"<svg/>",
        SIGNATURE[:-1],
    ],
    ids=["empty", "gif", "jpeg", "svg", "short signature"],
)
def test_what_is_not_a_png_is_refused(data):
    with pytest.raises(BakingError, match="^The file is not a PNG image.$"):
        bake_png(data, JWT)
    with pytest.raises(BakingError, match="^The file is not a PNG image.$"):
        extract_png(data)


def _bad_crc(original: bytes) -> bytes:
    damaged = bytearray(original)
    damaged[len(SIGNATURE) + 8] ^= 0x01  # a byte of IHDR's data
    return bytes(damaged)


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[:-5],
        lambda data: data[: len(SIGNATURE) + 10],
        _bad_crc,
        lambda data: SIGNATURE + data[len(SIGNATURE) + 25 :],  # no IHDR first
        lambda data: data[:-12],  # no IEND
        lambda data: SIGNATURE + struct.pack(">I", 2**31) + b"IHDR" + b"\x00" * 20,
    ],
    ids=["truncated", "cut in a chunk", "bad checksum", "no header", "no end", "huge length"],
)
def test_a_damaged_png_is_refused(damage):
    with pytest.raises(BakingError, match="^The PNG image is damaged.$"):
        bake_png(damage(pillow_png()), JWT)


def test_an_image_over_the_limit_is_refused_before_reading():
    huge = SIGNATURE + b"\x00" * MAX_PNG_BYTES

    with pytest.raises(BakingError, match="^The image is larger than 8 MB.$"):
        extract_png(huge)


@pytest.mark.parametrize(
    ("credential", "message"),
    [
        ("", "The credential is empty."),
        ("not a credential", "neither a signed token"),
        ("[1, 2]", "neither a signed token"),
        ("{broken", "neither a signed token"),
        (" a.b.c", "neither a signed token"),
        ("a.b.c" + "d" * MAX_CREDENTIAL_BYTES, "larger than 256 KB"),
        ('{"x": "\ud800"}', "not valid text"),
    ],
)
def test_a_credential_that_is_not_one_is_refused(credential, message):
    original = pillow_png()

    with pytest.raises(BakingError, match=message):
        bake_png(original, credential)


def test_trailing_bytes_after_the_end_are_not_kept():
    original = pillow_png()

    baked = bake_png(original + b"trailing garbage", JWT)

    assert baked.endswith(original[-12:])
    assert extract_png(baked) == JWT

"""An uploaded badge: PNG or SVG told apart by its bytes, anything else refused."""

from __future__ import annotations

import pytest

from academy.badges.carried import BakingError
from academy.badges.extract import extract_credential
from academy.badges.png import bake_png
from academy.badges.svg import bake_svg
from tests.badges.helpers import JSON_CREDENTIAL, JWT
from tests.badges.test_png_baking import pillow_png
from tests.badges.test_svg_baking import SIMPLE


def test_a_baked_png_and_a_baked_svg_give_their_credentials():
    assert extract_credential(bake_png(pillow_png(), JWT)) == JWT
    svg = bake_svg(SIMPLE, JSON_CREDENTIAL)
    assert extract_credential(svg.encode("utf-8")) == JSON_CREDENTIAL
    assert extract_credential(b"\xef\xbb\xbf" + svg.encode("utf-8")) == JSON_CREDENTIAL


def test_images_without_a_credential_give_none():
    assert extract_credential(pillow_png()) is None
    assert extract_credential(SIMPLE.encode()) is None


@pytest.mark.parametrize(
    "data",
    [b"", b"\xff\xd8\xff\xe0 a JPEG", JWT.encode(), JSON_CREDENTIAL.encode(), b"\x80<svg"],
    ids=["empty", "jpeg", "jwt", "json", "binary"],
)
def test_anything_else_is_refused_with_a_message(data):
    with pytest.raises(BakingError, match="^The file is neither a PNG nor an SVG image.$"):
        extract_credential(data)


def test_an_svg_that_is_not_one_is_refused():
    with pytest.raises(BakingError, match="^The file is not an SVG image.$"):
        extract_credential(b"<html xmlns='http://www.w3.org/1999/xhtml'/>")


def test_a_huge_file_that_is_not_a_png_is_refused_before_decoding():
    with pytest.raises(BakingError, match="^The image is larger than 2 MB.$"):
        extract_credential(b"<" + b"\xff" * (2 * 1024 * 1024))

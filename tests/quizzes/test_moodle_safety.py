"""Moodle XML is read from uploads: no DTD, no entity, no external file is ever read.

The raw bytes are searched first, and expat refuses a DOCTYPE or ENTITY declaration
itself too, for encodings the byte search cannot see (UTF-16).
"""

from __future__ import annotations

import pytest

from academy.quizzes.gift_parser import GiftError
from academy.quizzes.moodle_xml_reader import read_xml
from tests.quizzes.moodle_files import convert

DECLARED = (
    "the file declares a DOCTYPE or an ENTITY, which is refused for safety; "
    "Moodle's own exports have none"
)


@pytest.mark.parametrize("name", ["error-billion-laughs.xml", "error-external-entity.xml"])
def test_a_dtd_refuses_the_file_before_anything_is_expanded(name):
    with pytest.raises(GiftError) as raised:
        convert(name)
    assert raised.value.problems == [(name, 2, DECLARED)]


def test_expat_refuses_a_doctype_the_byte_search_cannot_see():
    xml = '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE quiz [<!ENTITY a "b">]>\n<quiz/>'
    with pytest.raises(GiftError) as raised:
        read_xml(xml.encode("utf-16"), "u.xml")
    assert raised.value.problems == [("u.xml", 2, DECLARED)]


def test_an_undeclared_entity_is_an_error_not_a_lookup():
    with pytest.raises(GiftError) as raised:
        read_xml(b"<quiz>\n<question>&secret;</question></quiz>", "e.xml")
    assert raised.value.problems == [
        ("e.xml", 2, "the file is not well-formed XML: undefined entity")
    ]


def test_cdata_and_character_references_are_plain_text():
    root = read_xml(b"<quiz><t><![CDATA[<b>&amp;</b>]]> &#233;&lt;</t></quiz>", "c.xml")
    assert root.find("t").text == "<b>&amp;</b> \u00e9<"

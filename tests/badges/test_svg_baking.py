"""Baking a credential into SVG: the spec's element, exact round trips, safe parsing."""

from __future__ import annotations

from pathlib import Path

import pytest
from defusedxml.minidom import parseString
from openbadgeslib import baking as openbadgeslib_baking

from academy.badges.carried import MAX_SVG_CHARS, BakingError
from academy.badges.svg import NAMESPACE, bake_svg, extract_svg
from tests.badges.helpers import JSON_CREDENTIAL, JWT

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "svg"
SIMPLE = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" role="img">'
    '<title>A badge</title><circle cx="5" cy="5" r="4"/></svg>'
)
REAL_SVGS = [
    FIXTURES / "inkscape.svg",
    FIXTURES / "drawio.svg",
    ROOT / "courses" / "understanding-cooperatives" / "assets" / "logo.svg",
]


def credential_elements(svg: str) -> list:
    return list(parseString(svg.encode()).getElementsByTagNameNS(NAMESPACE, "credential"))


def drawing(svg: str) -> list[tuple]:
    """Every element other than the credential, with its attributes and text, in order."""
    document = parseString(svg.encode())
    found = []
    for element in document.getElementsByTagName("*"):
        if element.namespaceURI == NAMESPACE:
            continue
        attributes = sorted(
            (name, value)
            for name, value in element.attributes.items()
            if name != "xmlns:openbadges"
        )
        text = "".join(c.data for c in element.childNodes if c.nodeType == c.TEXT_NODE)
        found.append((element.tagName, attributes, text))
    return found


@pytest.mark.parametrize("credential", [JWT, JSON_CREDENTIAL])
def test_a_baked_credential_comes_back_exactly(credential):
    assert extract_svg(bake_svg(SIMPLE, credential)) == credential


def test_a_jwt_goes_in_the_verify_attribute_of_the_first_element():
    baked = bake_svg(SIMPLE, JWT)

    root = parseString(baked.encode()).documentElement
    first = root.firstChild
    assert root.getAttribute("xmlns:openbadges") == NAMESPACE
    assert (first.namespaceURI, first.tagName) == (NAMESPACE, "openbadges:credential")
    assert first.getAttribute("verify") == JWT
    assert first.childNodes.length == 0


def test_json_goes_in_the_body_as_cdata_even_with_a_cdata_end_inside():
    baked = bake_svg(SIMPLE, JSON_CREDENTIAL)

    element = credential_elements(baked)[0]
    assert not element.hasAttribute("verify")
    assert {child.nodeType for child in element.childNodes} == {element.CDATA_SECTION_NODE}
    assert "<![CDATA[" in baked


def test_baking_again_replaces_the_credential_never_two():
    once = bake_svg(SIMPLE, JWT)

    twice = bake_svg(once, JSON_CREDENTIAL)

    assert len(credential_elements(twice)) == 1
    assert extract_svg(twice) == JSON_CREDENTIAL
    assert extract_svg(bake_svg(twice, JWT)) == JWT


def test_every_credential_element_anywhere_is_replaced():
    nested = SIMPLE.replace(
        "<title>",
        f'<g xmlns:ob="{NAMESPACE}"><ob:credential verify="old.one.x"/></g>'
        f'<ob:credential xmlns:ob="{NAMESPACE}">{{"old": 2}}</ob:credential><title>',
    )

    baked = bake_svg(nested, JWT)

    assert [e.getAttribute("verify") for e in credential_elements(baked)] == [JWT]


@pytest.mark.parametrize("path", REAL_SVGS, ids=lambda path: path.name)
def test_a_drawing_from_another_tool_keeps_every_element(path):
    original = path.read_text(encoding="utf-8")

    baked = bake_svg(original, JSON_CREDENTIAL)

    assert drawing(baked) == drawing(original)
    assert extract_svg(baked) == JSON_CREDENTIAL


def test_an_open_badges_2_prefix_on_svg_is_left_alone():
    ob2 = SIMPLE.replace("<svg ", '<svg xmlns:openbadges="http://openbadges.org" ').replace(
        "<title>", '<openbadges:assertion verify="ob2.token.x"/><title>'
    )

    baked = bake_svg(ob2, JWT)

    document = parseString(baked.encode())
    assert document.getElementsByTagNameNS("http://openbadges.org", "assertion").length == 1
    assert extract_svg(baked) == JWT


def test_openbadgeslib_extracts_what_we_baked():
    element = openbadgeslib_baking.SVG_ELEMENT_OB3
    jwt_svg = bake_svg(SIMPLE, JWT).encode()
    json_svg = bake_svg(SIMPLE, JSON_CREDENTIAL).encode()

    assert openbadgeslib_baking.extract_svg(jwt_svg, element=element) == JWT
    assert (
        openbadgeslib_baking.extract_svg(json_svg, element=element, text_fallback=True)
        == JSON_CREDENTIAL
    )


def test_we_extract_what_openbadgeslib_baked():
    baked = openbadgeslib_baking.bake_svg(
        SIMPLE.encode(),
        JWT,
        element=openbadgeslib_baking.SVG_ELEMENT_OB3,
        namespace=openbadgeslib_baking.SVG_NS_OB3,
    )

    assert extract_svg(baked.decode()) == JWT


def test_json_written_as_plain_text_by_another_tool_is_read_trimmed():
    svg = SIMPLE.replace(
        "<title>",
        f'<openbadges:credential xmlns:openbadges="{NAMESPACE}">\n  {{"a": 1}}\n'
        "</openbadges:credential><title>",
    )

    assert extract_svg(svg) == '{"a": 1}'


def test_an_svg_without_a_credential_has_none():
    assert extract_svg(SIMPLE) is None
    empty = SIMPLE.replace("<title>", f'<o:credential xmlns:o="{NAMESPACE}"/><title>')
    assert extract_svg(empty) is None


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
    '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    '<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>'
)
EXTERNAL_ENTITY = (
    '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    '<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>'
)


@pytest.mark.parametrize("svg", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["laughs", "external"])
def test_entity_declarations_are_refused(svg):
    message = "^The SVG image declares entities, which are not accepted.$"
    with pytest.raises(BakingError, match=message):
        bake_svg(svg, JWT)
    with pytest.raises(BakingError, match=message):
        extract_svg(svg)


@pytest.mark.parametrize(
    "svg",
    [
        "",
        "not xml at all",
        "<svg xmlns='http://www.w3.org/2000/svg'><g></svg>",
        "<html xmlns='http://www.w3.org/1999/xhtml'/>",
        "<svg/>",
        b"<svg xmlns='http://www.w3.org/2000/svg'>\xff</svg>",
        ["<svg/>"],
    ],
    ids=["empty", "text", "unclosed", "html", "no namespace", "not utf-8", "a list"],
)
def test_what_is_not_an_svg_is_refused(svg):
    with pytest.raises(BakingError, match="^The file is not an SVG image.$"):
        bake_svg(svg, JWT)
    with pytest.raises(BakingError, match="^The file is not an SVG image.$"):
        extract_svg(svg)


def test_an_svg_over_the_limit_is_refused():
    huge = SIMPLE.replace("<title>", "<!--" + "x" * MAX_SVG_CHARS + "--><title>")

    with pytest.raises(BakingError, match="^The image is larger than 2 MB.$"):
        bake_svg(huge, JWT)


def test_a_credential_that_is_not_one_is_refused():
    with pytest.raises(BakingError, match="neither a signed token"):
        bake_svg(SIMPLE, "<script>alert(1)</script>")


LATIN_1 = (
    '<?xml version="1.0" encoding="ISO-8859-1"?>'
    '<svg xmlns="http://www.w3.org/2000/svg"><title>Coopérative</title></svg>'
)


def test_the_declared_encoding_of_a_file_is_honoured_and_of_text_not_reapplied():
    from_file = bake_svg(LATIN_1.encode("latin-1"), JWT)
    from_text = bake_svg(LATIN_1, JWT)

    assert from_file == from_text
    assert from_text.startswith('<?xml version="1.0" encoding="utf-8"?>')
    assert "<title>Coopérative</title>" in from_text
    assert extract_svg(from_text.encode("utf-8")) == JWT

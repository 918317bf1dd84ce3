"""SVG assets: what Inkscape and draw.io save is accepted; anything active is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from academy.courses.building import check_package
from tests.courses.packages import lesson, package

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "svg"
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XHTML_NS = "http://www.w3.org/1999/xhtml"
OPEN = f'<svg xmlns="{SVG_NS}" xmlns:xlink="{XLINK_NS}" viewBox="0 0 10 10">'


def problems_of(root) -> list[str]:
    _built, problems = check_package(root)
    return [str(problem) for problem in problems.sorted()]


def svg_problems_of(tmp_path, svg: str | bytes) -> list[str]:
    return problems_of(package(tmp_path, {"assets/picture.svg": svg}))


@pytest.mark.parametrize("name", ["inkscape.svg", "drawio.svg"])
def test_svgs_saved_by_inkscape_and_drawio_are_published(tmp_path, name):
    # Inkscape: its namespaces, RDF metadata and a PNG embedded as data:;
    # draw.io: its DOCTYPE, the diagram in content="", XHTML labels in
    # <foreignObject>, a JPEG embedded as data: and its https link.
    data = (FIXTURES / name).read_bytes()
    body = "Text.\n\n![How the shop works](../assets/diagram.svg)\n"
    files = {"assets/diagram.svg": data, "01-start/02-more.en.md": lesson("More", body)}
    built, problems = check_package(package(tmp_path, files))
    assert problems.sorted() == []
    assert built.package.assets["diagram.svg"].data == data
    assert 'src="../assets/' in built.html[("more", "en")]


@pytest.mark.parametrize("attribute", ["xlink:href", "href"])
@pytest.mark.parametrize("media_type", ["image/png", "image/jpeg", "image/gif", "image/webp"])
def test_embedded_raster_images_are_accepted(tmp_path, attribute, media_type):
    svg = f'{OPEN}\n<image {attribute}="data:{media_type};base64,iVBORw0KGgo=" width="4"/>\n</svg>'
    assert svg_problems_of(tmp_path, svg) == []


@pytest.mark.parametrize(
    "url",
    [
        "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=",
        "data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;",
        "data:application/javascript,alert(1)",
        "data:image/png-but-not-really,AAAA",
    ],
)
def test_other_data_urls_are_refused(tmp_path, url):
    svg = f'{OPEN}\n<image xlink:href="{url}" width="4"/>\n</svg>'
    assert svg_problems_of(tmp_path, svg) == [
        "assets/picture.svg:2: error: "
        "SVG embeds a data: URL that is not a PNG, JPEG, GIF or WebP image"
    ]


SCRIPT = "SVG contains a <script>"
HANDLER = "SVG contains an event handler attribute (on...=)"
ELSEWHERE = "SVG links to another document (only #ids)"
LOADS = "SVG loads external styles or images"
JAVASCRIPT = "SVG contains a javascript: URL"
PICTURE = "SVG shows a picture from another file: embed the picture in the SVG"
DATA = "SVG embeds a data: URL that is not a PNG, JPEG, GIF or WebP image"


@pytest.mark.parametrize(
    ("inside", "expected"),
    [
        ("<script>alert(1)</script>", [(2, SCRIPT)]),
        ('<image href="https://t.example/x.png" width="4"/>', [(2, PICTURE)]),
        (
            '<image xlink:href="photo.jpg" sodipodi:absref="/home/me/photo.jpg"\n'
            ' xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"/>',
            [(2, PICTURE)],
        ),
        # A prefix bound to the SVG namespace makes a script all the same.
        (f'<s:script xmlns:s="{SVG_NS}">alert(1)</s:script>', [(2, SCRIPT)]),
        (f'<svg:script xmlns:svg="{SVG_NS}"\n>alert(1)</svg:script>', [(2, SCRIPT)]),
        # Event handlers whatever their prefix.
        ('<rect xmlns:ev="urn:x" ev:onclick="go()" width="1"/>', [(2, HANDLER)]),
        (f'<svg:rect xmlns:svg="{SVG_NS}" ONLOAD="go()"/>', [(2, HANDLER)]),
        # XHTML inside a foreignObject is judged like SVG.
        (
            f'<foreignObject width="9" height="9">\n<div xmlns="{XHTML_NS}">'
            "<script>alert(1)</script></div></foreignObject>",
            [(3, SCRIPT)],
        ),
        (
            f'<foreignObject width="9" height="9"><h:p xmlns:h="{XHTML_NS}">\n'
            '<h:img src="https://t.example/pixel.png" alt=""/></h:p></foreignObject>',
            [(3, PICTURE)],
        ),
        (
            f'<foreignObject width="9" height="9"><iframe xmlns="{XHTML_NS}" srcdoc="x"/>'
            "</foreignObject>",
            [(2, "SVG contains an <iframe>, which shows another document")],
        ),
        (
            f'<foreignObject width="9" height="9"><b xmlns="{XHTML_NS}" onmouseover="go()">x</b>'
            "</foreignObject>",
            [(2, HANDLER)],
        ),
        # href in any namespace; tabs hidden in a scheme do not hide it.
        (f'<use l:href="https://t.example/s.svg#a" xmlns:l="{XLINK_NS}"/>', [(2, ELSEWHERE)]),
        ('<use href="sprites.svg#a"/>', [(2, ELSEWHERE)]),
        ('<a xlink:href="java&#x9;script:alert(1)"><text>x</text></a>', [(2, JAVASCRIPT)]),
        ('<a href="http://t.example/"><text>a link a reader may follow</text></a>', []),
        ('<g data-label="JavaScript: a language"><text>JavaScript: a language</text></g>', []),
        ('<a xlink:href="#part-2"><text>inside the image</text></a>', []),
        # Animations that would rewrite a link or add a handler.
        (
            '<a href="#x"><set attributeName="xlink:href" to="https://t.example/"/></a>',
            [(2, "SVG changes a link or an event handler with <set>")],
        ),
        (
            '<rect width="1"><animate attributeName="onclick" values="go()"/></rect>',
            [(2, "SVG changes a link or an event handler with <animate>")],
        ),
        # CSS: escapes do not hide url() or @import; url(#id) is fine.
        ('<rect style="fill: \\75 rl(https://t.example/x.png)" width="1"/>', [(2, LOADS)]),
        ("<style>\n@\\69mport 'https://t.example/x.css';</style>", [(2, LOADS)]),
        (
            "<defs><style type='text/css'>@import url(https://fonts.googleapis.com/css?family="
            "Roboto);</style></defs>",
            [(2, LOADS)],
        ),
        ('<rect fill="url(#gradient)" filter="url( \'#blur\' )" width="1"/>', []),
        ('<rect style="fill: url(data:image/png;base64,iVBORw0KGgo=)" width="1"/>', []),
        (
            "<style>@font-face { font-family: Hand;\n src: url(data:font/woff2;base64,d09GMgAB) }"
            "</style>",
            [(2, DATA)],
        ),
        ('<rect style="fill: URL( https://t.example/x.png" width="1"/>', [(2, LOADS)]),
        ('<rect cursor="url(https://t.example/c.cur), auto" width="1"/>', [(2, LOADS)]),
    ],
)
def test_active_content_is_refused_in_any_namespace(tmp_path, inside, expected):
    svg = f"{OPEN}\n{inside}\n</svg>"
    assert svg_problems_of(tmp_path, svg) == [
        f"assets/picture.svg:{line}: error: {message}" for line, message in expected
    ]


def test_a_stylesheet_processing_instruction_is_refused(tmp_path):
    svg = f'<?xml-stylesheet href="https://t.example/x.css"?>\n{OPEN}</svg>'
    assert svg_problems_of(tmp_path, svg) == [f"assets/picture.svg:1: error: {LOADS}"]


def test_entities_are_never_expanded(tmp_path):
    laughs = "".join(f'<!ENTITY l{i} "&l{i - 1};&l{i - 1};">\n' for i in range(1, 30))
    doctype = f'<!DOCTYPE svg [\n<!ENTITY l0 "lol">\n{laughs}]>'
    svg = f'<?xml version="1.0"?>\n{doctype}\n{OPEN}&l29;</svg>'
    assert svg_problems_of(tmp_path, svg) == [
        "assets/picture.svg:2: error: "
        "SVG declares XML entities or a DTD of its own (<!DOCTYPE svg [...]>)"
    ]


def test_an_entity_the_external_dtd_would_define_is_refused(tmp_path):
    # Nothing is fetched, so &nbsp; is undefined, as it is for browsers.
    doctype = (
        '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">'
    )
    svg = f"{doctype}\n{OPEN}\n<text>a&nbsp;b</text></svg>"
    assert svg_problems_of(tmp_path, svg) == [
        "assets/picture.svg:3: error: SVG uses the undefined XML entity &nbsp;"
    ]


def test_an_svg_that_is_not_well_formed_is_refused(tmp_path):
    svg = f"{OPEN}\n<g>\n<rect/>\n</svg>"
    assert svg_problems_of(tmp_path, svg) == [
        "assets/picture.svg:4: error: is not well-formed XML: mismatched tag"
    ]


def test_an_svg_outside_the_svg_namespace_is_refused(tmp_path):
    # Browsers show no image for it: an <svg> in no namespace is not SVG.
    assert svg_problems_of(tmp_path, "<svg>\n<rect/></svg>") == [
        "assets/picture.svg:1: error: is not an SVG image: "
        f'it must start with <svg xmlns="{SVG_NS}">'
    ]

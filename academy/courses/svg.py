"""Judge an SVG image: is it inert wherever a lesson shows it?

Lessons show SVGs in `<img>`, where browsers never run script nor load other
files, and the asset route serves them with a sandboxing Content-Security-Policy.
Refusing what would be active anyway says why at once, and keeps SVGs safe if
they are ever inlined or opened in another program. The check is on the parsed
XML, namespace-aware: `<s:script>` with `s` bound to SVG is a script, and an
`xlink:href` is an href, whatever the prefix.

What real authoring tools write is accepted: Inkscape's metadata (RDF, sodipodi
and inkscape namespaces), raster images embedded as `data:image/png` (jpeg,
gif, webp), and draw.io's `<foreignObject>` labels in XHTML, whose `<script>`,
`<iframe>`, event handlers and external links are refused like SVG's own.
"""

from __future__ import annotations

import re
from xml.parsers import expat

from academy.messages import gettext as _

SVG_NS = "http://www.w3.org/2000/svg"
XHTML_NS = "http://www.w3.org/1999/xhtml"

# Attributes whose value is a URL the browser loads or follows, in any namespace.
_REFERENCE_ATTRIBUTES = {
    "href", "src", "srcset", "action", "formaction", "data", "poster", "background",
    "lowsrc", "dynsrc", "codebase", "archive", "ping",
}  # fmt: skip
# XHTML elements (in a foreignObject) that embed or run another document.
_EMBEDDING_ELEMENTS = {
    "iframe", "frame", "frameset", "object", "embed", "applet", "portal", "base", "link", "meta",
}  # fmt: skip
# Attributes whose value may hold CSS url(): style, and presentation attributes.
_CSS_ATTRIBUTES = {
    "style", "fill", "stroke", "filter", "clip-path", "mask", "marker", "marker-start",
    "marker-mid", "marker-end", "cursor",
}  # fmt: skip
# Embedded raster images: pixels only, never a document (unlike data:image/svg+xml).
_RASTER_DATA = re.compile(r"data:image/(?:png|jpeg|gif|webp)[;,]", re.I)
# Links a reader may follow from a link (<a>) in the image, as from a lesson.
_LINK_SCHEMES = ("https:", "http:", "mailto:")
_SCRIPT_URL = re.compile(r"(?:java|vb)script:", re.I)
# Browsers drop these from URLs before reading the scheme ("java\tscript:").
_URL_NOISE = re.compile(r"[\x00-\x20]")
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})[ \t\n]?|\\(.)", re.S)
# Up to ")" or the end: CSS still loads a url( that is never closed.
_CSS_URL = re.compile(r"url\(([^)]*)", re.I)
_CSS_LOADS = re.compile(r"@import|\b(?:-webkit-)?image-set\(|\bsrc\(", re.I)


class _Stop(Exception):
    """Parsing must stop here: what follows could expand or fetch."""


class _Judge:
    """Walks the parsed SVG once and collects (line, message) problems."""

    def __init__(self) -> None:
        self.problems: list[tuple[int, str]] = []
        self.parser = expat.ParserCreate(encoding="utf-8", namespace_separator=" ")
        parser = self.parser
        # Never read an external DTD or entity, and never expand a declared one.
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartDoctypeDeclHandler = self.doctype
        parser.EntityDeclHandler = self.entity_declaration
        parser.SkippedEntityHandler = self.skipped_entity
        parser.ExternalEntityRefHandler = self.external_entity
        parser.ProcessingInstructionHandler = self.processing_instruction
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.characters
        self.depth = 0
        # The line and text of the <style> element being read.
        self.style: tuple[int, list[str]] | None = None

    def add(self, message: str, line: int | None = None) -> None:
        self.problems.append((line or self.parser.CurrentLineNumber, message))

    def run(self, data: bytes) -> list[tuple[int, str]]:
        try:
            self.parser.Parse(data, True)
        except _Stop:
            pass
        except expat.ExpatError as error:
            # TRANSLATORS: %(problem)s is the XML parser's own description, in English.
            message = _(
                "is not well-formed XML: %(problem)s", problem=expat.ErrorString(error.code)
            )
            self.problems.append((error.lineno, message))
        return self.problems

    # -- the document type and entities: refused before they can expand --------

    def doctype(self, name, system_id, public_id, has_internal_subset) -> None:
        if has_internal_subset:
            # TRANSLATORS: <!DOCTYPE svg [...]> is XML code; keep it as it is.
            self.add(_("SVG declares XML entities or a DTD of its own (<!DOCTYPE svg [...]>)"))
            raise _Stop

    def entity_declaration(self, *_args) -> None:
        self.add(_("SVG declares XML entities"))
        raise _Stop

    def skipped_entity(self, name, _is_parameter) -> None:
        # TRANSLATORS: &%(name)s; is XML code, like &nbsp;; keep it as it is.
        self.add(_("SVG uses the undefined XML entity &%(name)s;", name=name))

    def external_entity(self, *_args) -> int:
        self.add(_("SVG declares XML entities"))
        raise _Stop

    def processing_instruction(self, target: str, _data: str) -> None:
        if target.lower() == "xml-stylesheet":
            self.add(_("SVG loads external styles or images"))

    # -- elements --------------------------------------------------------------

    def start(self, name: str, attributes: dict[str, str]) -> None:
        namespace, local = _split(name)
        if self.depth == 0 and (namespace, local) != (SVG_NS, "svg"):
            # TRANSLATORS: <svg xmlns="http://www.w3.org/2000/svg"> is SVG code; keep it.
            self.add(
                _(
                    'is not an SVG image: it must start with <svg xmlns="%(namespace)s">',
                    namespace=SVG_NS,
                )
            )
        self.depth += 1
        self.element(namespace, local, attributes)
        for key, value in attributes.items():
            self.attribute(namespace, local, _split(key)[1], value)
        if local == "style":
            self.style = (self.parser.CurrentLineNumber, [])

    def element(self, namespace: str, local: str, attributes: dict[str, str]) -> None:
        if local.lower() == "script" or (namespace == SVG_NS and local == "handler"):
            # TRANSLATORS: <script> is SVG code; keep it as it is.
            self.add(_("SVG contains a <script>"))
        elif namespace in (XHTML_NS, "") and local.lower() in _EMBEDDING_ELEMENTS:
            # TRANSLATORS: %(element)s is an HTML element, like iframe.
            self.add(
                _("SVG contains an <%(element)s>, which shows another document", element=local)
            )
        elif namespace == SVG_NS and local in ("set", "animate"):
            target = _split(attributes.get("attributeName", "").replace(":", " "))[1].lower()
            if target == "href" or target.startswith("on"):
                # TRANSLATORS: <%(element)s> is SVG code, like <animate>; keep it.
                self.add(
                    _("SVG changes a link or an event handler with <%(element)s>", element=local)
                )

    def attribute(self, namespace: str, element: str, name: str, value: str) -> None:
        name = name.lower()
        if name.startswith("on"):
            # TRANSLATORS: on...= is SVG code (onclick=, onload=); keep it as it is.
            self.add(_("SVG contains an event handler attribute (on...=)"))
        elif name in _REFERENCE_ATTRIBUTES:
            self.reference(namespace, element, _URL_NOISE.sub("", value))
        elif name in _CSS_ATTRIBUTES:
            self.css(value)
        # Other attributes are data, like draw.io's content="" holding the
        # diagram: "JavaScript: a language" in a label there runs nothing.

    def reference(self, namespace: str, element: str, url: str) -> None:
        if _SCRIPT_URL.search(url):
            # TRANSLATORS: javascript: is SVG code; keep it as it is.
            self.add(_("SVG contains a javascript: URL"))
            return
        if url == "" or url.startswith("#") or _RASTER_DATA.match(url):
            return
        is_link = element == "a" and namespace in (SVG_NS, XHTML_NS)
        if is_link and url.lower().startswith(_LINK_SCHEMES):
            return  # a link the reader may follow, like a lesson's; inert in <img>
        if url.lower().startswith("data:"):
            self.add(_data_url_message())
        elif element in ("image", "img", "feImage"):
            # Inkscape links a picture when told to; browsers show nothing then.
            self.add(_("SVG shows a picture from another file: embed the picture in the SVG"))
        else:
            # TRANSLATORS: #ids are links inside the image itself, like #part-1.
            self.add(_("SVG links to another document (only #ids)"))

    def css(self, text: str, line: int | None = None) -> None:
        text = _CSS_ESCAPE.sub(_unescape, text)
        urls = [
            _URL_NOISE.sub("", match.group(1)).strip("\"'") for match in _CSS_URL.finditer(text)
        ]
        outside = [url for url in urls if not (url.startswith("#") or _RASTER_DATA.match(url))]
        if _CSS_LOADS.search(text) or any(not url.lower().startswith("data:") for url in outside):
            self.add(_("SVG loads external styles or images"), line)
        elif outside:
            # Embedded fonts too: a font is a program of sorts for its parser.
            self.add(_data_url_message(), line)

    def end(self, name: str) -> None:
        self.depth -= 1
        if _split(name)[1] == "style" and self.style is not None:
            line, text = self.style
            self.css("".join(text), line)
            self.style = None

    def characters(self, text: str) -> None:
        if self.style is not None:
            self.style[1].append(text)


def svg_problems(data: bytes) -> list[tuple[int, str]]:
    """Every reason the SVG may not be shown, as (line, message); empty if it is inert."""
    return _Judge().run(data)


def _data_url_message() -> str:
    # TRANSLATORS: data: is SVG code; keep it as it is.
    return _("SVG embeds a data: URL that is not a PNG, JPEG, GIF or WebP image")


def _split(name: str) -> tuple[str, str]:
    """expat's 'namespace local' (or 'local' alone) -> (namespace, local)."""
    namespace, _space, local = name.rpartition(" ")
    return namespace, local


def _unescape(match: re.Match) -> str:
    if match.group(1):
        code = int(match.group(1), 16)
        return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"
    return match.group(2)

"""Baking a credential into an SVG image and reading it back (Open Badges 3.0, § SVG).

One <openbadges:credential> element in the namespace https://purl.imsglobal.org/ob/v3p0,
first in the <svg> element: a compact JWS goes in its verify attribute, a JSON
credential in its body as CDATA. The SVG is parsed with defusedxml (no entity
declarations, no external entities or DTDs fetched), and an earlier credential
element is replaced, so there is never more than one.
"""

from __future__ import annotations

from xml.dom import Node
from xml.parsers.expat import ExpatError

from defusedxml import DefusedXmlException
from defusedxml.minidom import parseString

from academy.badges.carried import (
    JWT,
    MAX_CREDENTIAL_BYTES,
    MAX_SVG_CHARS,
    BakingError,
    credential_kind,
)
from academy.messages import gettext as _

NAMESPACE = "https://purl.imsglobal.org/ob/v3p0"
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
XMLNS = "http://www.w3.org/2000/xmlns/"
PREFIX = "openbadges"  # the prefix the specification writes, and tools look for


def bake_svg(svg: str | bytes, credential: str) -> str:
    """Return svg carrying credential, in place of any credential it carried.

    svg is text, or a file's bytes in the encoding its XML declaration names
    (UTF-8 without one); the result is text, to be written as UTF-8.
    """
    kind = credential_kind(credential)
    document = _parse(svg)
    try:
        root = document.documentElement
        for old in _credential_elements(root):
            old.parentNode.removeChild(old)
        element = document.createElementNS(NAMESPACE, f"{PREFIX}:credential")
        _declare_prefix(root, element)
        if kind == JWT:
            element.setAttribute("verify", credential)
        else:
            for piece in _cdata_pieces(credential):
                element.appendChild(document.createCDATASection(piece))
        root.insertBefore(element, root.firstChild)
        writer = _AttributeEscapingWriter()
        document.writexml(writer, encoding="utf-8")
        return writer.text()
    finally:
        document.unlink()


def extract_svg(svg: str | bytes) -> str | None:
    """The credential svg carries (its first openbadges:credential element), or None."""
    document = _parse(svg)
    try:
        element = next(iter(_credential_elements(document.documentElement)), None)
        if element is None:
            return None
        if element.hasAttribute("verify"):
            return element.getAttribute("verify") or None
        return _body_text(element)
    finally:
        document.unlink()


def _parse(svg: str | bytes):
    if not isinstance(svg, str | bytes):
        raise BakingError(_("The file is not an SVG image."))
    if len(svg) > MAX_SVG_CHARS:
        raise BakingError(
            _("The image is larger than %(size)s MB.", size=MAX_SVG_CHARS // (1024 * 1024))
        )
    try:
        # Text goes to expat as text, so an encoding its declaration still names
        # (a file decoded by the caller) is not applied a second time.
        document = parseString(svg, forbid_dtd=False, forbid_entities=True)
    except DefusedXmlException:
        raise BakingError(_("The SVG image declares entities, which are not accepted.")) from None
    except (ExpatError, UnicodeEncodeError, ValueError):
        raise BakingError(_("The file is not an SVG image.")) from None
    root = document.documentElement
    if root.namespaceURI != SVG_NAMESPACE or root.localName != "svg":
        document.unlink()
        raise BakingError(_("The file is not an SVG image."))
    return document


def _credential_elements(root) -> list:
    return list(root.getElementsByTagNameNS(NAMESPACE, "credential"))


def _declare_prefix(root, element) -> None:
    """Bind the openbadges prefix on <svg>, or on the element if <svg> binds it elsewhere."""
    bound = root.getAttributeNS(XMLNS, PREFIX) if root.hasAttributeNS(XMLNS, PREFIX) else None
    if bound is None:
        root.setAttributeNS(XMLNS, f"xmlns:{PREFIX}", NAMESPACE)
    elif bound != NAMESPACE:
        # An Open Badges 2.0 badge binds the same prefix to its own namespace.
        element.setAttributeNS(XMLNS, f"xmlns:{PREFIX}", NAMESPACE)


class _AttributeEscapingWriter:
    """Collects minidom's output, writing tabs and line breaks in attribute values as
    character references.

    Written raw, a parser turns them into spaces: a draw.io drawing keeps its
    diagram's source, line breaks included, in an attribute. (Python 3.13's
    minidom escapes them itself; earlier ones do not.) minidom writes each
    attribute value in its own call, right after the call ending in '="'.
    """

    ESCAPES = str.maketrans({"\t": "&#9;", "\n": "&#10;", "\r": "&#13;"})

    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, chunk: str) -> None:
        if self.parts and self.parts[-1].endswith('="'):
            chunk = chunk.translate(self.ESCAPES)
        self.parts.append(chunk)

    def text(self) -> str:
        return "".join(self.parts)


def _cdata_pieces(text: str) -> list[str]:
    """text as CDATA sections: "]]>" cannot sit in one, so it is split across two."""
    parts = text.split("]]>")
    return [
        (">" if i else "") + part + ("]]" if i < len(parts) - 1 else "")
        for i, part in enumerate(parts)
    ]


def _body_text(element) -> str | None:
    """The JSON in the element's body: its CDATA sections, else its text, trimmed."""
    children = element.childNodes
    sections = [c.data for c in children if c.nodeType == Node.CDATA_SECTION_NODE]
    if sections:
        text = "".join(sections)
    else:
        text = "".join(c.data for c in children if c.nodeType == Node.TEXT_NODE).strip()
    if len(text.encode("utf-8")) > MAX_CREDENTIAL_BYTES:
        raise BakingError(
            _("The credential is larger than %(size)s KB.", size=MAX_CREDENTIAL_BYTES // 1024)
        )
    return text or None

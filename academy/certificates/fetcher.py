"""The only way WeasyPrint may load anything while it prints a certificate.

WeasyPrint's default fetcher opens file:, http(s):, ftp: and data: URLs and
follows redirects, so a course template could read the server's files or
reach the internal network. This fetcher serves only the resources the
renderer registers under its own scheme, from memory, and the raster pictures a
logo SVG carries inside itself as base64 data: URLs; it refuses the rest.
"""

from __future__ import annotations

import base64
import binascii
import logging
import re

from weasyprint.urls import URLFetcher, URLFetcherResponse, URLFetchingError

logger = logging.getLogger(__name__)

# The scheme of the resources the renderer hands to WeasyPrint itself.
INTERNAL_SCHEME = "academy-certificate"
LOGO_URL = f"{INTERNAL_SCHEME}:logo"
# Pictures embedded in a logo SVG, as Inkscape and draw.io save them: the course check
# accepts these raster types only (academy.courses.svg), and they reach nothing outside.
_RASTER_DATA_URL = re.compile(r"data:(image/(?:png|jpeg|gif|webp));base64,(.*)", re.S)


class RefusedFetch(URLFetchingError):
    """A URL that a certificate may not load."""


class CertificateURLFetcher(URLFetcher):
    """Serve registered in-memory resources; refuse every other URL.

    resources maps an internal URL to its (bytes, media type). Refused URLs
    are logged and kept in `refused`, and WeasyPrint renders without them.
    """

    def __init__(self, resources: dict[str, tuple[bytes, str]] | None = None):
        # No protocol is allowed to the parent's urllib machinery, and no
        # redirects: fetch() below never hands a URL to it anyway.
        super().__init__(allowed_protocols=(), allow_redirects=False)
        self._resources = dict(resources or {})
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        """Return the registered resource for url, or raise RefusedFetch."""
        resource = self._resources.get(url) or _raster_data(url)
        if resource is None:
            self.refused.append(url)
            logger.warning("Refused to fetch %.200s while printing a certificate", url)
            raise RefusedFetch(f"Certificates may not load {url[:200]}")
        body, media_type = resource
        return URLFetcherResponse(url, body, {"Content-Type": media_type})

    def open(self, url, data=None, timeout=None) -> URLFetcherResponse:
        """Refuse urllib-style use too: only fetch() decides what loads."""
        return self.fetch(getattr(url, "full_url", url))


def _raster_data(url: str) -> tuple[bytes, str] | None:
    """The bytes of a base64 raster data: URL, or None for any other URL."""
    match = _RASTER_DATA_URL.fullmatch(url)
    if match is None:
        return None
    try:
        return base64.b64decode(re.sub(r"\s+", "", match[2]), validate=True), match[1]
    except (binascii.Error, ValueError):
        return None

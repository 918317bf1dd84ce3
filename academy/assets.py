"""Static files under content-versioned URLs, so browsers may cache them for a year."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from flask import current_app, request, url_for

ONE_YEAR = 365 * 24 * 3600


@cache
def _digest(path: str, mtime_ns: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]


def static_url(filename: str) -> str:
    path = Path(current_app.static_folder) / filename
    version = _digest(str(path), path.stat().st_mtime_ns)
    return url_for("static", filename=filename, v=version)


def cache_versioned_static(response):
    if request.endpoint == "static" and "v" in request.args and response.status_code == 200:
        response.cache_control.public = True
        response.cache_control.max_age = ONE_YEAR
        response.cache_control.immutable = True
        response.cache_control.no_cache = None
    return response

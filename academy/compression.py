"""gzip for HTML, CSS, JavaScript and JSON, when no proxy in front does it.

A learner on a phone gets a lesson page and its stylesheet in a few
kilobytes. nginx compresses better placed (deploy/): set
ACADEMY_COMPRESS_RESPONSES=0 there. Only text types are compressed: PDFs,
images, zips and CSV downloads are already compressed or are streamed, and a
streamed response is never buffered to compress it. Every compressible
response says `Vary: Accept-Encoding`, so a shared cache keeps both forms; a
client that does not ask for gzip gets the bytes as they are.

ETags: a strong one names the bytes, so the gzip form gets its own ("...-gzip"),
and a conditional request for it is answered 304 here; a weak one names the
meaning and stays. Static files are compressed once per file version and kept;
a page served from the page cache, the same bytes for many readers, too.
"""

from __future__ import annotations

import gzip
import threading
from collections import OrderedDict
from pathlib import Path

from flask import Flask, Response, current_app, g, request

TYPES = frozenset(
    {"text/html", "text/css", "text/javascript", "application/javascript", "application/json"}
)
MIN_BYTES = 512
SUFFIX = "-gzip"
LEVEL = 6
SHARED_BODY = "academy_shared_body"
_KEPT_LIMIT = 256
_kept: OrderedDict[object, bytes] = OrderedDict()
_lock = threading.Lock()


def init_app(app: Flask) -> None:
    # Registered first, so it runs after every other after_request hook.
    app.after_request(compress)


def compress(response: Response) -> Response:
    """after_request: gzip a text response for a client that accepts it."""
    if not _compressible(response):
        return response
    response.vary.add("Accept-Encoding")
    if request.accept_encodings["gzip"] <= 0 and request.accept_encodings["*"] <= 0:
        return response
    etag, weak = response.get_etag()
    if etag and not weak:
        if request.if_none_match.contains(etag + SUFFIX):
            return _not_modified(response, etag + SUFFIX)
        response.set_etag(etag + SUFFIX)
    body = _gzipped(response)
    response.direct_passthrough = False
    response.set_data(body)
    response.headers["Content-Encoding"] = "gzip"
    return response


def _compressible(response: Response) -> bool:
    if not current_app.config["COMPRESS_RESPONSES"]:
        return False
    if response.status_code in (204, 206, 304) or "Content-Encoding" in response.headers:
        return False
    if response.mimetype not in TYPES or request.method == "HEAD":
        return False
    if response.direct_passthrough:
        # send_file: only this app's static files, read whole and kept compressed.
        return request.endpoint == "static" and _static_path() is not None
    if response.is_streamed:
        return False
    length = response.calculate_content_length()
    return length is not None and length >= MIN_BYTES


def _gzipped(response: Response) -> bytes:
    if response.direct_passthrough:
        path = _static_path()
        stat = path.stat()
        response.close()  # the file send_file opened
        return _kept_or(("static", str(path), stat.st_mtime_ns, stat.st_size), path.read_bytes)
    data = response.get_data()
    # academy.pagecache sets this flag on a page it served the same to every reader.
    if g.get(SHARED_BODY):
        return _kept_or(("body", data), lambda: data)
    return gzip.compress(data, LEVEL, mtime=0)


def _kept_or(key: object, read) -> bytes:
    with _lock:
        body = _kept.get(key)
        if body is not None:
            _kept.move_to_end(key)
            return body
    body = gzip.compress(read(), LEVEL, mtime=0)
    with _lock:
        _kept[key] = body
        while len(_kept) > _KEPT_LIMIT:
            _kept.popitem(last=False)
    return body


def _static_path() -> Path | None:
    folder = current_app.static_folder
    filename = (request.view_args or {}).get("filename")
    if not folder or not filename:
        return None
    root = Path(folder).resolve()
    path = (root / filename).resolve()
    return path if path.is_relative_to(root) and path.is_file() else None


def _not_modified(response: Response, etag: str) -> Response:
    response.close()
    response.direct_passthrough = False
    response.status_code = 304
    response.set_data(b"")
    for header in ("Content-Length", "Content-Type"):
        response.headers.pop(header, None)
    response.set_etag(etag)
    return response

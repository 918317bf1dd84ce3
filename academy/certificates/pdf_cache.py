"""Certificate PDFs kept in this process's memory by ETag, beside the database's copy.

The ETag hashes everything the bytes depend on, the certificate's record
(its state and revocation date included) and the renderer's versions, so the
bytes under one ETag never change: a repeated download is served from here
without reading the PDF row or the logo, and a certificate revoked since has
another ETag and never gets the bytes of its valid days. A withdrawn
certificate is answered 410 before anything looks here. Bounded in bytes
(CERTIFICATE_PDF_CACHE_MB, 0 turns it off); the least recently used go first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from flask import current_app

_pdfs: OrderedDict[str, bytes] = OrderedDict()
_size = 0
_lock = threading.Lock()


def get(etag: str) -> bytes | None:
    with _lock:
        body = _pdfs.get(etag)
        if body is not None:
            _pdfs.move_to_end(etag)
    return body


def put(etag: str, body: bytes) -> None:
    global _size
    limit = current_app.config["CERTIFICATE_PDF_CACHE_BYTES"]
    if not limit or len(body) > limit:
        return
    with _lock:
        if etag in _pdfs:
            return
        _pdfs[etag] = body
        _size += len(body)
        while _size > limit:
            _old, old = _pdfs.popitem(last=False)
            _size -= len(old)


def clear() -> None:
    global _size
    with _lock:
        _pdfs.clear()
        _size = 0

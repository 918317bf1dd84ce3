"""Rendered pages kept in memory, shared by every reader the page is the same for.

A lesson page depends on the course version, the lesson, the languages and
the reader's progress in its module, not on who the reader is: learners at
the same point, and every visitor, get the same HTML. The one part that is
per session, the CSRF token in its forms, is rendered as a placeholder and
filled in for each response. Pages with a flashed message are never cached.

Each process keeps its own cache, bounded in bytes; the keys hold the
course's content hash and import time, so a new import is never served stale.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from flask import current_app, g, session
from flask_wtf.csrf import generate_csrf

# Unguessable, so no content can contain it by chance or on purpose.
_PLACEHOLDER = f"csrf-placeholder-{secrets.token_hex(16)}"
_pages: OrderedDict[Hashable, str] = OrderedDict()
_size = 0
_lock = threading.Lock()


def csrf_token() -> str:
    """The templates' csrf_token(): a placeholder while a page is rendered for the cache."""
    return _PLACEHOLDER if g.get("_rendering_for_cache") else generate_csrf()


def cached_only(key: Hashable) -> str | None:
    """The page for key when it is cached and may be served as it is, else None."""
    if not current_app.config["PAGE_CACHE_BYTES"] or session.get("_flashes"):
        return None
    with _lock:
        html = _pages.get(key)
        if html is not None:
            _pages.move_to_end(key)
    if html is None:
        return None
    return _served(html)


def cached_page(key: Hashable, render: Callable[[], str]) -> str:
    """The page for key, rendered by render() when it is not cached yet."""
    limit = current_app.config["PAGE_CACHE_BYTES"]
    if not limit or session.get("_flashes"):
        return render()
    with _lock:
        html = _pages.get(key)
        if html is not None:
            _pages.move_to_end(key)
    if html is None:
        html = _render_for_cache(render)
        _store(key, html, limit)
    return _served(html)


def _served(html: str) -> str:
    """The cached page with this session's token, or as it is when it has none."""
    if _PLACEHOLDER in html:
        return html.replace(_PLACEHOLDER, generate_csrf())
    # The same bytes for every reader: academy.compression keeps its gzip form.
    g.academy_shared_body = True
    return html


def _render_for_cache(render: Callable[[], str]) -> str:
    g._rendering_for_cache = True
    try:
        return render()
    finally:
        g._rendering_for_cache = False


def _store(key: Hashable, html: str, limit: int) -> None:
    global _size
    with _lock:
        if key in _pages:
            return
        _pages[key] = html
        _size += len(html)
        while _size > limit and _pages:
            _old_key, old = _pages.popitem(last=False)
            _size -= len(old)


def clear() -> None:
    global _size
    with _lock:
        _pages.clear()
        _size = 0

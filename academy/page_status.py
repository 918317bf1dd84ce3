"""Whether the page being rendered reports an error, so that its <title> can say so.

base.html renders its content before its <head>: the error summary macro notes
the error here, and the title then begins "Error: ". Without JavaScript the
title is what a screen reader reads first when a form comes back with errors.
"""

from __future__ import annotations

from flask import g


def note_page_error() -> str:
    """Mark the page as reporting an error; returns "" so a template can call it inline."""
    g.page_has_error = True
    return ""


def page_has_error() -> bool:
    return bool(g.get("page_has_error"))

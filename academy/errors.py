"""Friendly error pages in the visitor's language, never a stack trace."""

from __future__ import annotations

from babel.units import format_unit
from flask import current_app, render_template, request
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError


def _messages() -> dict[int, tuple[str, str]]:
    return {
        400: (_("Bad request"), _("We could not understand that request. Nothing was changed.")),
        403: (_("Not allowed"), _("Your account does not have access to this page.")),
        404: (
            _("Page not found"),
            _("We could not find this page. Check the address, or start from the home page."),
        ),
        405: (_("Not allowed"), _("This page cannot be used that way.")),
        413: (_("Too large"), _too_large_text()),
        429: (
            _("Too many attempts"),
            _("Please wait a few minutes before you try again."),
        ),
        500: (
            _("Something went wrong"),
            _("An error on our side stopped this page. Nothing was changed. Please try again."),
        ),
    }


def _too_large_text() -> str:
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    if not limit:
        return _("What you sent is too large. Nothing was changed.")
    megabytes = limit / (1024 * 1024)
    size = (
        format_unit(round(megabytes, 1), "digital-megabyte", length="short", locale=get_locale())
        if megabytes >= 1
        else format_unit(
            round(limit / 1024, 1), "digital-kilobyte", length="short", locale=get_locale()
        )
    )
    return _(
        "What you sent is too large: this site accepts at most %(size)s at once. "
        "Nothing was changed. Go back and send something smaller.",
        size=size,
    )


def render_error(code: int, detail: str | None = None):
    messages = _messages()
    title, text = messages.get(code, messages[500] if code >= 500 else messages[400])
    wants_json = request.accept_mimetypes.best == "application/json"
    if wants_json:
        return {"error": title, "message": detail or text}, code
    return render_template("errors/error.html", code=code, title=title, text=detail or text), code


def handle_http_error(error: HTTPException):
    if error.code is None or error.code < 400:
        return error
    return render_error(error.code)


def handle_csrf_error(_error: CSRFError):
    return render_error(
        400,
        _(
            "This form was out of date or did not come from this site, so nothing was changed. "
            "Please go back, reload the page and try again."
        ),
    )


def handle_unexpected_error(error: Exception):
    # Flask has already logged the traceback; the visitor sees a plain page.
    original = getattr(error, "original_exception", error)
    if isinstance(original, HTTPException):
        return handle_http_error(original)
    return render_error(500)


def register_error_handlers(app) -> None:
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(InternalServerError, handle_unexpected_error)

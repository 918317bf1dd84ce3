"""The home page, the language switcher and /healthz."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from flask import current_app, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy import text

from academy.extensions import csrf, db, limiter
from academy.i18n import normalise_language, set_language_cookie
from academy.main import bp
from academy.main.forms import LanguageForm
from academy.security import safe_next


@bp.route("/")
def home():
    return render_template("main/home.html")


@bp.route("/healthz")
@limiter.exempt
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # any failure means "down"; the details stay in the log
        db.session.rollback()
        return {"status": "error", "database": "unavailable"}, 503
    return {"status": "ok", "database": "ok"}


def _without_lang_parameter(url: str) -> str:
    # A ?lang= in the page address would override the choice just made.
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "lang"]
    return urlunsplit(("", "", parts.path, urlencode(query), parts.fragment))


def _check_origin() -> None:
    """Refuse a visitor's switch posted from another site (CSRFError: the 400 page).

    A visitor's pages carry no CSRF token, so that reading creates no session:
    what a forged switch could do is set the language cookie of a browser that
    has no account here. Browsers say where a form came from: Sec-Fetch-Site,
    and Origin on every POST; one that says neither is let through.
    """
    if request.headers.get("Sec-Fetch-Site") in ("cross-site", "same-site"):
        raise CSRFError("The form was posted from another site.")
    origin = request.headers.get("Origin")
    if origin and urlsplit(origin).netloc != request.host:
        raise CSRFError("The form was posted from another site.")


@bp.route("/language", methods=["POST"])
@csrf.exempt
def set_language():
    """Change the interface language: a cookie, and a signed-in person's profile.

    A signed-in person's form carries a CSRF token, checked here as everywhere;
    a visitor's has none (see _check_origin).
    """
    if current_user.is_authenticated:
        if current_app.config.get("WTF_CSRF_ENABLED", True):
            csrf.protect()
    else:
        _check_origin()
    form = LanguageForm(prefix="switch", meta={"csrf": False})
    language = normalise_language(form.language.data) if form.validate_on_submit() else None
    target = _without_lang_parameter(safe_next(form.next.data, url_for("main.home")))
    if language is None:
        return redirect(target)
    if current_user.is_authenticated:
        current_user.locale = language
        db.session.commit()
    return set_language_cookie(redirect(target), language)


@bp.app_context_processor
def _language_switcher() -> dict:
    """Let the switcher on every page point back at the page being shown."""

    def switcher_next() -> str:
        return request.full_path if request.query_string else request.path

    return {"switcher_next": switcher_next}


@bp.route("/privacy")
def privacy():
    return render_template("main/privacy.html")

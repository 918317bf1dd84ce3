"""The home page, the language switcher and /healthz."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from flask import redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import text

from academy.extensions import db, limiter
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


@bp.route("/language", methods=["POST"])
def set_language():
    form = LanguageForm(prefix="switch")
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

"""Render a certificate record (a plain dict) to a reproducible PDF.

Call inside an application context: the default template is rendered with
the app's Jinja environment (its globals, filters and Babel gettext), through
an overlay that loads this package's templates directly, so printing works
from views, the CLI and workers whether or not the blueprint is registered,
and without the request-only context processors (csrf_token, current_user).
A course's own template is rendered in a sandbox with limits on work and size
(academy.certificates.sandbox), and any document stops at MAX_PAGES pages; a
course template that fails either way raises CertificateRenderError.

The bytes depend only on the record, the template, WeasyPrint's version and
the installed fonts, which is what certificate_etag() hashes.
"""

from __future__ import annotations

import contextvars
import hashlib
import json
import subprocess
import threading
from datetime import date, datetime
from functools import cache, lru_cache
from pathlib import Path

import segno
import weasyprint
import weasyprint.layout
from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_interval
from babel.numbers import format_decimal, format_percent
from flask import current_app
from flask_babel import force_locale, gettext, ngettext
from jinja2 import FileSystemLoader
from markupsafe import Markup
from weasyprint.text.fonts import FontConfiguration

from academy.certificates.fetcher import LOGO_URL, CertificateURLFetcher
from academy.certificates.sandbox import BoundedSandbox, render_bounded, template_line

TEMPLATES = Path(__file__).parent / "templates"
TRANSLATIONS = Path(__file__).resolve().parents[2] / "translations"
DEFAULT_TEMPLATE = "certificates/pdf/default.html"
STYLESHEET = TEMPLATES / "certificates" / "pdf" / "pdf.css"
_ENV_KEY = "certificates.pdf_env"
# One font configuration per thread, reused: a new one per document costs
# about 40 ms and never gives its Pango font map back (RSS grew ~0.2 MB a render).
_fonts = threading.local()
# Bump when this module changes the bytes it renders for the same inputs.
RENDERER_VERSION = "3"
# A certificate is one sheet, front and back; layout stops past this.
MAX_PAGES = 2
_page_cap: contextvars.ContextVar[int | None] = contextvars.ContextVar(
    "certificate_page_cap", default=None
)


class CertificateRenderError(Exception):
    """A course's certificate template that cannot be printed: why, and its line if known."""

    def __init__(self, reason: str, line: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.line = line


class _TooManyPages(Exception):
    pass


def render_certificate_pdf(
    record: dict,
    *,
    verify_url: str,
    logo: tuple[bytes, str] | None = None,
    template_html: str | None = None,
) -> bytes:
    """Return the certificate as PDF bytes, the same bytes for the same inputs.

    logo is (bytes, media type); template_html is a course's Jinja template,
    rendered sandboxed instead of the default one. Needs an app context.
    """
    locale = _locale(record["language"])
    with force_locale(str(locale)):
        context = _context(record, verify_url, locale, has_logo=logo is not None)
        if template_html is None:
            html = _app_env().get_template(DEFAULT_TEMPLATE).render(context)
        else:
            html = _course_template_html(template_html, context)
    fetcher = CertificateURLFetcher({LOGO_URL: logo} if logo else {})
    try:
        document = _layout(html, fetcher)
    except _TooManyPages:
        raise CertificateRenderError(f"the certificate runs over {MAX_PAGES} pages") from None
    except Exception as error:
        if template_html is None:
            raise
        raise CertificateRenderError(f"WeasyPrint: {error}") from error
    _set_metadata(document.metadata, record)
    return document.write_pdf(pdf_identifier=record["public_id"].encode(), custom_metadata=True)


def _course_template_html(source: str, context: dict) -> str:
    """The course template rendered in the bounded sandbox; any failure is the template's."""
    try:
        return render_bounded(_sandbox().from_string(source), context)
    except Exception as error:
        # A template can fail in many ways (syntax, undefined, limits, recursion,
        # arithmetic); each is reported with its line, none is a server error.
        raise CertificateRenderError(str(error)[:300], template_line(error)) from error


def _layout(html: str, fetcher: CertificateURLFetcher) -> weasyprint.Document:
    token = _page_cap.set(MAX_PAGES)
    try:
        return weasyprint.HTML(string=html, url_fetcher=fetcher).render(
            stylesheets=[_stylesheet()], font_config=_font_config()
        )
    finally:
        _page_cap.reset(token)


def _install_page_cap() -> None:
    """Stop WeasyPrint's layout at the cap instead of after the last page.

    make_all_pages is the generator layout_document draws every page from; a
    template asking for a 10-metre-tall box would otherwise be laid out as
    thousands of pages before any count could refuse it. Renders outside
    this module (no cap set) are unaffected; tests/certificates/test_template_limits.py
    fails if a WeasyPrint upgrade moves the generator.
    """
    original = weasyprint.layout.make_all_pages
    if getattr(original, "academy_page_cap", False):
        return

    def make_all_pages(context, root_box, html, pages):
        cap = _page_cap.get()
        for number, page in enumerate(original(context, root_box, html, pages), start=1):
            if cap is not None and number > cap:
                raise _TooManyPages(cap)
            yield page

    make_all_pages.academy_page_cap = True
    weasyprint.layout.make_all_pages = make_all_pages


_install_page_cap()


def certificate_etag(
    record: dict,
    template_html: str | None,
    *,
    verify_url: str | None = None,
    logo: tuple[bytes, str] | None = None,
) -> str:
    """Hash everything the PDF bytes depend on, for HTTP caching across servers.

    Pass the verify_url and logo given to render_certificate_pdf too: they are
    printed, so a changed base URL or logo must change the ETag.
    """
    logo_key = hashlib.sha256(logo[0]).hexdigest() + logo[1] if logo else None
    return etag_for(record, template_html, verify_url=verify_url, logo_key=logo_key)


def renderer_stamp(language: str) -> tuple:
    """What the ETag takes from this code and its files, cheaply: a version and file stamps.

    Equal stamps give equal ETags for the same record, so a caller may keep ETags by it.
    """
    files = (
        STYLESHEET,
        TRANSLATIONS / str(_locale(language).language) / "LC_MESSAGES" / "messages.mo",
    )
    stamps = []
    for path in files:
        try:
            stat = path.stat()
            stamps.append((stat.st_mtime_ns, stat.st_size))
        except OSError:
            stamps.append(None)
    return (RENDERER_VERSION, *stamps)


def etag_for(
    record: dict, template_html: str | None, *, verify_url: str | None, logo_key: str | None
) -> str:
    """certificate_etag with the logo as its SHA-256 and media type (no bytes to read)."""
    digest = hashlib.sha256()
    for part in (
        json.dumps(record, sort_keys=True, default=str),
        verify_url or "",
        logo_key or "no logo",
        template_html if template_html is not None else _default_template_source(),
        _file_text(STYLESHEET),
        _catalog_digest(str(_locale(record["language"]).language)),
        RENDERER_VERSION,
        weasyprint.__version__,
        segno.__version__,
        _font_versions(),
    ):
        digest.update(part.encode())
        digest.update(b"\0")
    return digest.hexdigest()


def _context(record: dict, verify_url: str, locale: Locale, *, has_logo: bool) -> dict:
    hours = record.get("duration_hours")
    score = record.get("score_percent")
    completed_at = record.get("completed_at") or record["issued_at"]
    return {
        "certificate": record,
        "lang": record["language"],
        "dir": locale.text_direction,
        "revoked": record.get("state") == "revoked",
        "completed_on": format_date(datetime.fromisoformat(completed_at), "long", locale=locale),
        "issued_on": format_date(
            datetime.fromisoformat(record["issued_at"]), "long", locale=locale
        ),
        "hours": None if hours is None else format_decimal(hours, locale=locale),
        # gettext plurals count integers; a fractional number of hours is plural.
        "hours_count": None if hours is None else (int(hours) if hours == int(hours) else 2),
        "score": None if score is None else format_percent(score / 100, "#,##0.#%", locale=locale),
        "verify_url": verify_url,
        "qr_svg": _qr_svg(verify_url),
        "logo_url": LOGO_URL if has_logo else None,
        "cohort": _cohort(record.get("cohort"), locale),
    }


def _cohort(cohort: dict | None, locale: Locale) -> dict | None:
    """The cohort's name and its dates as a range in the certificate's language."""
    if not cohort:
        return None
    starts, ends = (
        date.fromisoformat(cohort[key]) if cohort.get(key) else None
        for key in ("starts_on", "ends_on")
    )
    if starts and ends:
        dates = format_interval(starts, ends, "yMMMd", locale=locale)
    elif starts:
        dates = gettext("from %(date)s", date=format_date(starts, "long", locale=locale))
    elif ends:
        dates = gettext("until %(date)s", date=format_date(ends, "long", locale=locale))
    else:
        dates = ""
    return {"name": cohort.get("name", ""), "dates": dates}


def _font_config() -> FontConfiguration:
    if not hasattr(_fonts, "config"):
        _fonts.config = FontConfiguration()
    return _fonts.config


@lru_cache(maxsize=256)
def _qr_svg(url: str) -> Markup:
    # Segno draws the modules as one path: no text from the URL is in the markup.
    svg = segno.make(url, error="m").svg_inline(scale=4, border=2, omitsize=True)
    return Markup(svg)  # noqa: S704


def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("_", "-"), sep="-")
    except (ValueError, UnknownLocaleError):
        return Locale("en")


def _app_env():
    """The app's Jinja environment, also loading this package's templates."""
    env = current_app.extensions.get(_ENV_KEY)
    if env is None:
        env = current_app.jinja_env.overlay(loader=FileSystemLoader(TEMPLATES))
        current_app.extensions[_ENV_KEY] = env
    return env


@cache
def _sandbox() -> BoundedSandbox:
    env = BoundedSandbox(autoescape=True, extensions=["jinja2.ext.i18n"])
    env.install_gettext_callables(gettext, ngettext, newstyle=True)
    return env


@cache
def _stylesheet() -> weasyprint.CSS:
    # A parsed stylesheet is reused by every render; it loads no URL.
    return weasyprint.CSS(string=STYLESHEET.read_text(encoding="utf-8"), url_fetcher=_refuse_all)


def _refuse_all(url: str):
    return CertificateURLFetcher().fetch(url)


def _catalog_digest(language: str) -> str:
    """The compiled translations the certificate's words come from, if any."""
    catalog = TRANSLATIONS / language / "LC_MESSAGES" / "messages.mo"
    try:
        stat = catalog.stat()
    except OSError:
        return "no catalog"
    return _file_digest(catalog, stat.st_mtime_ns, stat.st_size)


def _file_text(path: Path) -> str:
    """A file's text, read again only when it changed (every download hashes it)."""
    stat = path.stat()
    return _read_text(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _read_text(path: Path, _mtime_ns: int, _size: int) -> str:
    return path.read_text(encoding="utf-8")


@lru_cache(maxsize=32)
def _file_digest(path: Path, _mtime_ns: int, _size: int) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "no catalog"


@cache
def _default_template_source() -> str:
    return (TEMPLATES / DEFAULT_TEMPLATE).read_text(encoding="utf-8")


@cache
def _font_versions() -> str:
    """The Noto font files and their versions, as fontconfig reports them, read once."""
    try:
        listing = subprocess.run(  # noqa: S603
            ["fc-list", "--format", "%{file}\t%{fontversion}\n", ":family"],  # noqa: S607
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return "fonts unknown"
    return "\n".join(sorted({line for line in listing.splitlines() if "Noto" in line}))


def _set_metadata(metadata, record: dict) -> None:
    metadata.title = f"{record['course_title']} — {record['recipient_name']}"
    metadata.authors = [record["issuer"]]
    metadata.lang = record["language"]
    metadata.created = metadata.modified = record["issued_at"]
    metadata.generator = "SSE Academy"
    metadata.custom = {"Identifier": record["public_id"]}

"""Configuration: defaults, overridden by ACADEMY_* environment variables."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

# Keys that ship in examples or tests; production refuses to run with them.
_KNOWN_WEAK_KEYS = {"", "dev", "change-me", "changeme", "secret", "test"}
MIN_SECRET_KEY_LENGTH = 32


class ConfigurationError(RuntimeError):
    """Raised when the app cannot start safely with the configuration given."""


# Only this machine reads /metrics unless the operator names their network.
DEFAULT_METRICS_ALLOW = "127.0.0.1/32, ::1/128"

# The checkout the app runs from: migrations/ and docs/ live beside the package.
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(f"ACADEMY_{name}", default)


def _env_bool(name: str, default: bool) -> bool:
    value = _env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_int(name: str, default: int) -> int:
    value = _env(name)
    return default if value in (None, "") else int(value)


def _env_float(name: str, default: float) -> float:
    value = _env(name)
    return default if value in (None, "") else float(value)


def load_secret_key(instance_path: Path, production: bool) -> str:
    """Return the secret key from the environment or instance/secret_key.

    In development a missing key is generated once and kept in the instance
    folder, so sessions survive restarts; production never invents one.
    """
    key = _env("SECRET_KEY")
    key_file = instance_path / "secret_key"
    if not key and key_file.exists():
        key = key_file.read_text(encoding="utf-8").strip()
    if not key and not production:
        instance_path.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(48)
        key_file.write_text(key + "\n", encoding="utf-8")
        key_file.chmod(0o600)
    return key or ""


def check_production_secret(key: str) -> None:
    """Refuse a missing, short or well-known secret key."""
    if key.strip().lower() in _KNOWN_WEAK_KEYS or len(key) < MIN_SECRET_KEY_LENGTH:
        raise ConfigurationError(
            "ACADEMY_ENV=production needs a real secret key: set ACADEMY_SECRET_KEY "
            f"(at least {MIN_SECRET_KEY_LENGTH} random characters) or write one to "
            "instance/secret_key."
        )


def normalise_database_url(url: str) -> str:
    """Let postgres:// and postgresql:// URLs use psycopg 3, the driver we ship."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def keys_dir(instance_path: Path) -> str:
    """Where the credential signing keys live (academy.credentials.keys)."""
    return _env("CREDENTIAL_KEYS_DIR") or str(instance_path / "keys")


def from_environment(instance_path: Path) -> dict:
    """Build the configuration mapping from defaults and the environment."""
    env = (_env("ENV") or "development").strip().lower()
    production = env == "production"
    database_url = normalise_database_url(
        _env("DATABASE_URL") or f"sqlite:///{instance_path / 'academy.db'}"
    )
    base_url = (_env("BASE_URL") or "http://127.0.0.1:5000").rstrip("/")
    https = base_url.startswith("https://")
    return {
        "ENV": env,
        "PRODUCTION": production,
        "DEBUG": False,
        "SECRET_KEY": load_secret_key(instance_path, production),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "BASE_URL": base_url,
        "PREFERRED_URL_SCHEME": "https" if https else "http",
        "PROXY_COUNT": _env_int("PROXY_COUNT", 0),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": https,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": https,
        "HSTS": https and production,
        "MAIL_SERVER": _env("MAIL_SERVER") or "",
        "MAIL_PORT": _env_int("MAIL_PORT", 587),
        "MAIL_USERNAME": _env("MAIL_USERNAME") or "",
        "MAIL_PASSWORD": _env("MAIL_PASSWORD") or "",
        "MAIL_USE_TLS": _env_bool("MAIL_USE_TLS", True),
        "MAIL_USE_SSL": _env_bool("MAIL_USE_SSL", False),
        "MAIL_SENDER": _env("MAIL_SENDER") or "SSE Academy <no-reply@localhost>",
        # Seconds the mail server gets to connect and to answer each command; a
        # server that hangs must not hold a request for long (academy.mail).
        "MAIL_TIMEOUT": _env_float("MAIL_TIMEOUT", 10.0),
        "MAIL_OUTBOX": str(instance_path / "outbox"),
        # Where people write when something is wrong with their account.
        "SUPPORT_EMAIL": _env("SUPPORT_EMAIL") or "",
        # Development convenience: print each mail's links to the console.
        "MAIL_PRINT_LINKS": not production and _env_bool("MAIL_PRINT_LINKS", True),
        "RATELIMIT_STORAGE_URI": _env("RATELIMIT_STORAGE_URI") or "memory://",
        # A moving window counts the last minute or hour whenever it is asked; a
        # fixed one resets on the clock and lets twice the limit through at its edge.
        "RATELIMIT_STRATEGY": "moving-window",
        # Where failed sign-ins are counted: "database", or a limits storage URI
        # such as redis://host:6379 that every app server shares.
        "THROTTLE_STORAGE": _env("THROTTLE_STORAGE") or "database",
        # Certificate PDF downloads, per signed-in user and per address (a
        # workshop behind one address downloads together).
        "CERTIFICATE_PDF_LIMIT_PER_USER": _env("CERTIFICATE_PDF_LIMIT_PER_USER") or "20/minute",
        "CERTIFICATE_PDF_LIMIT_PER_ADDRESS": _env("CERTIFICATE_PDF_LIMIT_PER_ADDRESS")
        or "120/minute",
        # Enrolment keys a signed-in person may get wrong on course pages.
        "COHORT_KEY_LIMIT": _env("COHORT_KEY_LIMIT") or "10/hour",
        "TOKEN_MAX_AGE": _env_int("TOKEN_MAX_AGE", 24 * 3600),
        "RESET_TOKEN_MAX_AGE": _env_int("RESET_TOKEN_MAX_AGE", 3600),
        # How long a cohort invitation's link fills in the registration form; the
        # invitation itself waits for its address as long as the cohort exists.
        "INVITATION_TOKEN_MAX_AGE": _env_int("INVITATION_TOKEN_MAX_AGE", 60 * 24 * 3600),
        # How long a face-to-face file's preview may be confirmed (academy.admin.face_to_face).
        "FACE_TO_FACE_PREVIEW_SECONDS": _env_int("FACE_TO_FACE_PREVIEW_MINUTES", 60) * 60,
        "REMEMBER_COOKIE_DURATION": _env_int("REMEMBER_DAYS", 30) * 24 * 3600,
        "WTF_CSRF_TIME_LIMIT": None,
        # The largest request body accepted, in bytes (default 4 MB); a larger one
        # gets the 413 page before it is read. Forms need far less; raise it
        # only for uploads.
        "MAX_CONTENT_LENGTH": _env_int("MAX_CONTENT_LENGTH", 4 * 1024 * 1024),
        # Uploaded course packages (academy.packagefiles.archives): the zip itself,
        # its entries, what it unpacks to in all and per file, and the most
        # it may be compressed. An upload route must also allow the zip's size
        # in MAX_CONTENT_LENGTH.
        "PACKAGE_UPLOAD_MAX_BYTES": _env_int("PACKAGE_UPLOAD_MAX_MB", 50) * 1024 * 1024,
        "PACKAGE_MAX_ENTRIES": _env_int("PACKAGE_MAX_ENTRIES", 2000),
        "PACKAGE_MAX_BYTES": _env_int("PACKAGE_MAX_MB", 100) * 1024 * 1024,
        "PACKAGE_MAX_FILE_BYTES": _env_int("PACKAGE_MAX_FILE_MB", 20) * 1024 * 1024,
        "PACKAGE_MAX_RATIO": _env_int("PACKAGE_MAX_RATIO", 100),
        # Rendered lesson pages kept per process (academy.pagecache); 0 turns it off.
        "PAGE_CACHE_BYTES": _env_int("PAGE_CACHE_MB", 32) * 1024 * 1024,
        # How old a process's knowledge of a course's version may be when it serves a
        # visitor's lesson page from that cache (academy.courses.freshness): another
        # server's import or unpublishing reaches visitors within this many seconds.
        "PAGE_CACHE_CHECK_SECONDS": _env_float("PAGE_CACHE_CHECK_SECONDS", 2.0),
        # gzip for HTML, CSS, JavaScript and JSON (academy.compression); turn it off
        # when a proxy in front (nginx, deploy/) compresses.
        "COMPRESS_RESPONSES": _env_bool("COMPRESS_RESPONSES", True),
        # Certificate PDFs kept per process by ETag (academy.certificates.pdf_cache); 0: off.
        "CERTIFICATE_PDF_CACHE_BYTES": _env_int("CERTIFICATE_PDF_CACHE_MB", 16) * 1024 * 1024,
        # Report groups smaller than this are shown as "fewer than N" (academy.admin.suppression).
        "REPORT_MIN_GROUP": max(_env_int("REPORT_MIN_GROUP", 5), 1),
        # Adds /bench/constant, the baseline of `make bench`; never in production.
        # The folder of the keys that sign credentials: a private key (mode 600)
        # and every public key ever used; `academy keys generate|rotate`.
        "CREDENTIAL_KEYS_DIR": keys_dir(instance_path),
        # Addresses the site was served at before BASE_URL (comma-separated):
        # credentials issued under them are still this academy's.
        "CREDENTIAL_FORMER_BASE_URLS": [
            url.strip().rstrip("/")
            for url in (_env("CREDENTIAL_FORMER_BASE_URLS") or "").split(",")
            if url.strip()
        ],
        "BENCHMARK_ROUTES": not production and _env_bool("BENCHMARK_ROUTES", False),
        # Who may read /metrics: addresses or networks (CIDR), comma-separated, as
        # the app sees them after ACADEMY_PROXY_COUNT; empty lets nobody (academy.metrics).
        "METRICS_ALLOW": _env("METRICS_ALLOW", DEFAULT_METRICS_ALLOW),
        # Log lines: "json" (one object a line, for a collector) or "plain"
        # (for a terminal); the app's own loggers log from LOG_LEVEL up (academy.logs).
        "LOG_FORMAT": (_env("LOG_FORMAT") or ("json" if production else "plain")).strip().lower(),
        "LOG_LEVEL": (_env("LOG_LEVEL") or "INFO").strip().upper(),
        # One line per request (method, endpoint, status, time, request id, user id).
        "ACCESS_LOG": _env_bool("ACCESS_LOG", True),
    }

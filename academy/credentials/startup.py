"""What the app checks about credentials as it starts: the signing key, and the site's URL.

Production refuses to start on what would break credentials later (no key,
a key that does not load, a key others may read, an issuer that cannot be
resolved); development logs the same problems as warnings and goes on.
Messages are for the operator at start-up, in English, like the other
configuration errors (academy.config).
"""

from __future__ import annotations

import logging
import stat
from pathlib import Path
from urllib.parse import urlsplit

from joserfc.errors import JoseError

from academy.config import ConfigurationError
from academy.credentials import keys

logger = logging.getLogger(__name__)

LOOPBACK = {"localhost", "127.0.0.1", "::1"}


def check(config) -> None:
    """Refuse (production) or warn (development) about the key and the BASE_URL."""
    production = config["PRODUCTION"]
    for problem in [
        signing_key_problem(Path(config["CREDENTIAL_KEYS_DIR"]), production),
        base_url_problem(config["BASE_URL"], production),
    ]:
        if problem is None:
            continue
        if production:
            raise ConfigurationError(problem)
        logger.warning(problem)


def signing_key_problem(folder: Path, production: bool) -> str | None:
    path = keys.current_private_file(folder)
    if path is None:
        if not production:
            return None  # development makes one on first need
        return (
            "ACADEMY_ENV=production needs a key to sign credentials: run "
            "`academy keys generate` (it writes to ACADEMY_CREDENTIAL_KEYS_DIR, by default "
            f"instance/keys); no private key was found in {folder}."
        )
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        keys.signing_key(folder)  # parsed now, so a damaged file shows at start-up
    except (OSError, ValueError, JoseError) as error:
        return (
            f"the credential signing key {path} cannot be loaded ({error.__class__.__name__}): "
            "restore it from a backup, or run `academy keys rotate` to replace it."
        )
    if mode & 0o077:
        return (
            f"the credential signing key {path} can be read by other users (mode {mode:o}): "
            f"run `chmod 600 {path}`."
        )
    return None


def base_url_problem(base_url: str, production: bool) -> str | None:
    """An http:// site: did:web resolves over HTTPS only, so no verifier can resolve our issuer."""
    parts = urlsplit(base_url)
    if parts.scheme == "https":
        return None
    message = (
        f"ACADEMY_BASE_URL is {base_url}: credentials name their issuer by did:web and their "
        "keys by URL, which verifiers fetch over HTTPS only. Serve the site over HTTPS and "
        "set ACADEMY_BASE_URL to its https:// address."
    )
    if production and (parts.hostname or "") in LOOPBACK:
        # A trial of production on this machine (nothing outside can verify
        # anyway): said, not refused.
        logger.warning(message)
        return None
    return message if production else None

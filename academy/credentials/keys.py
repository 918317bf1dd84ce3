"""The academy's signing keys: RSA key files in one folder, never in the database.

The folder (CREDENTIAL_KEYS_DIR, by default instance/keys) holds, for each
key ever used, `<kid>.public.pem`, and for the current one only,
`<kid>.private.pem` (mode 600; the folder 700), and a `current` file naming
the signing key, written last. A rotation writes a new pair, names it
current, and deletes the old private key: new credentials are signed with the
new key, and every earlier public key stays published (JWKS, did:web) so
every credential signed before still verifies. No Flask, no database.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from joserfc.jwk import RSAKey

# RS256 is the algorithm every Open Badges 3.0 verifier must accept (OB 3.0,
# VC-JWT proof format); 3072 bits keeps it sound well past 2030 (NIST SP 800-57).
ALGORITHM = "RS256"
KEY_BITS = 3072
PRIVATE = ".private.pem"
PUBLIC = ".public.pem"
# Names the key that signs; written last by generate and rotate.
CURRENT = "current"


# Why a command refused (KeyFolderError.args[0]); the CLI words them.
KEY_EXISTS = "exists"
NO_KEY = "no key"


class KeyFolderError(RuntimeError):
    """The key folder is not in a state the command can work with: KEY_EXISTS or NO_KEY."""


@dataclass(frozen=True)
class PublicKey:
    kid: str
    key: RSAKey
    current: bool


def _private_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"*{PRIVATE}")) if folder.is_dir() else []


def _kid_of(path: Path, suffix: str) -> str:
    return path.name.removesuffix(suffix)


def _write(path: Path, data: bytes, mode: int) -> None:
    # Created with its mode from the start: never readable by others, not even briefly.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    path.chmod(mode)


def _new_pair(folder: Path) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o700)
    key = RSAKey.generate_key(KEY_BITS, private=True)
    # A date for people, a thumbprint so two keys made the same day differ.
    kid = f"{datetime.now(UTC):%Y%m%d}-{key.thumbprint()[:16]}"
    _write(folder / f"{kid}{PUBLIC}", key.as_pem(private=False), 0o644)
    _write(folder / f"{kid}{PRIVATE}", key.as_pem(private=True), 0o600)
    # Only once both files are whole does the new key sign: a crash before
    # this leaves the previous key in charge.
    marker = folder / f".{CURRENT}.new"
    marker.unlink(missing_ok=True)
    _write(marker, kid.encode(), 0o644)
    os.replace(marker, folder / CURRENT)
    return kid


def generate(folder: Path) -> str:
    """Make the first signing key in folder; its key id. Refused if one exists."""
    if _private_files(folder):
        raise KeyFolderError(KEY_EXISTS)
    return _new_pair(folder)


def rotate(folder: Path) -> str:
    """Replace the signing key by a new one, keeping only the old one's public part."""
    old = _private_files(folder)
    if not old:
        raise KeyFolderError(NO_KEY)
    kid = _new_pair(folder)
    for path in old:
        path.unlink()
    return kid


def signing_key(folder: Path) -> tuple[str, RSAKey] | None:
    """The current private key and its id, or None when the folder has none."""
    path = current_private_file(folder)
    if path is None:
        return None
    return _kid_of(path, PRIVATE), _load(path, os.stat(path).st_mtime_ns)


def current_private_file(folder: Path) -> Path | None:
    """The signing key's file: the one the `current` marker names, else the newest.

    rotate() leaves one private key; if a crash left two, the marker (written
    last) says which one was finished, and without it the newest file by
    modification time signs, never the one that sorts last by name.
    """
    files = _private_files(folder)
    if not files:
        return None
    try:
        named = (folder / CURRENT).read_text(encoding="ascii").strip()
    except (OSError, ValueError):
        named = ""
    for path in files:
        if _kid_of(path, PRIVATE) == named:
            return path
    return max(files, key=lambda path: path.stat().st_mtime_ns)


def public_keys(folder: Path) -> list[PublicKey]:
    """Every public key, the current one first (openbadgeslib reads the first as default)."""
    if not folder.is_dir():
        return []
    current = signing_key(folder)
    current_kid = current[0] if current else None
    keys = [
        PublicKey(_kid_of(path, PUBLIC), _load(path, os.stat(path).st_mtime_ns), False)
        for path in sorted(folder.glob(f"*{PUBLIC}"), reverse=True)
    ]
    keys = [PublicKey(k.kid, k.key, k.kid == current_kid) for k in keys]
    return sorted(keys, key=lambda k: not k.current)


_cache: dict[tuple[str, int], RSAKey] = {}


def _load(path: Path, mtime: int) -> RSAKey:
    """Parse a PEM file once per process (and again if the file changes)."""
    entry = (str(path), mtime)
    if entry not in _cache:
        _cache[entry] = RSAKey.import_key(path.read_bytes())
    return _cache[entry]

"""Keys made once per run and copied into each test's key folder (RSA generation is slow)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from academy.certificates import services
from academy.credentials import keys
from tests.factories import make_user


@pytest.fixture(scope="session")
def key_pairs(tmp_path_factory) -> list[Path]:
    """Two folders: one key, and the same key rotated once (old public + new pair)."""
    first = tmp_path_factory.mktemp("keys-one")
    keys.generate(first)
    rotated = tmp_path_factory.mktemp("keys-rotated")
    shutil.copytree(first, rotated, dirs_exist_ok=True)
    keys.rotate(rotated)
    return [first, rotated]


def install_keys(app, source: Path) -> Path:
    folder = Path(app.config["CREDENTIAL_KEYS_DIR"])
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(source, folder)
    folder.chmod(0o700)
    return folder


@pytest.fixture
def signing_keys(app, key_pairs) -> Path:
    """The app's key folder, holding one signing key."""
    return install_keys(app, key_pairs[0])


@pytest.fixture
def certificate(app, sample_course, signing_keys):
    learner = make_user(email="amina@example.org", name="Amina Diallo")
    issued = services.issue_certificate(learner, sample_course)
    from academy.extensions import db

    db.session.commit()
    return issued

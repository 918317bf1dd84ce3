"""Password hashing and the rules for new passwords."""

from __future__ import annotations

import pytest

from academy.auth.passwords import hash_password, password_problem, verify_password


def test_hashes_are_argon2id_and_salted(app):
    first, second = hash_password("river lantern autumn"), hash_password("river lantern autumn")
    assert first.startswith("$argon2id$")
    assert first != second
    assert verify_password(first, "river lantern autumn")
    assert not verify_password(first, "river lantern autumN")


def test_missing_or_broken_hashes_never_verify(app):
    assert not verify_password(None, "anything at all")
    assert not verify_password("not-a-hash", "anything at all")


@pytest.mark.parametrize(
    "password",
    ["short", "aaaaaaaaaaaa", "1234567890", "Password123", "amina.diallo!!", "AminaDiallo99"],
)
def test_weak_passwords_are_refused(app, password):
    with app.test_request_context():
        assert password_problem(password, email="amina.diallo@example.org", name="Amina Diallo")


@pytest.mark.parametrize("password", ["river lantern autumn", "Tr0ub4dor&3xyz", "مكتبة الشمس 2026"])
def test_reasonable_passwords_pass(app, password):
    with app.test_request_context():
        assert password_problem(password, email="amina@example.org", name="Amina") is None


def test_overlong_passwords_are_refused(app):
    with app.test_request_context():
        assert password_problem("x1y2" * 100) is not None

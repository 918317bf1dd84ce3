"""Test data: accounts with sensible defaults."""

from __future__ import annotations

import itertools
import re

from academy.auth import services
from academy.extensions import db

PASSWORD = "correct horse battery staple"
_numbers = itertools.count(1)


def make_user(email: str | None = None, password: str = PASSWORD, *, commit=True, **options):
    number = next(_numbers)
    profile = {
        "name": f"Learner {number}",
        "locale": "en",
        "country": "SN",
        "constituent_group": "sse_entity",
        "organization": "",
        "sex": None,
    }
    role = options.pop("role", "learner")
    confirmed = options.pop("confirmed", True)
    profile.update(options)
    user = services.create_user(
        email or f"learner{number}@example.org", password, role=role, confirmed=confirmed, **profile
    )
    if commit:
        db.session.commit()
    return user


def sign_in(client, email: str, password: str = PASSWORD, remember: bool = False):
    data = {"email": email, "password": password}
    if remember:
        data["remember"] = "y"
    return client.post("/auth/sign-in", data=data)


def reload(obj):
    """Re-read obj from the database, outside the test's current read snapshot."""
    db.session.rollback()
    db.session.refresh(obj)
    return obj


_TOKEN = re.compile(r'(<input[^>]*name="[\w-]*csrf_token"[^>]*value=")[^"]*(")')


def without_tokens(html: str) -> str:
    """html with its CSRF tokens blanked: they carry a timestamp, so two pages differ."""
    return _TOKEN.sub(r"\1\2", html)

"""The XSS corpus through the whole pipeline: package files -> check -> render -> database."""

from __future__ import annotations

import json

from sqlalchemy import select

from academy.courses.building import check_package
from academy.courses.importing import import_built
from academy.courses.models import LessonContent
from academy.extensions import db
from tests.courses.packages import base_files, lesson, write_package
from tests.courses.test_xss import PAYLOADS, assert_harmless


def test_every_payload_is_harmless_once_imported(app, tmp_path):
    files = base_files()
    for number, payload in enumerate(PAYLOADS, start=3):
        # As the lesson body, and in the title, where templates will print it.
        title = json.dumps(payload.replace("\n", " ").strip()[:200] or "Empty")
        files[f"01-start/{number:03d}-payload-{number}.en.md"] = lesson(title, payload + "\n")
    root = write_package(tmp_path, files)
    built, problems = check_package(root)
    # Payloads may be reported as broken links; what is stored must be harmless anyway.
    built.problems.items.clear()
    import_built(built)
    db.session.commit()
    stored = db.session.scalars(select(LessonContent.html)).all()
    assert len(stored) == len(PAYLOADS) + 4
    for html in stored:
        assert_harmless(html)

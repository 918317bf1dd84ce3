"""The load run's data: a small course with a quiz, learners enrolled in it, its trainer.

Seeded through the app factory and the services the CLI uses, into a
database whose schema is already migrated. The plan written for Locust
(plan.json) names the accounts and pages; it holds no secret worth keeping.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from argon2 import PasswordHasher
from sqlalchemy import update

COURSE = "load-course"
QUIZ = "check"
LESSONS = ("first-steps", "members", "surplus", "democracy", "next-steps")
PASSWORD = "load scenario password 2026"
TRAINER = "trainer@load.example.org"
# The short answer each submission types: the marker plus this word grades it right.
ANSWER = "cooperative"

_QUIZ = f"""\
title: {{en: Load check}}
pass_mark: 50
questions:
  - id: principle
    type: single
    text: {{en: "How many votes does each member have?"}}
    choices:
      - id: one
        correct: true
        text: {{en: One}}
      - id: shares
        text: {{en: One per share}}
  - id: marker
    type: short
    text: {{en: "Which kind of enterprise do the members own together?"}}
    answers: {{en: ["{ANSWER}"]}}
"""


def write_package(root: Path) -> Path:
    """A one-module course with five lessons and a two-question quiz, in English."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "course.yaml").write_text(
        f'id: {COURSE}\nversion: "1"\ndefault_language: en\nlanguages: [en]\n'
        f"title: {{en: Load course}}\ntrainers: [{TRAINER}]\n",
        encoding="utf-8",
    )
    module = root / "01-basics"
    module.mkdir(exist_ok=True)
    (module / "module.yaml").write_text("title: {en: Basics}\n", encoding="utf-8")
    for number, slug in enumerate(LESSONS, 1):
        body = "Members own the cooperative together and decide together.\n\n" * 20
        (module / f"{number:02d}-{slug}.en.md").write_text(
            f"---\ntitle: Lesson {number}\n---\n## {slug}\n\n{body}", encoding="utf-8"
        )
    (module / f"{len(LESSONS) + 1:02d}-{QUIZ}.quiz.yaml").write_text(_QUIZ, encoding="utf-8")
    return root


ROOT = Path(__file__).resolve().parents[3]
CHEAP_HASHING = {"ARGON2_TIME_COST": 1, "ARGON2_MEMORY_COST": 1024, "ARGON2_PARALLELISM": 1}


def seed_database(work: Path, database_url: str, learners: int) -> dict:
    """Seed the migrated database at database_url from this process; returns the plan."""
    from academy import create_app
    from academy.extensions import db

    env = {
        "ACADEMY_INSTANCE_PATH": str(work / "seed-instance"),
        "ACADEMY_DATABASE_URL": database_url,
        "ACADEMY_SECRET_KEY": "load-seed-secret-key-long-enough-for-anything-0123",
        "ACADEMY_MAIL_PRINT_LINKS": "0",
    }
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    try:
        app = create_app({**CHEAP_HASHING, "MAIL_SERVER": ""})
        with app.app_context():
            plan = seed(work, learners, ROOT / "courses")
            db.session.remove()
            db.engine.dispose()
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return plan


def learner_email(number: int) -> str:
    return f"learner{number}@load.example.org"


def seed(work: Path, learners: int, bundled: Path | None = None) -> dict:
    """Fill the app's database (inside an app context) and return the plan for Locust.

    Accounts are created with the tests' cheap hashing, then all given one
    hash made at the production cost: signing in costs what it costs in
    production, and seeding costs one hash instead of one per account.
    """
    from academy.auth.models import User
    from academy.courses.models import Course
    from academy.extensions import db
    from academy.learning.services import enrol
    from tests.conftest import import_package
    from tests.factories import make_user

    make_user(TRAINER, PASSWORD, role="trainer", name="Load Trainer")
    emails = [learner_email(n) for n in range(1, learners + 1)]
    users = [make_user(email, PASSWORD, commit=False) for email in emails]
    import_package(write_package(work / "load-course"))
    if bundled is not None:
        for package in sorted(p.parent for p in bundled.glob("*/course.yaml")):
            import_package(package)
    course = db.session.scalar(db.select(Course).where(Course.slug == COURSE))
    for user in users:
        enrol(user, course, "en")
    production_hash = PasswordHasher().hash(PASSWORD)
    db.session.execute(update(User).values(password_hash=production_hash))
    db.session.commit()
    slugs = db.session.scalars(db.select(Course.slug).order_by(Course.slug)).all()
    plan = {
        "course": COURSE,
        "lessons": list(LESSONS),
        "quiz": QUIZ,
        "answer": ANSWER,
        "password": PASSWORD,
        "learners": emails,
        "trainer": TRAINER,
        "courses": list(slugs),
    }
    (work / "plan.json").write_text(json.dumps(plan, indent=1), encoding="utf-8")
    return plan

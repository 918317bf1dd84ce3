"""`academy dev seed --learners N`: fill a development database with synthetic learners."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from contextlib import nullcontext
from datetime import UTC, datetime
from typing import NoReturn

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from flask_babel import gettext as _
from sqlalchemy import inspect

from academy.admin.seeding import Counts, SeedError, bulk_load, seed_database
from academy.database import write_transactions
from academy.extensions import db


def _fail(message: str) -> NoReturn:
    click.echo(_("Error: %(message)s", message=message), err=True)
    sys.exit(1)


def dev_group(create_app: Callable[[dict], Flask]) -> click.Group:
    """The `academy dev` commands; create_app builds the app for --database-url.

    It is passed in, not imported: the app factory sits above every feature.
    """

    @click.group(help="Tools for developers; refused in production.")
    def dev() -> None:
        pass

    @dev.command("seed")
    @click.option("--learners", type=click.IntRange(min=1), required=True, help="How many.")
    @click.option("--seed", type=int, default=1, show_default=True, help="The random seed.")
    @click.option("--database-url", default=None, help="Fill this database, not the site's.")
    @with_appcontext
    def seed(learners: int, seed: int, database_url: str | None) -> None:
        """Import the bundled courses; add learners, enrolments, progress, certificates."""
        if current_app.config["PRODUCTION"]:
            _fail(
                _(
                    "academy dev seed adds made-up people; it is refused when "
                    "ACADEMY_ENV=production."
                )
            )
        context = nullcontext()
        if database_url:
            context = create_app({"SQLALCHEMY_DATABASE_URI": database_url}).app_context()
        with context:
            _seed(learners, seed)

    return dev


def _seed(learners: int, seed: int) -> None:
    if not inspect(db.engine).has_table("users"):
        _fail(_("the database has no tables yet: run `academy db upgrade` first."))
    started = time.perf_counter()

    def progress(counts: Counts) -> None:
        click.echo(
            _(
                "%(learners)d learners, %(enrolments)d enrolments, %(lessons)d lessons "
                "completed, %(attempts)d quiz attempts (%(seconds).1f s)",
                learners=counts.learners,
                enrolments=counts.enrolments,
                lessons=counts.lesson_completions,
                attempts=counts.attempts,
                seconds=time.perf_counter() - started,
            )
        )

    today = datetime.now(UTC).date()
    with write_transactions():
        try:
            with bulk_load(db.engine):
                counts = seed_database(learners, seed, today, progress)
                db.session.commit()
        except SeedError:
            _fail(_("this database already holds the learners of seed %(seed)d.", seed=seed))
    click.echo(
        _(
            "Done in %(seconds).1f s: %(completions)d course completions, "
            "%(certificates)d certificates.",
            seconds=time.perf_counter() - started,
            completions=counts.course_completions,
            certificates=counts.certificates,
        )
    )

"""The Alembic migrations build exactly the schema the models describe."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect

from academy.extensions import db


@pytest.fixture
def empty_app(make_app, database_url):
    app = make_app()
    with app.app_context():
        db.drop_all()
        yield app


def _differences(url: str) -> list:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return compare_metadata(context, db.metadata)
    finally:
        engine.dispose()


@pytest.mark.database
def test_migrations_on_an_empty_database_match_the_models(
    empty_app, database_url, database_backend
):
    upgrade()
    assert _differences(database_url) == []


@pytest.mark.database
def test_migrations_downgrade_to_nothing(empty_app, database_url, database_backend):
    upgrade()
    downgrade(revision="base")
    engine = create_engine(database_url)
    try:
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    finally:
        engine.dispose()


def test_every_constraint_is_named(app):
    for table in db.metadata.tables.values():
        for constraint in table.constraints:
            assert constraint.name, f"unnamed constraint on {table.name}"

"""Build the secondary indexes of the tables `academy dev seed` fills after the load, not during.

Keeping a dozen indexes (the reports' among them) in order row by row, over
millions of rows inserted in no order of theirs, costs more than sorting each
once at the end. The indexes are read from the database itself, so whatever
its migrations made comes back the same; unique ones stay, as they check the rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import inspect, text


@contextmanager
def indexes_built_afterwards(connection, tables) -> Iterator[None]:
    """Drop the non-unique indexes of tables, yield, and build them again.

    Plain DDL from the reflected names: an Index object on the models' tables
    would join their metadata, and create_all would make it twice.
    """
    inspector = inspect(connection)
    quote = connection.dialect.identifier_preparer.quote
    dropped = []
    for table in tables:
        for found in inspector.get_indexes(table.name):
            columns = found["column_names"]
            if found["unique"] or not columns or None in columns:
                continue  # unique, or on an expression: left as it is
            connection.execute(text(f"DROP INDEX {quote(found['name'])}"))
            dropped.append(
                f"CREATE INDEX {quote(found['name'])} ON {quote(table.name)} "
                f"({', '.join(quote(column) for column in columns)})"
            )
    yield
    for statement in dropped:
        connection.execute(text(statement))

"""Folding text for searches: case- and accent-insensitive, on SQLite and PostgreSQL.

SQLite gets academy_fold, a Python function every connection registers
(academy.database.fold_text). PostgreSQL folds with lower() and translate()
over the accented Latin letters people's names most often carry: cheap, no
extension to install, and enough for "Émilie" to find "emilie".
"""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from academy.database import fold_text

_ACCENTED = "àáâãäåāăąçćčďèéêëēėęěìíîïīįñńňòóôõöōőřśšťùúûüūůűųýÿžźż"
_PLAIN = "aaaaaaaaacccdeeeeeeeeiiiiiinnnooooooorsstuuuuuuuuyyzzz"


class fold(FunctionElement):  # noqa: N801  (reads like the SQL function it is)
    type = String()
    inherit_cache = True
    name = "fold"


@compiles(fold)
def _fold_sqlite(element, compiler, **kw):
    return f"academy_fold({compiler.process(element.clauses, **kw)})"


@compiles(fold, "postgresql")
def _fold_postgresql(element, compiler, **kw):
    column = compiler.process(element.clauses, **kw)
    return f"translate(lower({column}), '{_ACCENTED}', '{_PLAIN}')"


def pattern(term: str) -> str:
    """A LIKE pattern matching term anywhere, its wildcards taken literally."""
    folded = fold_text(term.strip()) or ""
    escaped = folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"

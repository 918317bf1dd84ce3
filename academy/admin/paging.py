"""Page numbers from the query string, and the links between pages."""

from __future__ import annotations

from dataclasses import dataclass

from flask import request

# Past this a page number is nonsense (and an OFFSET the database would scan for).
MAX_PAGE = 10_000


def requested_page() -> int:
    value = request.args.get("page", "1")
    return min(int(value), MAX_PAGE) if value.isdigit() and int(value) > 0 else 1


@dataclass(frozen=True)
class Pages:
    page: int
    total: int
    size: int

    @property
    def count(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def previous(self) -> int | None:
        return self.page - 1 if self.page > 1 else None

    @property
    def next(self) -> int | None:
        return self.page + 1 if self.page < self.count else None

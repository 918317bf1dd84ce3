"""What a report asks and the groups it answers with: no SQL here.

Filters and the breakdowns are what every report takes; the results are
small lists of groups, which this module orders, and folds from countries
into ILO regions (academy.admin.report_queries groups by country in SQL).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import wraps

from academy.admin.ilo_regions import REGION_OF

BREAKDOWNS = ("sex", "country", "region", "constituent_group", "language")
ALL = "all"
# Two attributes at once (academy.admin.report_crosses): the rows' and the columns'.
CROSSES = {
    "sex_within_constituent_group": ("constituent_group", "sex"),
    "sex_within_region": ("region", "sex"),
    "sex_within_country": ("country", "sex"),
}


@dataclass(frozen=True)
class Filters:
    """What a report counts. None means no limit.

    course_ids / cohort_ids scope a trainer's reports: when either is given,
    only enrolments in those courses or those cohorts count.
    """

    course_slug: str | None = None
    cohort_id: int | None = None
    language: str | None = None  # the content language of the enrolment (attempt, certificate)
    start: date | None = None
    end: date | None = None
    course_ids: tuple[int, ...] | None = None
    cohort_ids: tuple[int, ...] | None = None

    @property
    def scoped(self) -> bool:
        return self.course_ids is not None or self.cohort_ids is not None


# Item fields that identify a row besides its group; the others are counts or ratios.
_ITEM_FIELDS = ("course", "quiz", "question")
# Ratios, and the count each one is a mean over, to fold them exactly.
_WEIGHTS = {"average_score": "attempts", "pass_rate": "attempts", "share_correct": "answers"}


def by_region_too(report):
    """Let report answer by="region": grouped by country in SQL, then folded here.

    A CASE over some 200 countries on every row cost more than the rest of the
    query at 300,000 enrolments; the result by country has a few dozen rows.
    Every person has one country, so counts (distinct learners included) add up.
    """

    @wraps(report)
    def wrapped(filters: Filters, by: str | None = None) -> list[dict]:
        if by != "region":
            return report(filters, by)
        return _fold_regions(report(filters, "country"))

    return wrapped


def _fold_regions(rows: list[dict]) -> list[dict]:
    if not rows:
        return []
    folded: dict[tuple, dict] = {}
    for row in rows:
        region = REGION_OF.get(row["group"]) if row["group"] else None
        key = (*(row.get(name) for name in _ITEM_FIELDS if name in row), region)
        into = folded.setdefault(key, {name: row[name] for name in _ITEM_FIELDS if name in row})
        into["group"] = region
        for name, value in row.items():
            if name in _ITEM_FIELDS or name in ("group", "rate"):
                continue
            if name in _WEIGHTS:  # a sum of value x weight, divided once all are in
                value = (value or 0) * (row[_WEIGHTS[name]] or 0)
            into[name] = into.get(name, 0) + (value or 0)
    for row in folded.values():
        for name, weight in _WEIGHTS.items():
            if name in row:
                row[name] = row[name] / row[weight] if row[weight] else None
        if "completions" in row:
            row["rate"] = row["completions"] / row["enrolments"] if row["enrolments"] else None
    order = item_order if any(name in rows[0] for name in _ITEM_FIELDS) else group_order
    return sorted(folded.values(), key=order)


def group_order(row: dict) -> tuple:
    return (row["group"] is None, str(row["group"]))


def item_order(row: dict) -> tuple:
    return (
        row["course"],
        row["quiz"],
        row.get("question", ""),
        row["group"] is None,
        str(row["group"]),
    )

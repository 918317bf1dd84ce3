"""Cross tables to show: one row per group (or region, or country), one column per sex.

Built from academy.admin.report_crosses' counts into the same Report as the
single breakdowns, so the page, its chart, the CSV and the PDF render them
as they render the others: the columns are every value of the site's sex
question (and "not given"), always all of them so a downloaded table keeps
its shape, then the row's total; a total row below. Suppressed with
hidden_cross: a hidden cell is alone in no row and no column, totals
included. Completions are counted alone, without a rate (docs/decisions.md).
"""

from __future__ import annotations

from flask_babel import gettext as _

from academy.admin import report_crosses as x
from academy.admin.report_groups import CROSSES, Filters
from academy.admin.report_tables import Cell, Report, Row, breakdown_labels, group_label, minimum
from academy.admin.suppression import hidden_cross, with_totals
from academy.auth.forms import sex_labels

# The reports that break down two ways; quiz and question results take one attribute at a time.
REPORTS = ("enrolments", "active", "completions", "certificates")


def cross_labels() -> dict[str, str]:
    return {
        "sex_within_constituent_group": _("Sex within constituent group"),
        "sex_within_region": _("Sex within ILO region"),
        "sex_within_country": _("Sex within country"),
    }


def _order(value) -> tuple:
    return (value is None, str(value))


def _column_values(counts: x.Counts) -> list:
    """Every answer of the sex question, then any other value found, then "not given"."""
    known = list(sex_labels())
    found = {column for _row, column in counts if column is not None and column not in known}
    return [*known, *sorted(found), None]


def _table(counts: x.Counts, cross: str) -> tuple[list[Row], Row, list[str]]:
    """The rows with their totals, the total row, and the column headers, suppressed."""
    rows_by, columns_by = CROSSES[cross]
    row_values = sorted({row for row, _column in counts}, key=_order)
    column_values = _column_values(counts)
    cells = [[counts.get((row, column), 0) for column in column_values] for row in row_values]
    table = with_totals(cells) if cells else [[0] * (len(column_values) + 1)]
    hidden = hidden_cross(cells, minimum()) if cells else [[False] * len(table[0])]
    shown = [
        Row(
            group_label(rows_by, value) if index < len(row_values) else _("Total"),
            [Cell(n, "count", gone) for n, gone in zip(table[index], hidden[index], strict=True)],
        )
        for index, value in enumerate([*row_values, None])
    ]
    headers = [group_label(columns_by, value) for value in column_values] + [_("Total")]
    return shown[:-1], shown[-1], headers


def _what() -> dict[str, tuple]:
    """Per report: its title, what it counts, and the query."""
    return {
        "enrolments": (
            _("Enrolments"),
            _("People who enrolled in the period, unenrolled ones included."),
            x.enrolments,
        ),
        "active": (
            _("Active learners"),
            _("Learners who completed a lesson or started a quiz in the period."),
            x.active_learners,
        ),
        "completions": (
            _("Completions"),
            _("Courses completed in the period."),
            x.completions,
        ),
        "certificates": (
            _("Certificates issued"),
            _("Certificates issued in the period and still valid."),
            x.certificates_issued,
        ),
    }


def build(name: str, filters: Filters, cross: str) -> Report:
    """The report name broken down by cross, as a table with row and column totals."""
    title, description, query = _what()[name]
    rows_by, columns_by = CROSSES[cross]
    labels = breakdown_labels()
    layout = _(
        "Rows: %(rows)s. Columns: %(columns)s. With totals.",
        rows=labels[rows_by],
        columns=labels[columns_by],
    )
    rows, total, headers = _table(query(filters, cross), cross)
    return Report(
        name,
        title,
        f"{description} {layout}",
        labels[rows_by],
        headers,
        rows,
        total,
        chart_column=len(headers) - 1,
        stacked_by=labels[columns_by],
    )

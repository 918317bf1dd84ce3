"""A report as CSV: UTF-8 with a BOM (spreadsheets then read accents), safe from formulas.

Suppressed cells say "fewer than 5", exactly as the page does; numbers are
written plainly (a dot for decimals, rates as a share from 0 to 1) so a
spreadsheet can compute with them.
"""

from __future__ import annotations

import csv
import io

from flask_babel import gettext as _

from academy.admin.report_tables import Cell, Report
from academy.trainers.learners_csv import BOM, safe_cell


def _plain(cell: Cell) -> str:
    if cell.hidden:
        return cell.text
    if cell.value is None:
        return ""
    if cell.kind == "count":
        return str(int(cell.value))
    return f"{cell.value:.4g}" if cell.kind == "rate" else f"{cell.value:.1f}"


def report_csv(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    quiz_column = any(row.heading for row in report.rows)
    header = ([_("Quiz")] if quiz_column else []) + [report.group_label, *report.columns]
    writer.writerow([safe_cell(text) for text in header])
    rows = report.rows + ([report.total] if report.total else [])
    for row in rows:
        first = [row.heading] if quiz_column else []
        writer.writerow([safe_cell(text) for text in (*first, row.label, *map(_plain, row.cells))])
    return BOM + buffer.getvalue()

"""The reports on one page of PDF, for a donor: WeasyPrint, the Noto fonts, right to left in Arabic.

Rendered from the same tables as the page, so suppressed cells stay
suppressed. To fit one page, each table keeps its largest groups (PRINTED_ROWS)
and the per-question table is left to its CSV; the page says so. Dropping rows
never shows more than the page: no "other groups" row is added, as its sum
could give a hidden cell away. Nothing is fetched: the document is self-contained.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import weasyprint
from flask import render_template
from weasyprint.text.fonts import FontConfiguration

from academy.admin.report_tables import Report

PRINTED_ROWS = 10
LEFT_TO_CSV = ("questions",)
STYLESHEET = Path(__file__).parent / "templates" / "admin" / "pdf" / "reports.css"


def _refuse(url: str, *args, **kwargs):
    raise ValueError(f"the report PDF fetches nothing: {url}")


def printed(report: Report) -> Report:
    """The report with its PRINTED_ROWS largest groups (shown before hidden), in their order."""
    if len(report.rows) <= PRINTED_ROWS:
        return report

    def size(row) -> tuple:
        cell = row.cells[-1 if report.stacked else 0]  # a cross table: the row's total
        return (not cell.hidden, cell.value or 0)

    kept = sorted(report.rows, key=size, reverse=True)[:PRINTED_ROWS]
    return replace(report, rows=[row for row in report.rows if any(row is k for k in kept)])


def report_pdf(reports: list[Report], chart, filters: list[str]) -> bytes:
    """The reports but LEFT_TO_CSV, each cut to its largest groups; chart(report) gives its SVG."""
    shown = [printed(report) for report in reports if report.name not in LEFT_TO_CSV]
    html = render_template(
        "admin/pdf/reports.html",
        reports=shown,
        charts={report.name: chart(report) for report in shown},
        filters=filters,
        printed_rows=PRINTED_ROWS,
    )
    stylesheet = weasyprint.CSS(string=STYLESHEET.read_text(encoding="utf-8"), url_fetcher=_refuse)
    return weasyprint.HTML(string=html, url_fetcher=_refuse).write_pdf(
        stylesheets=[stylesheet], font_config=FontConfiguration()
    )

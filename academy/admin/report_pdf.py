"""The reports on one page of PDF, for a donor: WeasyPrint, the Noto fonts, right to left in Arabic.

Rendered from the same tables and charts as the page, so suppressed cells
stay suppressed. Nothing is fetched: the document is self-contained.
"""

from __future__ import annotations

from pathlib import Path

import weasyprint
from flask import render_template
from weasyprint.text.fonts import FontConfiguration

from academy.admin.report_tables import Report

STYLESHEET = Path(__file__).parent / "templates" / "admin" / "pdf" / "reports.css"


def _refuse(url: str, *args, **kwargs):
    raise ValueError(f"the report PDF fetches nothing: {url}")


def report_pdf(reports: list[Report], charts: dict, filters: list[str]) -> bytes:
    html = render_template(
        "admin/pdf/reports.html", reports=reports, charts=charts, filters=filters
    )
    stylesheet = weasyprint.CSS(string=STYLESHEET.read_text(encoding="utf-8"), url_fetcher=_refuse)
    return weasyprint.HTML(string=html, url_fetcher=_refuse).write_pdf(
        stylesheets=[stylesheet], font_config=FontConfiguration()
    )

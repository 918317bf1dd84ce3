"""A report's bar chart as SVG, drawn on the server: no JavaScript, no inline style.

Horizontal bars, one a row, labelled with the group and the number the table
shows. In a right-to-left language the chart is mirrored: labels on the
right, bars growing leftwards. Positions are computed here with absolute
text anchors, so browsers and WeasyPrint draw it alike. Colours and fonts
are presentation attributes and classes (academy.css), which the CSP allows.
"""

from __future__ import annotations

from flask_babel import gettext as _
from markupsafe import Markup

from academy.admin.report_tables import Report

WIDTH = 480
LABEL = 170
BARS = 220
ROW = 26
BAR = 16
TOP = 8
LONGEST_LABEL = 26


_BAR = Markup(
    '<text x="{label_x}" y="{middle}" text-anchor="{label_anchor}" class="chart__label">'
    "{label}</text>"
    '<rect x="{bar_x}" y="{y}" width="{length}" height="{height}" fill="#0b5c4a" '
    'class="chart__bar"/>'
    '<text x="{value_x}" y="{middle}" text-anchor="{value_anchor}" class="chart__value">'
    "{value}</text>"
)
_SVG = Markup(
    '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
    'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
    'aria-labelledby="{id}-title {id}-desc" font-size="13" '
    'font-family="Noto Sans, Noto Sans Arabic, sans-serif">'
    '<title id="{id}-title">{title}</title><desc id="{id}-desc">{description}</desc>'
    "{bars}</svg>"
)


def _short(text: str) -> str:
    return text if len(text) <= LONGEST_LABEL else text[: LONGEST_LABEL - 1] + "…"


def _scale(report: Report) -> float:
    cells = [row.cells[report.chart_column] for row in report.rows]
    kind = cells[0].kind if cells else "count"
    if kind == "rate":
        return 1.0
    if kind == "score":
        return 100.0
    shown = [cell.value for cell in cells if not cell.hidden and cell.value]
    return float(max(shown, default=1))


def _bar(index: int, label: str, length: float, value_text: str, rtl: bool) -> Markup:
    y = TOP + index * ROW
    middle = y + BAR / 2 + 5
    if rtl:
        label_x, label_anchor = WIDTH - LABEL + 8, "start"
        bar_x = WIDTH - LABEL - length
        value_x, value_anchor = bar_x - 6, "end"
    else:
        label_x, label_anchor = LABEL - 8, "end"
        bar_x = LABEL
        value_x, value_anchor = LABEL + length + 6, "start"
    return _BAR.format(
        label_x=f"{label_x:.1f}",
        label_anchor=label_anchor,
        label=_short(label),
        y=y,
        middle=f"{middle:.1f}",
        bar_x=f"{bar_x:.1f}",
        length=f"{length:.1f}",
        height=BAR,
        value_x=f"{value_x:.1f}",
        value_anchor=value_anchor,
        value=value_text,
    )


def bar_chart(report: Report, chart_id: str, rtl: bool) -> Markup:
    """The chart of report's chart column; its title and description name it for assistive tech."""
    scale = _scale(report)
    bars = []
    for index, row in enumerate(report.rows):
        cell = row.cells[report.chart_column]
        shown = not cell.hidden and cell.value
        length = BARS * min(float(cell.value) / scale, 1.0) if shown else 0.0
        label = f"{row.heading} · {row.label}" if row.heading else row.label
        bars.append(_bar(index, label, length, cell.text, rtl))
    height = TOP * 2 + max(len(report.rows), 1) * ROW
    column = report.columns[report.chart_column]
    title = _("%(report)s: %(column)s", report=report.title, column=column)
    description = _(
        "A bar chart of %(column)s by %(group)s. The table beside it gives the same numbers.",
        column=column,
        group=report.group_label,
    )
    return _SVG.format(
        width=WIDTH,
        height=height,
        id=chart_id,
        title=title,
        description=description,
        bars=Markup("").join(bars),
    )

"""A cross table's chart as SVG: one bar per row, divided by the columns (stacked bars).

Drawn on the server like academy.admin.charts (no JavaScript, no inline
style, mirrored in right-to-left languages with absolute positions). Each
bar is the row's total; its parts are the shown cells, in the table's
column order and colours named in a legend above. The hidden cells of a row
are drawn together as one grey part when the row's total is shown (their
sum is the total minus the shown cells, which the table gives anyway);
when the total is hidden the bar has only its shown parts. The number at
the end of a bar is the row's total as the table shows it.
"""

from __future__ import annotations

from flask_babel import gettext as _
from markupsafe import Markup

from academy.admin.charts import BARS, LABEL, ROW, WIDTH, _short
from academy.admin.report_tables import Report, fewer_than

BAR = 16
LEGEND_ROW = 20
SWATCH = 12
# Told apart without colour vision too (Okabe-Ito), the site's green first; hidden: light grey.
PALETTE = ("#0b5c4a", "#e69f00", "#56b4e9", "#cc79a7", "#6b7780", "#d55e00", "#009e73")
HIDDEN = "#c9d0d6"

_RECT = Markup('<rect x="{x}" y="{y}" width="{width}" height="{height}" fill="{fill}"/>')
_TEXT = Markup('<text x="{x}" y="{y}" text-anchor="{anchor}" class="{cls}">{text}</text>')
_SVG = Markup(
    '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
    'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
    'aria-labelledby="{id}-title {id}-desc" font-size="13" '
    'font-family="Noto Sans, Noto Sans Arabic, sans-serif">'
    '<title id="{id}-title">{title}</title><desc id="{id}-desc">{description}</desc>'
    "{body}</svg>"
)


class _Canvas:
    """Positions given left to right; in a right-to-left language they are mirrored."""

    def __init__(self, rtl: bool):
        self.rtl = rtl
        self.parts: list[Markup] = []

    def rect(self, x: float, y: float, width: float, height: float, fill: str) -> None:
        if self.rtl:
            x = WIDTH - x - width
        self.parts.append(
            _RECT.format(x=f"{x:.1f}", y=y, width=f"{width:.1f}", height=height, fill=fill)
        )

    def text(self, x: float, y: float, anchor: str, cls: str, text: str) -> None:
        if self.rtl:
            x = WIDTH - x
            anchor = {"start": "end", "end": "start"}[anchor]
        self.parts.append(
            _TEXT.format(x=f"{x:.1f}", y=f"{y:.1f}", anchor=anchor, cls=cls, text=text)
        )


def _legend(canvas: _Canvas, names: list[str], with_hidden: bool) -> int:
    """Swatches and names in two columns above the bars; returns the height used."""
    entries = list(zip(names, PALETTE * 2, strict=False))
    if with_hidden:
        entries.append((fewer_than(), HIDDEN))
    half = WIDTH / 2
    for index, (name, colour) in enumerate(entries):
        x, y = 8 + (index % 2) * half, 4 + (index // 2) * LEGEND_ROW
        canvas.rect(x, y, SWATCH, SWATCH, colour)
        canvas.text(x + SWATCH + 6, y + SWATCH - 1, "start", "chart__legend", _short(name))
    return 4 + -(-len(entries) // 2) * LEGEND_ROW + 6


def _scale(report: Report) -> float:
    totals = [row.cells[-1] for row in report.rows]
    shown = [cell.value for cell in totals if not cell.hidden and cell.value]
    return float(max(shown, default=1))


def _bar(canvas: _Canvas, report: Report, index: int, top: int, scale: float) -> None:
    row = report.rows[index]
    y = top + index * ROW
    *parts, total = row.cells
    x = float(LABEL)
    for colour, cell in zip(PALETTE * 2, parts, strict=False):
        if not cell.hidden and cell.value:
            length = BARS * cell.value / scale
            canvas.rect(x, y, length, BAR, colour)
            x += length
    if not total.hidden and total.value:
        rest = total.value - sum(cell.value for cell in parts if not cell.hidden)
        if rest > 0:
            canvas.rect(x, y, BARS * rest / scale, BAR, HIDDEN)
            x += BARS * rest / scale
    middle = y + BAR / 2 + 5
    canvas.text(LABEL - 8, middle, "end", "chart__label", _short(row.label))
    canvas.text(x + 6, middle, "start", "chart__value", total.text)


def stacked_chart(report: Report, chart_id: str, rtl: bool) -> Markup:
    """The cross table as stacked bars; its title and description name it for assistive tech."""
    canvas = _Canvas(rtl)
    with_hidden = any(cell.hidden for row in report.rows for cell in row.cells[:-1])
    top = _legend(canvas, report.columns[:-1], with_hidden)
    scale = _scale(report)
    for index in range(len(report.rows)):
        _bar(canvas, report, index, top, scale)
    height = top + max(len(report.rows), 1) * ROW + 8
    title = _(
        "%(report)s by %(rows)s and %(columns)s",
        report=report.title,
        rows=report.group_label,
        columns=report.stacked_by,
    )
    description = _(
        "Stacked bars: one bar per %(rows)s, its parts by %(columns)s in the colours of the "
        "legend, the number at its end the total. The table beside it gives the same numbers.",
        rows=report.group_label,
        columns=report.stacked_by,
    )
    return _SVG.format(
        width=WIDTH,
        height=height,
        id=chart_id,
        title=title,
        description=description,
        body=Markup("").join(canvas.parts),
    )

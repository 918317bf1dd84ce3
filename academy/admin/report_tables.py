"""The reports as tables to show: labels, suppressed cells, formatted numbers.

The page, its charts, the CSV and the PDF all read these tables, so a
hidden cell is hidden everywhere the same way (academy.admin.suppression).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import current_app
from flask_babel import format_decimal, format_percent
from flask_babel import gettext as _

from academy.admin import report_queries as q
from academy.admin.suppression import hidden_cells, hidden_rows
from academy.auth.forms import constituent_group_labels, sex_labels
from academy.courses.content_languages import language_name
from academy.i18n import country_name, current_language

REPORTS = ("enrolments", "active", "completions", "certificates", "quizzes", "questions")


@dataclass
class Cell:
    value: float | int | None
    kind: str  # "count", "rate" (0..1) or "score" (0..100)
    hidden: bool = False

    @property
    def text(self) -> str:
        if self.hidden:
            return fewer_than()
        if self.value is None:
            return "–"
        if self.kind == "rate":
            return format_percent(self.value, "#,##0%")
        if self.kind == "score":
            return format_decimal(round(self.value, 1), "#,##0.0")
        return format_decimal(self.value)


@dataclass
class Row:
    label: str
    cells: list[Cell]
    heading: str = ""  # the quiz a quiz or question row belongs to


@dataclass
class Report:
    name: str
    title: str
    description: str
    group_label: str
    columns: list[str]
    rows: list[Row]
    total: Row | None = None
    chart_column: int = 0  # the column the chart draws
    notes: list[str] = field(default_factory=list)
    # A cross table (report_cross_tables): each row's cells are parts of its last one,
    # split by this attribute (its label); "" for the others.
    stacked_by: str = ""

    @property
    def stacked(self) -> bool:
        return bool(self.stacked_by)


def minimum() -> int:
    return current_app.config["REPORT_MIN_GROUP"]


def fewer_than() -> str:
    return _("fewer than %(number)d", number=minimum())


def region_labels() -> dict[str, str]:
    return {
        "africa": _("Africa"),
        "americas": _("Americas"),
        "arab_states": _("Arab States"),
        "asia_pacific": _("Asia and the Pacific"),
        "europe_central_asia": _("Europe and Central Asia"),
    }


def breakdown_labels() -> dict[str, str]:
    return {
        "sex": _("Sex"),
        "country": _("Country"),
        "region": _("ILO region"),
        "constituent_group": _("Constituent group"),
        "language": _("Language"),
    }


def group_label(by: str | None, value) -> str:
    if by is None:
        return _("Everyone")
    if value is None:
        return _("Not given")
    language = current_language()
    labels = {
        "sex": lambda: sex_labels().get(value, value),
        "country": lambda: country_name(value, language),
        "region": lambda: region_labels().get(value, value),
        "constituent_group": lambda: constituent_group_labels().get(value, value),
        "language": lambda: language_name(value, language),
    }
    return labels[by]()


def _counted(rows: list[dict], total: dict | None, keys: list[str], by) -> tuple[list, Row | None]:
    """Rows of counts with each column suppressed; the total row (when by is given)."""
    minimum_ = minimum()
    columns = [hidden_cells([row[key] for row in rows], minimum_) for key in keys]
    table = [
        Row(
            group_label(by, row["group"]),
            [Cell(row[k], "count", columns[j][i]) for j, k in enumerate(keys)],
        )
        for i, row in enumerate(rows)
    ]
    if total is None:
        return table, None
    cells = [Cell(total[key], "count", 0 < total[key] < minimum_) for key in keys]
    return table, Row(_("Total"), cells)


def _first(rows: list[dict]) -> dict:
    return rows[0] if rows else {}


def _simple(name, title, description, keys, headers, query, filters, by) -> Report:
    rows = query(filters, by)
    total = None
    if by is not None:
        total = {key: 0 for key in keys} | _first(query(filters, None))
    table, total_row = _counted(rows, total, keys, by)
    return Report(name, title, description, _group_header(by), headers, table, total_row)


def _group_header(by: str | None) -> str:
    return breakdown_labels().get(by, _("Group")) if by else _("Group")


def enrolments(filters: q.Filters, by: str | None) -> Report:
    return _simple(
        "enrolments",
        _("Enrolments"),
        _("People who enrolled in the period, unenrolled ones included."),
        ["enrolments"],
        [_("Enrolments")],
        q.enrolments,
        filters,
        by,
    )


def active(filters: q.Filters, by: str | None) -> Report:
    return _simple(
        "active",
        _("Active learners"),
        _("Learners who completed a lesson or started a quiz in the period."),
        ["learners"],
        [_("Learners")],
        q.active_learners,
        filters,
        by,
    )


def certificates(filters: q.Filters, by: str | None) -> Report:
    return _simple(
        "certificates",
        _("Certificates issued"),
        _("Certificates issued in the period: still valid, and revoked since."),
        ["issued", "revoked"],
        [_("Valid"), _("Revoked")],
        q.certificates_issued,
        filters,
        by,
    )


def _rated(table: list[Row]) -> None:
    """Add the completion rate, hidden whenever either count is."""
    for row in table:
        enrolled, done = row.cells
        rate = done.value / enrolled.value if enrolled.value else None
        row.cells.append(Cell(rate, "rate", enrolled.hidden or done.hidden))


def completions(filters: q.Filters, by: str | None) -> Report:
    report = _simple(
        "completions",
        _("Completions"),
        _("Completions in the period beside enrolments in the period, and their ratio."),
        ["enrolments", "completions"],
        [_("Enrolments"), _("Completions"), _("Completion rate")],
        q.completions,
        filters,
        by,
    )
    _rated(report.rows + ([report.total] if report.total else []))
    report.chart_column = 2
    return report


def quizzes(filters: q.Filters, by: str | None) -> Report:
    rows = q.quiz_results(filters, by)
    hidden = hidden_rows([row["learners"] for row in rows], minimum())
    table = [
        Row(
            group_label(by, row["group"]),
            [
                Cell(row["attempts"], "count", gone),
                Cell(row["average_score"], "score", gone),
                Cell(row["pass_rate"], "rate", gone),
            ],
            heading=f"{row['course']} · {row['quiz']}",
        )
        for row, gone in zip(rows, hidden, strict=True)
    ]
    headers = [_("Attempts"), _("Average score"), _("Pass rate")]
    description = _(
        "Attempts submitted in the period, per quiz: average score out of 100 and share passed."
    )
    return Report(
        "quizzes", _("Quiz results"), description, _group_header(by), headers, table, chart_column=2
    )


def questions(filters: q.Filters, by: str | None) -> Report:
    rows = q.question_results(filters, by)
    hidden = hidden_rows([row["learners"] for row in rows], minimum())
    table = [
        Row(
            f"{row['question']} · {group_label(by, row['group'])}" if by else row["question"],
            [Cell(row["answers"], "count", gone), Cell(row["share_correct"], "rate", gone)],
            heading=f"{row['course']} · {row['quiz']}",
        )
        for row, gone in zip(rows, hidden, strict=True)
    ]
    headers = [_("Answers"), _("Share correct")]
    description = _(
        "Each question's answers in the period, in every language, "
        "and the share answered correctly."
    )
    return Report(
        "questions", _("Questions"), description, _("Question"), headers, table, chart_column=1
    )


BUILDERS = {
    "enrolments": enrolments,
    "active": active,
    "completions": completions,
    "certificates": certificates,
    "quizzes": quizzes,
    "questions": questions,
}


def build(name: str, filters: q.Filters, by: str | None) -> Report:
    return BUILDERS[name](filters, by)

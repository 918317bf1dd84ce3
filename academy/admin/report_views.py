"""The reports' pages: the tables with their charts, each as CSV, and a one-page PDF."""

from __future__ import annotations

from flask import Response, abort, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from academy.admin import bp
from academy.admin import report_cross_tables as cross_tables
from academy.admin import report_tables as tables
from academy.admin.charts import bar_chart
from academy.admin.report_csv import report_csv
from academy.admin.report_filters import read, scope_of
from academy.admin.report_groups import CROSSES
from academy.admin.report_pdf import report_pdf
from academy.admin.stacked_charts import stacked_chart
from academy.i18n import text_direction
from academy.security import role_required


def _chosen():
    scope = scope_of(current_user)
    return scope, read(request.args, scope)


def _names(chosen) -> tuple[str, ...]:
    return cross_tables.REPORTS if chosen.by in CROSSES else tables.REPORTS


def _build(name: str, chosen):
    if chosen.by in CROSSES:
        return cross_tables.build(name, chosen.filters, chosen.by)
    return tables.build(name, chosen.filters, chosen.by)


def _reports(chosen) -> list:
    return [_build(name, chosen) for name in _names(chosen)]


def _chart(report):
    draw = stacked_chart if report.stacked else bar_chart
    return draw(report, f"chart-{report.name}", text_direction() == "rtl")


def _charts(reports) -> dict:
    return {report.name: _chart(report) for report in reports}


@bp.route("/reports/")
@role_required("trainer")
def reports():
    scope, chosen = _chosen()
    reports = [] if chosen.errors else _reports(chosen)
    return render_template(
        "admin/reports.html",
        scope=scope,
        chosen=chosen,
        reports=reports,
        charts=_charts(reports),
        breakdowns=tables.breakdown_labels(),
        crosses=cross_tables.cross_labels(),
        minimum=tables.minimum(),
        one_at_a_time=_one_at_a_time() if chosen.by in CROSSES else None,
    ), (400 if chosen.errors else 200)


@bp.route("/reports/<name>.csv")
@role_required("trainer")
def report_csv_download(name: str):
    if name not in tables.REPORTS:
        abort(404)
    _scope, chosen = _chosen()
    if chosen.errors:
        return Response("\n".join(chosen.errors), 400, mimetype="text/plain")
    if name not in _names(chosen):
        return Response(_one_at_a_time(), 400, mimetype="text/plain")
    report = _build(name, chosen)
    return Response(
        report_csv(report),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="report-{name}.csv"'},
    )


@bp.route("/reports.pdf")
@role_required("trainer")
def reports_pdf():
    _scope, chosen = _chosen()
    if chosen.errors:
        return Response("\n".join(chosen.errors), 400, mimetype="text/plain")
    reports = _reports(chosen)
    pdf = report_pdf(reports, _chart, _describe(chosen))
    return Response(
        pdf,
        mimetype="application/pdf",
        headers={"Content-Disposition": 'attachment; filename="reports.pdf"'},
    )


def _one_at_a_time() -> str:
    return _(
        "Quiz and question results are broken down by one attribute at a time: "
        "choose a single breakdown to see them."
    )


def _describe(chosen) -> list[str]:
    """The filters in words, printed on the PDF so a reader knows what was counted."""
    values = chosen.values
    every = _("all")
    labels = tables.breakdown_labels() | cross_tables.cross_labels()
    by = labels.get(chosen.by, _("none")) if chosen.by else _("none")
    return [
        _("Course: %(value)s", value=values["course"] or every),
        _("Cohort: %(value)s", value=values["cohort"] or every),
        _("Language: %(value)s", value=values["language"] or every),
        _("From %(start)s to %(end)s", start=values["start"] or "…", end=values["end"] or "…"),
        _("Breakdown: %(value)s", value=by),
    ]

"""The audit log page and its CSV: the same filters, read from the query string."""

from __future__ import annotations

from datetime import date

from flask import Response, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from academy.admin import audit, bp
from academy.admin.labels import action_labels
from academy.admin.paging import Pages, requested_page
from academy.certificates.models import AUDIT_ACTIONS
from academy.i18n import user_time_zone
from academy.security import role_required


def _day(name: str, problems: dict[str, str]) -> date | None:
    value = request.args.get(name, "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        problems[name] = _("Write the date as year-month-day, for example 2027-03-31.")
        return None


def _filters() -> tuple[audit.Filters, dict[str, str]]:
    problems: dict[str, str] = {}
    since, until = _day("from", problems), _day("to", problems)
    if since and until and since > until:
        problems["to"] = _("The last day comes before the first day.")
    subject = request.args.get("subject", "")
    filters = audit.Filters(
        action=request.args.get("action", ""),
        actor=request.args.get("actor", "")[:254],
        course=request.args.get("course", "")[:100],
        since=since,
        until=until,
        subject=int(subject) if subject.isdigit() else None,
        zone=user_time_zone(current_user),
    )
    return filters, problems


def _args(filters: audit.Filters) -> dict:
    """The filters as the query string carries them (page links, the CSV link)."""
    values = {
        "action": filters.action,
        "actor": filters.actor,
        "course": filters.course,
        "from": request.args.get("from", ""),
        "to": request.args.get("to", ""),
        "subject": filters.subject or "",
    }
    return {key: value for key, value in values.items() if value}


@bp.route("/audit/")
@role_required("admin")
def audit_page():
    filters, problems = _filters()
    page = requested_page()
    rows, total = ([], 0) if problems else audit.page_of(filters, page)
    labels = action_labels()
    return render_template(
        "admin/audit.html",
        filters=filters,
        problems=problems,
        rows=rows,
        pages=Pages(page, total, audit.PAGE_SIZE),
        args=_args(filters),
        actions=[(action, labels.get(action, action)) for action in AUDIT_ACTIONS],
        courses=audit.courses_in_log(),
        raw=request.args,
    ), 400 if problems else 200


@bp.route("/audit.csv")
@role_required("admin")
def audit_csv():
    filters, problems = _filters()
    if problems:
        return Response("\n".join(problems.values()), status=400, mimetype="text/plain")
    response = Response(audit.audit_csv(filters), mimetype="text/csv")
    response.charset = "utf-8"
    response.headers["Content-Disposition"] = 'attachment; filename="audit-log.csv"'
    response.headers["Cache-Control"] = "no-store"
    return response

"""The cohort's learners as a CSV file a spreadsheet opens safely.

UTF-8 with a byte order mark, so Excel reads accents and Arabic names;
a cell a spreadsheet would run as a formula (it starts with = + - @, or a
tab or carriage return) gets a leading apostrophe, so a learner's name can
never become a formula on the trainer's computer. Times are UTC, ISO 8601.
"""

from __future__ import annotations

import csv
import io

from flask_babel import gettext as _

from academy.courses.outline import QuizEntry
from academy.trainers.following import LearnerRow

BOM = "\ufeff"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """value as text, with an apostrophe before what a spreadsheet would take for a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _moment(value) -> str:
    return value.isoformat(timespec="seconds") if value is not None else ""


def _score(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def learners_csv(rows: list[LearnerRow], quizzes: list[QuizEntry]) -> str:
    header = [
        _("Name"),
        _("Email"),
        _("Content language"),
        _("Done"),
        _("Total"),
        _("Progress (%)"),
        _("Last activity (UTC)"),
    ]
    for quiz in quizzes:
        header.append(_("%(quiz)s: best score (%%)", quiz=quiz.title.text))
        header.append(_("%(quiz)s: attempts", quiz=quiz.title.text))
    header += [_("Completed (UTC)"), _("Certificate")]
    certificate = {"issued": _("issued"), "revoked": _("revoked"), "none": _("none")}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        cells = [
            row.name,
            row.email,
            row.language,
            row.progress.done,
            row.progress.total,
            row.percent,
            _moment(row.last_activity),
        ]
        for quiz in quizzes:
            score = row.quizzes.get(quiz.pk)
            cells += [_score(score.best), score.attempts] if score else ["", 0]
        cells += [_moment(row.completed_at), certificate[row.certificate]]
        writer.writerow([safe_cell(cell) for cell in cells])
    return BOM + buffer.getvalue()

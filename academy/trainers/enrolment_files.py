"""Reading a CSV file of learners to enrol: every bad row reported with its line.

The file itself (encoding, separator, header, lines) is read by
academy.csvfiles, shared with the admins' face-to-face files; here are the
columns of an enrolment file and the checks of each learner. Nothing here
touches the database; academy.trainers.enrolling applies what was read.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

from academy import csvfiles
from academy.auth.models import CONSTITUENT_GROUPS, SEXES
from academy.csvfiles import Problem
from academy.i18n import LANGUAGES, isolate

__all__ = ["COLUMNS", "MAX_ROWS", "Learner", "Problem", "read_learners"]

MAX_ROWS = 5000
COLUMNS = ("email", "name", "language", "country", "sex", "constituent_group")
# Other header spellings a spreadsheet may carry, after normalising.
_ALIASES = {
    "e_mail": "email",
    "email_address": "email",
    "full_name": "name",
    "locale": "language",
    "preferred_language": "language",
    "group": "constituent_group",
}


@dataclass(frozen=True)
class Learner:
    line: int
    email: str
    name: str
    language: str | None = None
    country: str | None = None
    sex: str | None = None
    constituent_group: str | None = None


def _unknown_column(title: str) -> str:
    return _(
        "Unknown column %(column)s. The columns are email, name, and optionally "
        "language, country, sex and constituent group.",
        column=title,
    )


def _too_many(count: int) -> str:
    return _("The file holds more than %(count)d learners.", count=count)


LAYOUT = csvfiles.Layout(COLUMNS, ("email", "name"), _ALIASES, _unknown_column, MAX_ROWS, _too_many)


def read_learners(data: bytes) -> tuple[list[Learner], list[Problem]]:
    """The learners of a CSV file, or every problem found in it (then no learner)."""
    table = csvfiles.read_table(data, LAYOUT)
    if table.problems and not table.titles:
        return [], table.problems
    learners, problems, seen = [], list(table.problems), {}
    for record in table.records:
        learner, row_problems = _learner(record.line, record.values)
        if learner is not None and learner.email in seen:
            message = isolate(
                _("%(email)s is also on line %(line)s."),
                email=learner.email,
                line=seen[learner.email],
            )
            row_problems.append(Problem(record.line, "email", message))
        problems.extend(row_problems)
        if learner is not None and not row_problems:
            seen[learner.email] = record.line
            learners.append(learner)
        elif learner is not None:
            seen.setdefault(learner.email, record.line)
    if not learners and not problems:
        problems.append(Problem(None, None, _("The file names no learner.")))
    problems.sort(key=lambda p: p.line or 0)
    return ([], table.titled(problems)) if problems else (learners, [])


def _learner(line: int, values: dict[str, str]) -> tuple[Learner | None, list[Problem]]:
    problems: list[Problem] = []

    def check(column, reader):
        try:
            return reader(values.get(column, ""))
        except ValueError as error:
            problems.append(Problem(line, column, error.args[0]))
            return None

    email = check("email", csvfiles.email)
    name = check("name", csvfiles.name)
    details = {
        "language": check("language", _language),
        "country": check("country", csvfiles.country),
        "sex": check("sex", lambda value: csvfiles.one_of(value, SEXES)),
        "constituent_group": check(
            "constituent_group", lambda value: csvfiles.one_of(value, CONSTITUENT_GROUPS)
        ),
    }
    if email is None or name is None:
        return (Learner(line, email, "") if email else None), problems
    return Learner(line, email, name, **details), problems


def _language(value: str) -> str | None:
    """An interface language, by its code (fr, fr-SN, fr_FR) or its name (Français)."""
    by_name = {csvfiles.word(name): code for code, name in LANGUAGES.items()}
    if csvfiles.word(value) in by_name:
        return by_name[csvfiles.word(value)]
    code = value.replace("_", "-").split("-")[0]
    try:
        return csvfiles.one_of(code, tuple(LANGUAGES))
    except ValueError:
        raise ValueError(csvfiles.unknown(value, ", ".join(LANGUAGES))) from None

"""Reading a CSV file of learners to enrol: every bad row reported with its line.

Files come from Excel and LibreOffice in any locale: UTF-8 with or without a
byte order mark, `,` or `;` between fields (Excel writes `;` where the
decimal separator is a comma), CRLF or LF. Header names are matched
case-insensitively, with spaces, underscores or hyphens. Nothing here touches
the database; academy.trainers.enrolling applies what was read.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _

from academy.auth.models import CONSTITUENT_GROUPS, SEXES
from academy.i18n import LANGUAGES, countries, isolate

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


@dataclass(frozen=True)
class Problem:
    """What is wrong, and where: line None is the whole file; column None the whole line."""

    line: int | None
    column: str | None
    message: str


def _word(text: str) -> str:
    words = "".join(" " if c in "_-" else c for c in text.strip().casefold()).split()
    return "_".join(words)


def _decode(data: bytes) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def _delimiter(text: str) -> tuple[str, bool]:
    """The field separator, and whether the first line only said which it is.

    `;` when the header line holds more of them than commas (Excel in French,
    Spanish...); Excel also reads and writes a first line `sep=;`.
    """
    first = text.split("\n", 1)[0].rstrip("\r")
    if first.startswith("sep=") and len(first) == 5:
        return first[4], True
    return (";" if first.count(";") > first.count(",") else ","), False


def read_learners(data: bytes) -> tuple[list[Learner], list[Problem]]:
    """The learners of a CSV file, or every problem found in it (then no learner)."""
    text = _decode(data)
    if text is None:
        return [], [Problem(None, None, _not_utf8())]
    if not text.strip():
        return [], [Problem(None, None, _("The file is empty."))]
    delimiter, hint = _delimiter(text)
    records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        if hint:
            next(records)
        header = next(records, [])
        columns, problems = _columns(header, records.line_num)
        if problems:
            return [], problems
        learners, problems = _rows(records, columns)
        # Say each column as the file's first line names it ("Constituent group").
        titles = {column: title.strip() for column, title in zip(columns, header, strict=True)}
        problems = [Problem(p.line, titles.get(p.column, p.column), p.message) for p in problems]
    except csv.Error as error:
        line = records.line_num
        message = _("The file could not be read as CSV here (%(error)s).", error=str(error))
        return [], [Problem(line, None, message)]
    return ([], problems) if problems else (learners, [])


def _not_utf8() -> str:
    return _(
        "The file is not in UTF-8, so nothing was read. In Excel, choose Save as, then "
        "\u201cCSV UTF-8 (Comma delimited)\u201d; in LibreOffice, choose the character set "
        "\u201cUnicode (UTF-8)\u201d."
    )


def _columns(header: list[str], line: int) -> tuple[list[str | None], list[Problem]]:
    columns, problems = [], []
    for title in header:
        word = _word(title)
        column = _ALIASES.get(word, word)
        if not word:
            column = None
        elif column not in COLUMNS:
            message = _(
                "Unknown column %(column)s. The columns are email, name, and optionally "
                "language, country, sex and constituent group.",
                column=title.strip(),
            )
            problems.append(Problem(line, title.strip(), message))
        elif column in columns:
            problems.append(Problem(line, title.strip(), _("This column appears twice.")))
        columns.append(column)
    for required in ("email", "name"):
        if required not in columns:
            message = _("The first line must name the column %(column)s.", column=required)
            problems.append(Problem(line, required, message))
    return columns, problems


def _rows(records, columns) -> tuple[list[Learner], list[Problem]]:
    learners, problems, seen = [], [], {}
    line = records.line_num  # where the header ended
    for record in records:
        start, line = line + 1, records.line_num
        if not any(cell.strip() for cell in record):
            continue
        if len(learners) + len(problems) >= MAX_ROWS:
            message = _("The file holds more than %(count)d learners.", count=MAX_ROWS)
            return [], [Problem(None, None, message)]
        if len(record) > len(columns):
            message = _("This line has more fields than the first line has columns.")
            problems.append(Problem(start, None, message))
            continue
        values = {c: cell.strip() for c, cell in zip(columns, record, strict=False) if c}
        learner, row_problems = _learner(start, values)
        if learner is not None and learner.email in seen:
            message = isolate(
                _("%(email)s is also on line %(line)s."),
                email=learner.email,
                line=seen[learner.email],
            )
            row_problems.append(Problem(start, "email", message))
        problems.extend(row_problems)
        if learner is not None and not row_problems:
            seen[learner.email] = start
            learners.append(learner)
        elif learner is not None:
            seen.setdefault(learner.email, start)
    if not learners and not problems:
        problems.append(Problem(None, None, _("The file names no learner.")))
    return learners, problems


def _learner(line: int, values: dict[str, str]) -> tuple[Learner | None, list[Problem]]:
    problems: list[Problem] = []

    def check(column, reader):
        value = values.get(column, "")
        try:
            return reader(value)
        except ValueError as error:
            problems.append(Problem(line, column, error.args[0]))
            return None

    email = check("email", _email)
    name = check("name", _name)
    details = {
        "language": check("language", _language),
        "country": check("country", _country),
        "sex": check("sex", _sex),
        "constituent_group": check("constituent_group", _group),
    }
    if email is None or name is None:
        return (Learner(line, email, "") if email else None), problems
    return Learner(line, email, name, **details), problems


def _email(value: str) -> str:
    if not value:
        raise ValueError(_("The email address is missing."))
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError as error:
        message = _("%(value)s is not an email address.")
        raise ValueError(isolate(message, value=value)) from error
    return value.casefold()


def _name(value: str) -> str:
    name = " ".join(value.split())
    if not name:
        raise ValueError(_("The name is missing."))
    if len(name) > 200:
        raise ValueError(_("Use at most 200 characters."))
    return name


def _one_of(value: str, allowed, message) -> str | None:
    if not value:
        return None
    if _word(value) in allowed:
        return _word(value)
    raise ValueError(message())


def _language(value: str) -> str | None:
    by_name = {_word(name): code for code, name in LANGUAGES.items()}
    if _word(value) in by_name:
        return by_name[_word(value)]
    code = value.replace("_", "-").split("-")[0]
    return _one_of(code, LANGUAGES, lambda: _unknown(value, ", ".join(LANGUAGES)))


def _country(value: str) -> str | None:
    if not value:
        return None
    code = value.upper()
    if code in {code for code, _name in countries("en")}:
        return code
    raise ValueError(
        isolate(_("%(value)s is not a country code: use two letters, such as SN."), value=value)
    )


def _sex(value: str) -> str | None:
    return _one_of(value, SEXES, lambda: _unknown(value, ", ".join(SEXES)))


def _group(value: str) -> str | None:
    return _one_of(
        value, CONSTITUENT_GROUPS, lambda: _unknown(value, ", ".join(CONSTITUENT_GROUPS))
    )


def _unknown(value: str, allowed: str) -> str:
    message = _("%(value)s is not one of the accepted values: %(allowed)s.")
    return isolate(message, value=unicodedata.normalize("NFC", value), allowed=allowed)

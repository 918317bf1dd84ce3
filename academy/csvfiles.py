"""Reading a CSV file that a spreadsheet wrote: every problem reported with its line.

Files come from Excel and LibreOffice in any locale: UTF-8 with or without a
byte order mark, `,` or `;` between fields (Excel writes `;` where the
decimal separator is a comma, and reads and writes a first line `sep=;`),
quoted fields, CRLF or LF. Header names are matched case-insensitively, with
spaces, underscores or hyphens. Shared by the trainers' cohort enrolment
files and the admins' face-to-face certificate files; each checks its own
values with the readers at the end of this module. No database here.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _

from academy.i18n import countries, isolate


@dataclass(frozen=True)
class Problem:
    """What is wrong, and where: line None is the whole file; column None the whole line."""

    line: int | None
    column: str | None
    message: str


@dataclass(frozen=True)
class Record:
    """One non-blank line of the file: the line it starts on, and its values by column."""

    line: int
    values: dict[str, str]


@dataclass(frozen=True)
class Layout:
    """What a kind of file holds: its columns, which are required, other header spellings.

    unknown_column and too_many word the refusals, at request time.
    """

    columns: tuple[str, ...]
    required: tuple[str, ...]
    aliases: dict[str, str]
    unknown_column: Callable[[str], str]
    max_rows: int
    too_many: Callable[[int], str]


@dataclass
class Table:
    """What was read: the records, or the problems; titles names columns as the file does."""

    records: list[Record]
    problems: list[Problem]
    titles: dict[str, str]

    def titled(self, problems: list[Problem]) -> list[Problem]:
        """Say each column as the file's first line names it ("Constituent group")."""
        return [Problem(p.line, self.titles.get(p.column, p.column), p.message) for p in problems]


def word(text: str) -> str:
    """text folded for matching: case, spaces, underscores and hyphens ignored."""
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


def read_table(data: bytes, layout: Layout) -> Table:
    """The records of a CSV file, or the problems of its encoding, shape and header."""
    text = _decode(data)
    if text is None:
        return Table([], [Problem(None, None, not_utf8())], {})
    if not text.strip():
        return Table([], [Problem(None, None, _("The file is empty."))], {})
    delimiter, hint = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        if hint:
            next(reader)
        header = next(reader, [])
        columns, problems = _columns(header, reader.line_num, layout)
        if problems:
            return Table([], problems, {})
        titles = {column: title.strip() for column, title in zip(columns, header, strict=True)}
        records, problems = _records(reader, columns, layout)
    except csv.Error as error:
        message = _("The file could not be read as CSV here (%(error)s).", error=str(error))
        return Table([], [Problem(reader.line_num, None, message)], {})
    return Table(records, problems, titles)


def not_utf8() -> str:
    return _(
        "The file is not in UTF-8, so nothing was read. In Excel, choose Save as, then "
        "\u201cCSV UTF-8 (Comma delimited)\u201d; in LibreOffice, choose the character set "
        "\u201cUnicode (UTF-8)\u201d."
    )


def _columns(header: list[str], line: int, layout: Layout):
    columns, problems = [], []
    for title in header:
        folded = word(title)
        column = layout.aliases.get(folded, folded)
        if not folded:
            column = None
        elif column not in layout.columns:
            problems.append(Problem(line, title.strip(), layout.unknown_column(title.strip())))
        elif column in columns:
            problems.append(Problem(line, title.strip(), _("This column appears twice.")))
        columns.append(column)
    for required in layout.required:
        if required not in columns:
            message = _("The first line must name the column %(column)s.", column=required)
            problems.append(Problem(line, required, message))
    return columns, problems


def _records(reader, columns, layout: Layout) -> tuple[list[Record], list[Problem]]:
    records, problems = [], []
    line = reader.line_num  # where the header ended
    for cells in reader:
        start, line = line + 1, reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(records) + len(problems) >= layout.max_rows:
            return [], [Problem(None, None, layout.too_many(layout.max_rows))]
        if len(cells) > len(columns):
            message = _("This line has more fields than the first line has columns.")
            problems.append(Problem(start, None, message))
            continue
        values = {c: cell.strip() for c, cell in zip(columns, cells, strict=False) if c}
        records.append(Record(start, values))
    return records, problems


# -- values ---------------------------------------------------------------------
# Each reader returns the value to keep (None when the optional cell is empty),
# or raises ValueError with the message to show.


def email(value: str) -> str:
    if not value:
        raise ValueError(_("The email address is missing."))
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError as error:
        message = _("%(value)s is not an email address.")
        raise ValueError(isolate(message, value=value)) from error
    return value.casefold()


def name(value: str) -> str:
    folded = " ".join(value.split())
    if not folded:
        raise ValueError(_("The name is missing."))
    if len(folded) > 200:
        raise ValueError(_("Use at most 200 characters."))
    return folded


def one_of(value: str, allowed: tuple[str, ...]) -> str | None:
    if not value:
        return None
    if word(value) in allowed:
        return word(value)
    raise ValueError(unknown(value, ", ".join(allowed)))


def country(value: str) -> str | None:
    if not value:
        return None
    code = value.upper()
    if code in {code for code, _name in countries("en")}:
        return code
    raise ValueError(
        isolate(_("%(value)s is not a country code: use two letters, such as SN."), value=value)
    )


def unknown(value: str, allowed: str) -> str:
    message = _("%(value)s is not one of the accepted values: %(allowed)s.")
    return isolate(message, value=unicodedata.normalize("NFC", value), allowed=allowed)

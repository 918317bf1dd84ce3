"""Reading an admin's CSV file of face-to-face participants: every bad row with its line.

The file itself (encoding, separator, header, lines) is read by
academy.csvfiles; here are the columns of a participants file, the checks of
each row, and the one that needs the database (the course exists). Who
already holds a certificate is not a problem of the file: the preview shows
those rows as skipped (academy.certificates.face_to_face.plan_certificates).
Reading never writes.
"""

from __future__ import annotations

import re
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from academy import csvfiles
from academy.auth.models import CONSTITUENT_GROUPS, SEXES
from academy.certificates.face_to_face import Attendee
from academy.courses.models import Course
from academy.csvfiles import Problem
from academy.database import utcnow
from academy.extensions import db
from academy.i18n import isolate

MAX_ROWS = 5000
COLUMNS = (
    "name",
    "email",
    "course",
    "date",
    "language",
    "country",
    "sex",
    "constituent_group",
    "organisation",
)
_ALIASES = {
    "full_name": "name",
    "name_as_printed": "name",
    "e_mail": "email",
    "email_address": "email",
    "course_id": "course",
    "attended_on": "date",
    "group": "constituent_group",
    "organization": "organisation",
}
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_SLASHED = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})")


def _unknown_column(title: str) -> str:
    return _(
        "Unknown column %(column)s. The columns are name, email, course, date, and "
        "optionally language, country, sex, constituent group and organisation.",
        column=title,
    )


def _too_many(count: int) -> str:
    return _("The file holds more than %(count)d participants.", count=count)


LAYOUT = csvfiles.Layout(
    COLUMNS, ("name", "email", "course", "date"), _ALIASES, _unknown_column, MAX_ROWS, _too_many
)


def read_attendees(data: bytes) -> tuple[list[Attendee], list[Problem]]:
    """The participants of a CSV file, or every problem found in it (then none)."""
    table = csvfiles.read_table(data, LAYOUT)
    if table.problems and not table.titles:
        return [], table.problems
    courses = _courses({record.values.get("course", "") for record in table.records})
    rows, problems, seen = [], list(table.problems), {}
    for record in table.records:
        attendee, row_problems = _attendee(record.line, record.values, courses)
        if attendee is not None:
            key = (attendee.email, attendee.course.id)
            if key in seen:
                message = _("%(email)s is also on line %(line)s for this course.")
                text = isolate(message, email=attendee.email, line=seen[key])
                row_problems.append(Problem(record.line, "email", text))
            seen.setdefault(key, record.line)
        problems.extend(row_problems)
        if attendee is not None and not row_problems:
            rows.append((record.line, attendee))
    if not rows and not problems:
        problems.append(Problem(None, None, _("The file names no participant.")))
    problems.sort(key=lambda p: p.line or 0)
    if problems:
        return [], table.titled(problems)
    return [attendee for _line, attendee in rows], []


def _courses(slugs: set[str]) -> dict[str, Course]:
    wanted = [slug for slug in slugs if slug]
    if not wanted:
        return {}
    found = db.session.scalars(select(Course).where(Course.slug.in_(wanted)))
    return {course.slug: course for course in found}


def _attendee(line: int, values: dict[str, str], courses: dict[str, Course]):
    problems: list[Problem] = []

    def check(column, reader):
        try:
            return reader(values.get(column, ""))
        except ValueError as error:
            problems.append(Problem(line, column, error.args[0]))
            return None

    def course(value: str) -> Course:
        if not value:
            raise ValueError(_("The course is missing."))
        if value not in courses:
            raise ValueError(isolate(_("There is no course with the id %(value)s."), value=value))
        return courses[value]

    found = {
        "name": check("name", csvfiles.name),
        "email": check("email", csvfiles.email),
        "course": check("course", course),
        "attended_on": check("date", _date),
        "language": values.get("language") or None,
        "country": check("country", csvfiles.country),
        "sex": check("sex", lambda value: csvfiles.one_of(value, SEXES)),
        "constituent_group": check(
            "constituent_group", lambda value: csvfiles.one_of(value, CONSTITUENT_GROUPS)
        ),
        "organization": check("organisation", _organisation),
    }
    required = ("name", "email", "course", "attended_on")
    if any(found[key] is None for key in required):
        return None, problems
    return Attendee(**found), problems


def _date(value: str) -> date:
    """A day written 2026-03-14, or day first as Excel writes it in French or Spanish."""
    if not value:
        raise ValueError(_("The date is missing."))
    if iso := _ISO.fullmatch(value):
        year, month, day = (int(part) for part in iso.groups())
    elif slashed := _SLASHED.fullmatch(value):
        day, month, year = (int(part) for part in slashed.groups())
        if len(slashed.group(3)) == 2:
            raise ValueError(_ambiguous(value, _("the year has two digits")))
        if month > 12 and day <= 12:
            raise ValueError(_ambiguous(value, _("it reads as month first")))
    else:
        raise ValueError(_ambiguous(value, _("it is not a date")))
    try:
        found = date(year, month, day)
    except ValueError:
        raise ValueError(_ambiguous(value, _("there is no such day"))) from None
    if found > utcnow().date():
        raise ValueError(isolate(_("%(value)s is in the future."), value=value))
    return found


def _ambiguous(value: str, why: str) -> str:
    message = _(
        "%(value)s cannot be read as a date (%(why)s). Write it as 2026-03-14, "
        "or day first: 14/03/2026."
    )
    return isolate(message, value=value, why=why)


def _organisation(value: str) -> str | None:
    organisation = " ".join(value.split())
    if len(organisation) > 200:
        raise ValueError(_("Use at most 200 characters."))
    return organisation or None

"""The cohort's name and dates on the default certificate, in every certificate language."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from babel.dates import format_date, format_interval

from tests.certificates.test_pdf import make_record, pdf_text, render
from tests.i18n import translated

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")

COHORT = {"name": "Dakar 2027", "starts_on": "2027-03-01", "ends_on": "2027-06-30"}


def words(text: str) -> str:
    """Text with every run of spaces (thin, narrow, no-break, line ends) as one space."""
    return " ".join(text.split())


@pytest.mark.parametrize("language", ["en", "fr", "es", "ar"])
def test_the_cohort_and_its_dates_are_printed_in_the_certificate_language(app, language):
    text = pdf_text(render(make_record(language=language, cohort=COHORT)))
    dates = format_interval(date(2027, 3, 1), date(2027, 6, 30), "yMMMd", locale=language)
    line = translated("Cohort: %(name)s, %(dates)s", language, name="Dakar 2027", dates=dates)
    if language != "ar":
        assert words(line) in words(text)
        return
    # pdftotext gives right-to-left text in visual order: the line's words, not their order
    printed = next(row for row in text.splitlines() if "Dakar 2027" in row)
    for word in ("الدفعة", "مارس", "يونيو", "2027"):
        assert word in line
        assert word in printed


@pytest.mark.parametrize(
    ("cohort", "message", "values"),
    [
        ({"name": "Dakar 2027", "starts_on": None, "ends_on": None}, "Cohort: %(name)s", {}),
        ({"name": "Dakar 2027", "starts_on": "2027-03-01", "ends_on": None}, "from", "2027-03-01"),
        ({"name": "Dakar 2027", "starts_on": None, "ends_on": "2027-06-30"}, "until", "2027-06-30"),
    ],
)
def test_a_cohort_with_one_date_or_none(app, cohort, message, values):
    text = words(pdf_text(render(make_record(language="fr", cohort=cohort))))
    if message == "Cohort: %(name)s":
        assert words(translated(message, "fr", name="Dakar 2027")) in text
        return
    day = format_date(date.fromisoformat(values), "long", locale="fr")
    part = translated(f"{message} %(date)s", "fr", date=day)
    line = translated("Cohort: %(name)s, %(dates)s", "fr", name="Dakar 2027", dates=part)
    assert words(line) in text


def test_a_certificate_without_a_cohort_prints_none(app):
    assert "Cohort" not in pdf_text(render(make_record(cohort=None)))
    assert "Cohort" not in pdf_text(render())

"""A certificate's badge image is worded in the certificate's language, not the reader's."""

from __future__ import annotations

from academy.certificates import services
from academy.certificates.badge_images import badge_png_for, badge_svg_for, badge_text_for
from tests.factories import make_user


def test_a_french_certificate_has_a_french_badge_whatever_the_reader(app, sample_course):
    certificate = services.issue_certificate(make_user(), sample_course)
    record = {**certificate.as_record(), "language": "fr"}
    record["course_title"] = "Travailler ensemble"

    with app.test_request_context(headers={"Accept-Language": "es"}):
        text = badge_text_for(record)
        svg = badge_svg_for(record)
        png = badge_png_for(record)

    assert (text.label, text.academy) == ("Certificat de réussite", "Académie de l'ESS")
    assert text.title_lines == ("Travailler ensemble",)
    # French punctuation: a no-break space before the colon.
    assert "Certificat de réussite\xa0: Travailler ensemble" in svg
    assert png.startswith(b"\x89PNG")

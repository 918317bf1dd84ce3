"""`courses check` prints a course's certificate template before any learner needs it.

The template is rendered, in every language of the package, with a sample
certificate chosen to be hard to print: no signatories, a 200-character
Arabic name (the longest a record holds, right to left) and a 300-character
course title. Whatever would make a learner's download fail (a Jinja error, a
limit of the sandbox, a document over the page cap) is reported in the same
report as the package's other problems, as template-file:line.
academy.package_check runs it after the package's own check.
"""

from __future__ import annotations

from academy.certificates.pdf import CertificateRenderError, render_certificate_pdf
from academy.courses.building import Built
from academy.messages import gettext as _

# 200 characters, the length of certificates.recipient_name.
SAMPLE_NAME = ("عبد الرحمن بن محمد الأنصاري " * 8)[:200]
# 300 characters, the length of certificates.course_title.
SAMPLE_TITLE = ("Social and solidarity economy: cooperatives, mutuals and associations " * 5)[:300]
SAMPLE_LOGO = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" '
    b'height="20"/></svg>',
    "image/svg+xml",
)


def sample_record(language: str) -> dict:
    """A certificate record as issued, with the hardest values to print."""
    return {
        "public_id": "sample-certificate-0000000000000000",
        "recipient_name": SAMPLE_NAME,
        "course_slug": "sample-course",
        "course_version": "1",
        "course_title": SAMPLE_TITLE,
        "language": language,
        "completed_at": "2026-01-31T10:00:00+00:00",
        "score_percent": 87.5,
        "duration_hours": 12.5,
        "issued_at": "2026-02-01T09:30:00+00:00",
        "issuer": "SSE Academy",
        "face_to_face": False,
        "signatories": [],
        "logo": None,
        "template": "sample.html",
        "state": "issued",
        "revoked_at": None,
    }


def print_failure(
    template_html: str, language: str, has_logo: bool
) -> CertificateRenderError | None:
    """Why the template cannot print the sample certificate in language, or None."""
    try:
        render_certificate_pdf(
            sample_record(language),
            verify_url="https://academy.example/verify/sample-certificate",
            logo=SAMPLE_LOGO if has_logo else None,
            template_html=template_html,
        )
    except CertificateRenderError as error:
        return error
    return None


def check_certificate_template(built: Built) -> None:
    """Report the first failure of the package's certificate template in each language."""
    if built.certificate_template is None:
        return
    certificate = built.package.certificate
    reported = set()
    for language in built.package.languages:
        error = print_failure(built.certificate_template, language, "logo" in certificate)
        if error is None or (error.line, error.reason) in reported:
            continue
        reported.add((error.line, error.reason))
        # TRANSLATORS: %(problem)s is the renderer's own description, in English.
        message = _(
            "the certificate cannot be printed in %(language)s: %(problem)s",
            language=language,
            problem=error.reason,
        )
        built.problems.error(certificate["template"], error.line, message)

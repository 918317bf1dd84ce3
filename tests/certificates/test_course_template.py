"""A course's own certificate template: checked, imported, and kept by each certificate."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from sqlalchemy import select

from academy.certificates.models import Certificate
from academy.courses.building import check_package
from academy.courses.models import Course
from academy.extensions import db
from tests.conftest import import_package
from tests.courses.packages import COURSE_YAML, package
from tests.factories import make_user, sign_in

WITH_TEMPLATE = COURSE_YAML + "certificate:\n  template: certificate.html\n"
TEMPLATE = """<!doctype html>
<html lang="{{ lang }}"><body>
<h1>Tiny cooperative school</h1>
<p>{{ certificate.recipient_name }} — EDITION</p>
</body></html>
"""


def test_template_syntax_errors_are_reported_with_their_line(tmp_path):
    broken = "<p>fine</p>\n<p>{{ certificate.recipient_name </p>\n"
    root = package(tmp_path, {"course.yaml": WITH_TEMPLATE, "certificate.html": broken})
    _built, problems = check_package(root)
    [problem] = [str(p) for p in problems.errors]
    assert problem.startswith("certificate.html:2: error: template syntax:")


def test_a_template_linked_from_outside_the_package_is_refused(tmp_path):
    outside = tmp_path / "outside.html"
    outside.write_text("<p>secret</p>")
    root = package(tmp_path, {"course.yaml": WITH_TEMPLATE})
    os.symlink(outside, root / "certificate.html")
    _built, problems = check_package(root)
    assert any("the template 'certificate.html' must be" in str(p) for p in problems.errors)


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")
def test_certificates_keep_the_template_they_were_issued_with(app, runner, client, tmp_path):
    root = package(
        tmp_path,
        {"course.yaml": WITH_TEMPLATE, "certificate.html": TEMPLATE.replace("EDITION", "first")},
    )
    import_package(root)
    course = db.session.scalar(select(Course))
    assert "Tiny cooperative school" in course.certificate_template
    learner = make_user(name="Ama Owusu")
    result = runner.invoke(
        args=["certificates", "issue", "--email", learner.email, "--course", "tiny"]
    )
    assert result.exit_code == 0, result.output
    (root / "certificate.html").write_text(TEMPLATE.replace("EDITION", "second"))
    import_package(root)
    certificate = db.session.scalar(select(Certificate))
    sign_in(client, learner.email)
    response = client.get(f"/certificates/{certificate.public_id}.pdf")
    assert response.status_code == 200
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=response.data, capture_output=True, check=True
    ).stdout.decode()
    assert "Tiny cooperative school" in text
    assert "Ama Owusu — first" in text
    assert "second" not in text

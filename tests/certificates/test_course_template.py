"""A course's own certificate template: checked, imported, and kept by each certificate."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from academy.certificates.models import Certificate
from academy.courses.models import Course
from academy.extensions import db
from academy.package_check import check_course_package
from academy.packagefiles.problems import PackageError
from tests.conftest import import_package
from tests.courses.packages import COURSE_YAML, package
from tests.factories import make_user, sign_in

WITH_TEMPLATE = COURSE_YAML + "certificate:\n  template: certificate.html\n"
ROOT = str(Path(__file__).resolve().parents[2])
# 100,000 loop steps: valid Jinja, which only printing the certificate refuses.
LOOPING = "{% for i in range(1000) %}{% for j in range(100) %}{% endfor %}{% endfor %}"
LOOPING_ERROR = (
    "certificate.html:1: error: the certificate cannot be printed in en: "
    "more than 10000 loop steps and calls"
)
TEMPLATE = """<!doctype html>
<html lang="{{ lang }}"><body>
<h1>Tiny cooperative school</h1>
<p>{{ certificate.recipient_name }} — EDITION</p>
</body></html>
"""


def test_template_syntax_errors_are_reported_with_their_line(tmp_path):
    broken = "<p>fine</p>\n<p>{{ certificate.recipient_name </p>\n"
    root = package(tmp_path, {"course.yaml": WITH_TEMPLATE, "certificate.html": broken})
    _built, problems = check_course_package(root)
    [problem] = [str(p) for p in problems.errors]
    assert problem.startswith("certificate.html:2: error: template syntax:")


def test_a_template_linked_from_outside_the_package_is_refused(tmp_path):
    outside = tmp_path / "outside.html"
    outside.write_text("<p>secret</p>")
    root = package(tmp_path, {"course.yaml": WITH_TEMPLATE})
    os.symlink(outside, root / "certificate.html")
    _built, problems = check_course_package(root)
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


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        # The sample certificate has no signatories.
        (
            "<p>fine</p>\n<p>{{ certificate.signatories[0].name }}</p>\n",
            "certificate.html:2: error: the certificate cannot be printed in en: "
            "list object has no element 0",
        ),
        # One paragraph per letter of a 200-character name runs over the page cap.
        (
            "{% for letter in certificate.recipient_name %}<p>{{ letter }}</p>{% endfor %}",
            "certificate.html:1: error: the certificate cannot be printed in en: "
            "the certificate runs over 2 pages",
        ),
        # A million loop steps would stall every download.
        (
            "<p>\n\n{% for i in range(1000) %}{% for j in range(1000) %}"
            "{% endfor %}{% endfor %}</p>",
            "certificate.html:3: error: the certificate cannot be printed in en: "
            "more than 10000 loop steps and calls",
        ),
    ],
)
def test_check_prints_the_template_with_a_sample_certificate(tmp_path, template, expected):
    root = package(tmp_path, {"course.yaml": WITH_TEMPLATE, "certificate.html": template})
    _built, problems = check_course_package(root)
    assert [str(p) for p in problems.errors] == [expected]


def test_the_cli_reports_a_broken_template_with_the_other_problems(runner, tmp_path):
    template = "<p>{{ certificate.signatories[0].name }}</p>"
    root = package(tmp_path, {"course.yaml": WITH_TEMPLATE, "certificate.html": template})
    result = runner.invoke(args=["courses", "check", str(root)])
    assert result.exit_code == 1
    assert f"{root}/certificate.html:1: error: the certificate cannot be printed in en" in (
        result.output
    )
    assert f"{root}: FAILED: 1 error(s), 0 warning(s)" in result.output


def test_the_academy_command_reports_a_broken_template_in_a_fresh_interpreter(tmp_path):
    root = package(tmp_path, {"course.yaml": WITH_TEMPLATE, "certificate.html": LOOPING})
    instance = tmp_path / "instance"
    result = subprocess.run(  # noqa: S603 - this interpreter, fixed arguments
        [sys.executable, "-c", "from academy.cli import main; main()", "courses", "check", root],
        env={"ACADEMY_INSTANCE_PATH": str(instance), "PATH": "/usr/bin:/bin", "PYTHONPATH": ROOT},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines() == [f"{root}/{LOOPING_ERROR}"]
    assert f"{root}: FAILED: 1 error(s), 0 warning(s)" in result.stdout


def test_import_refuses_a_template_that_cannot_print(runner, tmp_path):
    root = package(tmp_path, {"course.yaml": WITH_TEMPLATE, "certificate.html": LOOPING})
    result = runner.invoke(args=["courses", "import", str(root)])
    assert result.exit_code == 1
    assert f"{root}/{LOOPING_ERROR}" in result.output
    assert f"{root}: not imported; nothing was changed." in result.output
    assert db.session.scalars(select(Course)).all() == []


def test_the_tests_importer_refuses_it_too(app, tmp_path):
    root = package(tmp_path, {"course.yaml": WITH_TEMPLATE, "certificate.html": LOOPING})
    with pytest.raises(PackageError) as raised:
        import_package(root)
    assert [str(problem) for problem in raised.value.problems] == [LOOPING_ERROR]
    assert db.session.scalars(select(Course)).all() == []


def test_a_template_that_prints_the_sample_passes_the_check(tmp_path):
    root = package(tmp_path, {"course.yaml": WITH_TEMPLATE, "certificate.html": TEMPLATE})
    _built, problems = check_course_package(root)
    assert problems.items == []

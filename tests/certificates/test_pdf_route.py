"""The PDF download: for the recipient and admins, with an ETag any server agrees on."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from sqlalchemy import select

from academy.certificates.models import Certificate
from academy.extensions import db
from tests.certificates.helpers import learner_who_completed
from tests.factories import make_user, sign_in

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")


def test_the_recipient_downloads_the_pdf_with_their_name(client, sample_course):
    learner_who_completed(client, sample_course, name="Fatou Ndiaye")
    certificate = db.session.scalar(select(Certificate))
    html = client.get("/certificates/").text
    url = f"/certificates/{certificate.public_id}.pdf"
    assert url in html
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["ETag"]
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=response.data, capture_output=True, check=True
    ).stdout.decode()
    assert "Fatou Ndiaye" in text
    again = client.get(url, headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


def test_nobody_else_gets_the_pdf(make_app, client, sample_course):
    learner_who_completed(client, sample_course)
    certificate = db.session.scalar(select(Certificate))
    url = f"/certificates/{certificate.public_id}.pdf"
    other = make_app().test_client()
    assert other.get(url).status_code == 302  # visitors are sent to sign in
    sign_in(other, make_user().email)
    assert other.get(url).status_code == 404
    admin = make_app().test_client()
    sign_in(admin, make_user(role="admin").email)
    assert admin.get(url).status_code == 200

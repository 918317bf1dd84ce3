"""PDF downloads: rendered once and shared by servers, rate-limited, and never a 500."""

from __future__ import annotations

import logging

import pytest
from flask_babel import force_locale, gettext
from sqlalchemy import event, select
from sqlalchemy.exc import OperationalError

from academy.certificates import downloads
from academy.certificates.models import Certificate, CertificatePDF
from academy.extensions import db
from tests.certificates.helpers import learner_who_completed
from tests.factories import sign_in

STALLING = "<p>\n\n{% for i in range(1000) %}{% for j in range(1000) %}{% endfor %}{% endfor %}</p>"


def count_renders(monkeypatch) -> list[str]:
    renders: list[str] = []
    render = downloads.render_certificate_pdf

    def counted(record, **kwargs):
        renders.append(record["public_id"])
        return render(record, **kwargs)

    monkeypatch.setattr(downloads, "render_certificate_pdf", counted)
    return renders


@pytest.mark.database
def test_the_same_pdf_is_rendered_once_for_every_server(
    make_app, client, sample_course, monkeypatch
):
    learner = learner_who_completed(client, sample_course)
    certificate = db.session.scalar(select(Certificate))
    url = f"/certificates/{certificate.public_id}.pdf"
    renders = count_renders(monkeypatch)
    first = client.get(url)
    other_server = make_app().test_client()
    sign_in(other_server, learner.email)
    second = other_server.get(url)
    assert (first.status_code, second.status_code) == (200, 200)
    assert renders == [certificate.public_id]
    assert second.data == first.data
    assert second.headers["ETag"] == first.headers["ETag"]
    stored = db.session.execute(select(CertificatePDF.certificate_id, CertificatePDF.etag)).all()
    assert stored == [(certificate.id, first.headers["ETag"].strip('"'))]
    assert other_server.get(url, headers={"If-None-Match": first.headers["ETag"]}).status_code == (
        304
    )
    assert renders == [certificate.public_id]


def test_a_busy_database_only_costs_a_render_next_time(client, sample_course):
    learner_who_completed(client, sample_course)
    certificate = db.session.scalar(select(Certificate))

    def locked(*_args):
        raise OperationalError("INSERT INTO certificate_pdfs", {}, Exception("database is locked"))

    event.listen(CertificatePDF, "before_insert", locked)
    try:
        response = client.get(f"/certificates/{certificate.public_id}.pdf")
    finally:
        event.remove(CertificatePDF, "before_insert", locked)
    assert response.status_code == 200
    assert response.data.startswith(b"%PDF-")
    assert db.session.scalars(select(CertificatePDF)).all() == []


def test_a_new_etag_replaces_the_stored_pdf(client, sample_course, monkeypatch):
    learner_who_completed(client, sample_course)
    certificate = db.session.scalar(select(Certificate))
    url = f"/certificates/{certificate.public_id}.pdf"
    renders = count_renders(monkeypatch)
    client.get(url)
    monkeypatch.setattr("academy.certificates.pdf.RENDERER_VERSION", "next")
    again = client.get(url)
    assert again.status_code == 200
    assert renders == [certificate.public_id, certificate.public_id]
    assert db.session.scalars(select(CertificatePDF.etag)).all() == [
        again.headers["ETag"].strip('"')
    ]


def test_a_template_that_cannot_print_gives_a_clear_page_and_a_log(client, sample_course, caplog):
    sample_course.certificate = {**sample_course.certificate, "template": "certificate.html"}
    sample_course.certificate_template = STALLING
    db.session.commit()
    learner_who_completed(client, sample_course, locale="fr")
    certificate = db.session.scalar(select(Certificate))
    with caplog.at_level(logging.ERROR, logger="academy.certificates.views"):
        response = client.get(f"/certificates/{certificate.public_id}.pdf")
    assert response.status_code == 503
    with force_locale("fr"):
        title = gettext("The PDF could not be made")
    assert '<html lang="fr"' in response.text
    assert f"<h1>{title}</h1>" in response.text
    assert f"http://academy.test/verify/{certificate.public_id}" in response.text
    assert [record.getMessage() for record in caplog.records] == [
        f"The PDF of certificate {certificate.id} (course sample-course) cannot be printed: "
        "line 3: more than 10000 loop steps and calls"
    ]
    assert db.session.scalars(select(CertificatePDF)).all() == []


def test_downloads_are_rate_limited_per_user(make_app, sample_course):
    app = make_app(RATELIMIT_ENABLED=True, CERTIFICATE_PDF_LIMIT_PER_USER="2/minute")
    client = app.test_client()
    learner_who_completed(client, sample_course)
    certificate = db.session.scalar(select(Certificate))
    url = f"/certificates/{certificate.public_id}.pdf"
    statuses = [client.get(url).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    refused = client.get(url)
    assert refused.status_code == 429
    assert "You downloaded certificates many times in a short while." in refused.text


def test_the_pdf_route_keeps_its_name_and_url_in_its_own_module(app):
    from flask import url_for

    with app.test_request_context():
        assert url_for("certificates.pdf", public_id="abc") == "/certificates/abc.pdf"
    assert app.view_functions["certificates.pdf"].__module__ == "academy.certificates.pdf_views"
    assert app.view_functions["certificates.verify"].__module__ == "academy.certificates.views"

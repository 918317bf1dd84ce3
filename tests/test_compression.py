"""gzip in the app: a lesson page and its CSS in a few kilobytes, and nothing compressed twice."""

from __future__ import annotations

import gzip
import re

import pytest
from sqlalchemy import select

from academy import pagecache
from academy.certificates.models import Certificate
from academy.config import PROJECT_ROOT
from academy.extensions import db
from tests.certificates.helpers import learner_who_completed
from tests.conftest import import_package
from tests.courses.test_assets_route import asset_url
from tests.factories import make_user, sign_in

GZIP = {"Accept-Encoding": "gzip, deflate, br"}
BUNDLED_LESSON = "/courses/sse-introduction/lessons/welcome"
# Issue 15: a lesson page with its CSS, on the wire, for a learner on a phone.
WIRE_BUDGET = 15_000


@pytest.fixture(autouse=True)
def _empty_cache():
    pagecache.clear()
    yield
    pagecache.clear()


@pytest.fixture
def bundled(app):
    import_package(PROJECT_ROOT / "courses" / "sse-introduction")


def stylesheet(html: str) -> str:
    return re.search(r'<link rel="stylesheet" href="([^"]+)"', html).group(1)


def test_a_bundled_lesson_page_and_its_css_fit_the_budget(client, bundled):
    plain = client.get(BUNDLED_LESSON)
    page = client.get(BUNDLED_LESSON, headers=GZIP)
    css = client.get(stylesheet(plain.text), headers=GZIP)
    assert (page.status_code, css.status_code) == (200, 200)
    assert page.headers["Content-Encoding"] == css.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(page.data) == plain.data
    assert int(page.headers["Content-Length"]) == len(page.data)
    wire = len(page.data) + len(css.data)
    assert wire < WIRE_BUDGET, f"{len(page.data)} + {len(css.data)} bytes"
    # The same page for a signed-in learner, with their token, fits too.
    sign_in(client, make_user().email)
    signed_in = client.get(BUNDLED_LESSON, headers=GZIP)
    assert signed_in.headers["Content-Encoding"] == "gzip"
    assert len(signed_in.data) + len(css.data) < WIRE_BUDGET


def test_a_client_that_asks_for_nothing_gets_identity(client, bundled):
    for headers in ({}, {"Accept-Encoding": "gzip;q=0, identity"}):
        page = client.get(BUNDLED_LESSON, headers=headers)
        assert "Content-Encoding" not in page.headers
        assert page.text.startswith("\n<!doctype html>") or "<!doctype html>" in page.text[:50]
        assert "Accept-Encoding" in page.headers["Vary"]
        assert "Cookie" in page.headers["Vary"]


def test_static_files_have_an_etag_per_encoding(client, bundled):
    url = stylesheet(client.get(BUNDLED_LESSON).text)
    plain = client.get(url)
    zipped = client.get(url, headers=GZIP)
    assert "Content-Encoding" not in plain.headers
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.data) == plain.data
    assert "Accept-Encoding" in plain.headers["Vary"]
    assert plain.headers["Vary"] == zipped.headers["Vary"]
    plain_etag, zipped_etag = plain.headers["ETag"], zipped.headers["ETag"]
    assert zipped_etag == plain_etag[:-1] + '-gzip"'
    # Each form's validator confirms that form only.
    again = client.get(url, headers={**GZIP, "If-None-Match": zipped_etag})
    assert (again.status_code, again.data, again.headers["ETag"]) == (304, b"", zipped_etag)
    assert client.get(url, headers={"If-None-Match": plain_etag}).status_code == 304
    assert client.get(url, headers={"If-None-Match": zipped_etag}).status_code == 200
    # A copy of the plain form is still good for a client that now accepts gzip.
    kept = client.get(url, headers={**GZIP, "If-None-Match": plain_etag})
    assert (kept.status_code, kept.headers["ETag"]) == (304, plain_etag)


def test_a_weak_etag_stays_the_same_in_both_forms(client, sample_course):
    learner_who_completed(client, sample_course)
    certificate = db.session.scalar(select(Certificate))
    url = f"/verify/{certificate.public_id}"
    client.get(url)  # the first view gives the session its token, which the ETag covers
    plain, zipped = client.get(url), client.get(url, headers=GZIP)
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert plain.headers["ETag"].startswith('W/"')
    # The token in the page differs between two views; the validator does not.
    assert zipped.headers["ETag"] == plain.headers["ETag"]
    again = client.get(url, headers={**GZIP, "If-None-Match": zipped.headers["ETag"]})
    assert again.status_code == 304


def test_pdfs_csv_and_images_are_not_compressed_again(app, client, sample_course):
    learner_who_completed(client, sample_course)
    certificate = db.session.scalar(select(Certificate))
    pdf = client.get(f"/certificates/{certificate.public_id}.pdf", headers=GZIP)
    assert (pdf.status_code, pdf.mimetype) == (200, "application/pdf")
    assert pdf.data.startswith(b"%PDF")
    assert "Content-Encoding" not in pdf.headers
    image = client.get(asset_url("circle.svg"), headers=GZIP)
    assert image.status_code == 200
    assert image.mimetype.startswith("image/")
    assert "Content-Encoding" not in image.headers
    admin = app.test_client()
    sign_in(admin, make_user(role="admin").email)
    for url in ("/admin/audit.csv", "/admin/reports/enrolments.csv"):
        csv = admin.get(url, headers=GZIP)
        assert (csv.status_code, csv.mimetype) == (200, "text/csv")
        assert "Content-Encoding" not in csv.headers


def test_compression_can_be_left_to_a_proxy(make_app, app, bundled):
    client = make_app(COMPRESS_RESPONSES=False).test_client()
    page = client.get(BUNDLED_LESSON, headers=GZIP)
    assert page.status_code == 200
    assert "Content-Encoding" not in page.headers
    assert "Accept-Encoding" not in page.headers.get("Vary", "")

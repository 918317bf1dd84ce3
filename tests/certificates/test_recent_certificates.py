"""A certificate kept by each process a moment for its downloads (academy.recent_rows).

A revocation or withdrawal made in this process bites at once
(tests/certificates/test_pdf_cache.py); one made on another server within
PAGE_CACHE_CHECK_SECONDS, well inside the status list's 60 seconds. A second
app on the same database stands for that server, a clock the test moves for
the time.
"""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import event, select

from academy.certificates import pdf_cache
from academy.certificates.models import Certificate
from academy.certificates.services import revoke_certificate
from academy.certificates.withdrawal import withdraw_certificate
from academy.extensions import db
from tests.certificates.helpers import learner_who_completed

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")


@pytest.fixture(autouse=True)
def _empty_cache():
    pdf_cache.clear()
    yield
    pdf_cache.clear()


@pytest.fixture
def downloaded(app, client, sample_course, clock):
    """The certificate's download URL and first answer, once this process keeps its row."""
    learner_who_completed(client, sample_course)
    public_id = db.session.scalar(select(Certificate.public_id))
    url = f"/certificates/{public_id}.pdf"
    first = client.get(url)
    assert first.status_code == 200
    return clock, public_id, url, first


def _elsewhere(make_app, public_id: str, change) -> None:
    other = make_app()  # another server on the same database: nothing tells this one
    with other.app_context():
        change(db.session.scalar(select(Certificate).where(Certificate.public_id == public_id)))
        db.session.commit()
        db.session.remove()


def test_a_repeated_download_asks_the_database_nothing(app, client, downloaded):
    _clock, _public_id, url, first = downloaded
    statements = []

    def record(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        again = client.get(url)
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert (again.status_code, again.data) == (200, first.data)
    assert statements == []


def test_a_revocation_on_another_server_reaches_downloads_within_the_delay(
    make_app, app, client, downloaded
):
    clock, public_id, url, first = downloaded
    _elsewhere(make_app, public_id, lambda c: revoke_certificate(c, None, "Issued by mistake"))
    clock.now += app.config["PAGE_CACHE_CHECK_SECONDS"] - 0.1
    assert client.get(url).headers["ETag"] == first.headers["ETag"]  # still trusted here
    clock.now += 0.1
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 200
    assert again.headers["ETag"] != first.headers["ETag"]
    assert again.data != first.data


def test_a_withdrawal_on_another_server_reaches_downloads_within_the_delay(
    make_app, app, client, downloaded
):
    clock, public_id, url, first = downloaded
    _elsewhere(make_app, public_id, lambda c: withdraw_certificate(c, None))
    clock.now += app.config["PAGE_CACHE_CHECK_SECONDS"]
    assert client.get(url).status_code == 410
    assert client.get(url, headers={"If-None-Match": first.headers["ETag"]}).status_code == 410

"""Issuing face-to-face certificates from a 5,000-row CSV file, in one transaction.

Baseline, measured in the same run: as many certificate rows inserted with one
plain executemany INSERT and nothing else (no file, no checks, no participant
rows, no audit log, no mails). The file goes through the admin's pages, its
preview and then the issue (issue 13), both timed; the mails to the
participants are composed and sent after the response, so the admin waits for
the certificates only, and the mails are timed apart.
"""

from __future__ import annotations

import io
import re
import time

from sqlalchemy import delete, event, func, insert, select

from academy.certificates.models import Certificate, Participant
from academy.certificates.services import new_public_id
from academy.database import utcnow
from academy.extensions import db
from tests.benchmarks import table
from tests.factories import make_user, sign_in

ROWS = 5000
BUDGET = 60  # times the plain insert, for the response


def _plain_insert(course) -> float:
    rows = [
        {"public_id": new_public_id(), "course_id": course.id, "recipient_name": f"Plain {n}",
         "course_slug": course.slug, "course_version": course.version, "course_title": "T",
         "language": "en", "issued_at": utcnow(), "issuer": "Plain", "face_to_face": True,
         "settings": {}, "state": "issued"}
        for n in range(ROWS)
    ]  # fmt: skip
    start = time.perf_counter()
    db.session.execute(insert(Certificate), rows)
    db.session.commit()
    seconds = time.perf_counter() - start
    db.session.execute(delete(Certificate).where(Certificate.issuer == "Plain"))
    db.session.commit()
    return seconds


def bench_face_to_face_certificates_from_five_thousand_rows(app, client, sample_course):
    admin = make_user("bench-admin@example.org", role="admin", name="Ada Admin")
    baseline = min(_plain_insert(sample_course) for _ in range(3))
    lines = ["name;email;course;date;country;sex;constituent group;organisation"] + [
        f"Participant {n};p{n}@example.org;sample-course;14/03/2026;SN;woman;workers;Coop"
        for n in range(ROWS)
    ]
    data = ("\ufeff" + "\r\n".join(lines) + "\r\n").encode()
    sign_in(client, admin.email)
    # The preview (the file checked and kept for a moment) is the admin's first wait,
    # the issue their second; both are timed, the mails after the issue are not.
    start = time.perf_counter()
    sent = client.post(
        "/admin/face-to-face/",
        data={"file": (io.BytesIO(data), "workshop.csv")},
        content_type="multipart/form-data",
    )
    assert sent.status_code == 302, sent.status_code
    page = client.get(sent.location).text
    previewed = time.perf_counter() - start
    digest = re.search(r'name="digest" value="([0-9a-f]{64})"', page).group(1)
    commits = []
    event.listen(db.engine, "commit", lambda _connection: commits.append(1))
    start = time.perf_counter()
    response = client.post(
        f"{sent.location.rstrip('/')}/issue",
        data={"digest": digest},
        buffered=False,  # the mails go out after the response: not timed
    )
    seconds = time.perf_counter() - start + previewed
    assert response.status_code == 302
    response.close()  # the server's end of the response: the mails go out now
    mails = time.perf_counter() - start - (seconds - previewed)
    assert len(commits) == 1
    issued = db.session.scalar(select(func.count()).select_from(Participant))
    assert issued == ROWS
    ratio = seconds / baseline
    print(
        f"\n{ROWS} rows: plain insert {baseline * 1000:.1f} ms ({ROWS / baseline:,.0f} rows/s)"
        f"\nface-to-face preview and issue {seconds * 1000:8.1f} ms ({ROWS / seconds:,.0f} rows/s)"
        f" = {ratio:5.1f}x the plain insert (budget {BUDGET}x)"
        f"\n{ROWS} certificate mails after the response: {mails:.2f} s"
    )
    table.at_most(
        f"face-to-face certificates, {ROWS} rows",
        f"{seconds * 1000:.0f} ms",
        f"{baseline * 1000:.1f} ms (plain insert)",
        ratio,
        BUDGET,
    )

"""Enrolling a cohort from a 2,000-row CSV file, in one transaction: rows per second.

Baseline, measured in the same run: the same number of rows inserted with one
plain executemany INSERT and nothing else (no file, no lookups, no mails). The
upload goes through the page, as a trainer's does: half the rows are accounts
that join, half are addresses that get an invitation mail, composed and sent
after the response: the trainer waits for the enrolment, the mails are timed
apart.
"""

from __future__ import annotations

import io
import time

from sqlalchemy import event, func, insert, select

from academy.database import utcnow
from academy.extensions import db
from academy.learning.models import Invitation
from tests.benchmarks import table
from tests.factories import make_user, sign_in
from tests.trainers.cohort_helpers import make_cohort, make_owner

ROWS = 2000
BUDGET = 60  # times the plain insert, for the response


def _plain_insert(cohort_id: int) -> float:
    rows = [
        {"cohort_id": cohort_id, "email": f"plain{n}@example.org", "name": f"Plain {n}",
         "invited_at": utcnow()}
        for n in range(ROWS)
    ]  # fmt: skip
    start = time.perf_counter()
    db.session.execute(insert(Invitation), rows)
    db.session.commit()
    seconds = time.perf_counter() - start
    db.session.execute(Invitation.__table__.delete().where(Invitation.cohort_id == cohort_id))
    db.session.commit()
    return seconds


def bench_csv_enrolment_of_two_thousand_rows(app, client, sample_course):
    owner = make_user("owner@example.org", role="trainer")
    make_owner(owner, sample_course)
    members = [make_user(f"member{n}@example.org", commit=False) for n in range(ROWS // 2)]
    db.session.commit()
    scratch = make_cohort(sample_course, key=None, name="Scratch")
    cohort = make_cohort(sample_course, key=None)
    baseline = min(_plain_insert(scratch.id) for _ in range(3))
    lines = ["email,name"] + [f"{user.email},{user.name}" for user in members]
    lines += [f"new{n}@example.org,New {n}" for n in range(ROWS // 2)]
    data = ("\r\n".join(lines) + "\r\n").encode()
    sign_in(client, owner.email)
    commits = []
    event.listen(db.engine, "commit", lambda _connection: commits.append(1))
    start = time.perf_counter()
    response = client.post(
        f"/trainers/cohorts/{cohort.id}/enrolments",
        data={"file": (io.BytesIO(data), "learners.csv")},
        content_type="multipart/form-data",
        buffered=False,  # the invitation mails go out after the response: not timed
    )
    seconds = time.perf_counter() - start
    assert response.status_code == 302
    response.close()  # the server's end of the response: the mails go out now
    mails = time.perf_counter() - start - seconds
    assert len(commits) == 1
    invited = db.session.scalar(
        select(func.count()).select_from(Invitation).where(Invitation.cohort_id == cohort.id)
    )
    assert invited == ROWS // 2
    ratio = seconds / baseline
    print(
        f"\n{ROWS} rows: plain insert {baseline * 1000:.1f} ms ({ROWS / baseline:,.0f} rows/s)"
        f"\nCSV enrolment {seconds * 1000:8.1f} ms ({ROWS / seconds:,.0f} rows/s)"
        f" = {ratio:5.1f}x the plain insert (budget {BUDGET}x)"
        f"\n{ROWS // 2} invitation mails after the response: {mails:.2f} s"
    )
    table.at_most(
        f"CSV enrolment, {ROWS} rows",
        f"{seconds * 1000:.0f} ms",
        f"{baseline * 1000:.1f} ms (plain insert)",
        ratio,
        BUDGET,
    )

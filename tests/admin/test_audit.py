"""The audit log page and its CSV: filters, dates in the admin's zone, safe cells."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest

from academy.certificates.models import AuditEntry
from academy.extensions import db
from tests.admin.helpers import counted_statements, signed_in_admin
from tests.factories import make_user

pytestmark = pytest.mark.database


def entry(action, actor=None, *, at, course=None, subject=None, reason=None, details=""):
    row = AuditEntry(
        action=action,
        actor_id=actor.id if actor else None,
        at=at,
        course_slug=course,
        subject_user_id=subject.id if subject else None,
        reason=reason,
        details=details,
    )
    db.session.add(row)
    db.session.commit()
    return row


@pytest.fixture
def log(app):
    alice = make_user("alice@example.org", role="admin", name="Alice Admin")
    bob = make_user("bob@example.org", role="trainer", name="Bob Trainer")
    learner = make_user("learner@example.org", name="Lena Learner")
    return {
        "alice": alice,
        "bob": bob,
        "learner": learner,
        "role": entry(
            "change_role",
            alice,
            at=datetime(2027, 3, 1, 22, 30, tzinfo=UTC),
            subject=learner,
            details="learner -> trainer",
        ),
        "publish": entry(
            "publish", bob, at=datetime(2027, 3, 2, 9, 0, tzinfo=UTC), course="sample-course"
        ),
        "system": entry(
            "deactivate",
            None,
            at=datetime(2027, 3, 3, 9, 0, tzinfo=UTC),
            subject=learner,
            reason='=HYPERLINK("http://evil")',
        ),
    }


def ids_shown(html: str, log) -> list[str]:
    """Which fixture entries a page lists, newest first, by their details or action."""
    marks = {"role": "learner -&gt; trainer", "publish": "Course published", "system": "HYPERLINK"}
    body = html.split("<tbody>")[1] if "<tbody>" in html else ""
    positions = sorted((body.find(mark), name) for name, mark in marks.items() if mark in body)
    return [name for _position, name in positions]


def test_every_entry_newest_first(client, log):
    signed_in_admin(client)
    response = client.get("/admin/audit/")
    assert response.status_code == 200
    assert ids_shown(response.text, log) == ["system", "publish", "role"]
    assert "3 entries." in response.text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("action=publish", ["publish"]),
        ("actor=ALICE%40example", ["role"]),
        ("course=sample-course", ["publish"]),
        ("from=2027-03-02&to=2027-03-02", ["publish"]),
        ("from=2027-03-03", ["system"]),
        ("to=2027-03-01", ["role"]),
    ],
)
def test_filters(client, log, query, expected):
    signed_in_admin(client)
    response = client.get(f"/admin/audit/?{query}")
    assert response.status_code == 200
    assert ids_shown(response.text, log) == expected


def test_filter_by_the_account_concerned(client, log):
    signed_in_admin(client)
    response = client.get(f"/admin/audit/?subject={log['learner'].id}")
    assert ids_shown(response.text, log) == ["system", "role"]


def test_days_are_the_admins_own(client, log):
    # 22:30 UTC on 1 March is 2 March in Tokyo (UTC+9).
    signed_in_admin(client, time_zone="Asia/Tokyo")
    response = client.get("/admin/audit/?from=2027-03-02&to=2027-03-02")
    assert ids_shown(response.text, log) == ["publish", "role"]


@pytest.mark.parametrize(
    "query", ["from=2027-02-30", "from=yesterday", "from=2027-03-05&to=2027-03-01"]
)
def test_a_bad_date_is_a_clear_400(client, log, query):
    signed_in_admin(client)
    response = client.get(f"/admin/audit/?{query}")
    assert response.status_code == 400
    assert "There is a problem" in response.text
    assert ids_shown(response.text, log) == []
    assert client.get(f"/admin/audit.csv?{query}").status_code == 400


def test_actions_are_named_in_the_admins_language(client, log):
    signed_in_admin(client, locale="fr")
    response = client.get("/admin/audit/?action=change_role")
    assert "Rôle modifié" in response.text


def test_the_csv_holds_the_filtered_entries_safely(client, log):
    signed_in_admin(client)
    response = client.get(f"/admin/audit.csv?subject={log['learner'].id}")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == 'attachment; filename="audit-log.csv"'
    assert response.headers["Cache-Control"] == "no-store"
    assert response.data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows == [
        [
            "When (UTC)",
            "By",
            "Action",
            "Action id",
            "Certificate",
            "Course",
            "Account concerned",
            "Reason",
            "Details",
        ],
        [
            "2027-03-03T09:00:00+00:00",
            "System",
            "Account deactivated",
            "deactivate",
            "",
            "",
            "learner@example.org",
            '\'=HYPERLINK("http://evil")',
            "",
        ],
        [
            "2027-03-01T22:30:00+00:00",
            "alice@example.org",
            "Role changed",
            "change_role",
            "",
            "",
            "learner@example.org",
            "",
            "learner -> trainer",
        ],
    ]


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_every_formula_start_is_defused(client, log, start):
    entry("announce", log["bob"], at=datetime(2027, 4, 1, tzinfo=UTC), details=f"{start}1+1")
    signed_in_admin(client)
    response = client.get("/admin/audit.csv?action=announce")
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[1][8] == f"'{start}1+1"


def test_the_page_takes_the_same_queries_whatever_its_length(client, log):
    signed_in_admin(client)
    client.get("/admin/audit/")
    with counted_statements() as few:
        assert client.get("/admin/audit/").status_code == 200
    for number in range(10):
        other = make_user(f"actor{number}@example.org", role="admin")
        entry("change_role", other, at=datetime(2027, 5, 1, tzinfo=UTC), subject=other)
    with counted_statements() as many:
        assert client.get("/admin/audit/").status_code == 200
    assert many[0] == few[0]

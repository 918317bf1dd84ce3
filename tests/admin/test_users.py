"""The admins' user pages: search and filters, roles, deactivation, the audit rows."""

from __future__ import annotations

import pytest

from academy.auth.models import User
from academy.database import utcnow
from academy.extensions import db
from tests.admin.helpers import audit_rows, counted_statements, signed_in_admin
from tests.factories import make_user, reload, sign_in
from tests.test_pages import check_structure


def names_listed(html: str, people) -> list[str]:
    return [person.name for person in people if f'/admin/users/{person.id}"' in html]


@pytest.fixture
def people(app):
    return {
        "emilie": make_user("emilie@example.org", name="Émilie Ndiaye", role="trainer"),
        "amadou": make_user("amadou@example.org", name="Amadou Sow"),
        "waiting": make_user("waiting@example.org", name="Nadia Waits", confirmed=False),
        "gone": make_user("gone@example.org", name="Gone Person"),
        "away": make_user("away@example.org", name="Away Person"),
    }


def _mark(people) -> None:
    people["gone"].deleted_at = utcnow()
    people["gone"].email = None
    people["away"].deactivated_at = utcnow()
    db.session.commit()


@pytest.mark.database
def test_search_is_case_and_accent_insensitive(client, people):
    signed_in_admin(client)
    response = client.get("/admin/users/?q=EMILIE")
    assert response.status_code == 200
    check_structure(response.text)
    assert names_listed(response.text, people.values()) == ["Émilie Ndiaye"]
    response = client.get("/admin/users/?q=amadou%40EXAMPLE")
    assert names_listed(response.text, people.values()) == ["Amadou Sow"]


def test_a_percent_sign_is_searched_literally(client, people):
    signed_in_admin(client)
    response = client.get("/admin/users/?q=%25")
    assert response.status_code == 200
    assert names_listed(response.text, people.values()) == []
    assert "0 accounts found." in response.text


@pytest.mark.database
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("role=trainer", ["Émilie Ndiaye"]),
        ("state=active", ["Amadou Sow", "Émilie Ndiaye"]),
        ("state=unconfirmed", ["Nadia Waits"]),
        ("state=deactivated", ["Away Person"]),
        ("state=deleted", ["Gone Person"]),
        ("role=learner&state=active", ["Amadou Sow"]),
    ],
)
def test_filters_by_role_and_state(client, people, query, expected):
    _mark(people)
    signed_in_admin(client, name="Zed Admin")
    response = client.get(f"/admin/users/?{query}")
    assert response.status_code == 200
    assert sorted(names_listed(response.text, people.values())) == sorted(expected)


def test_the_list_takes_the_same_queries_whatever_its_length(client, app):
    signed_in_admin(client)
    client.get("/admin/users/")
    with counted_statements() as few:
        assert client.get("/admin/users/").status_code == 200
    for number in range(30):
        make_user(f"many{number}@example.org")
    with counted_statements() as many:
        assert client.get("/admin/users/").status_code == 200
    assert many[0] == few[0]


def test_the_list_is_paginated(client, app):
    from academy.admin.users import PAGE_SIZE

    admin = signed_in_admin(client, name="AAA Admin")
    for number in range(PAGE_SIZE):
        make_user(f"page{number:03d}@example.org", name=f"Person {number:03d}")
    first = client.get("/admin/users/")
    assert f"{PAGE_SIZE + 1} accounts found." in first.text
    assert "Page 1 of 2" in first.text
    assert f'/admin/users/{admin.id}"' in first.text
    second = client.get("/admin/users/?page=2")
    assert second.status_code == 200
    assert "Person 049" in second.text
    assert "Person 048" not in second.text
    assert client.get("/admin/users/?page=abc").status_code == 200


def test_the_user_page_shows_the_facts(client, people, sample_course):
    from academy.learning import services as learning

    learning.enrol(people["amadou"], sample_course, "en")
    db.session.commit()
    signed_in_admin(client)
    response = client.get(f"/admin/users/{people['amadou'].id}")
    assert response.status_code == 200
    check_structure(response.text)
    assert "Amadou Sow" in response.text
    assert "amadou@example.org" in response.text
    assert "<dt>Enrolments</dt>\n    <dd>1</dd>" in response.text
    assert "<dt>Certificates held</dt>\n    <dd>0</dd>" in response.text
    assert client.get("/admin/users/999999").status_code == 404


def test_changing_a_role_is_written_to_the_audit_log(client, people):
    admin = signed_in_admin(client)
    amadou = people["amadou"]
    response = client.post(f"/admin/users/{amadou.id}/role", data={"role": "trainer"})
    assert response.status_code == 302
    assert reload(amadou).role == "trainer"
    assert audit_rows() == [("change_role", admin.id, amadou.id, None, "learner -> trainer")]
    assert "The role is changed." in client.get(response.location).text


def test_an_unknown_role_changes_nothing(client, people):
    signed_in_admin(client)
    amadou = people["amadou"]
    response = client.post(f"/admin/users/{amadou.id}/role", data={"role": "king"})
    assert response.status_code == 400
    assert reload(amadou).role == "learner"
    assert audit_rows() == []


def test_an_admin_cannot_remove_their_own_admin_role(client):
    admin = signed_in_admin(client)
    response = client.post(f"/admin/users/{admin.id}/role", data={"role": "learner"})
    assert response.status_code == 302
    assert reload(admin).role == "admin"
    assert audit_rows() == []
    page = client.get(response.location).text
    assert "You cannot remove your own admin role" in page


def test_an_admin_cannot_deactivate_themselves(client):
    admin = signed_in_admin(client)
    response = client.post(f"/admin/users/{admin.id}/deactivate", data={"reason": ""})
    assert response.status_code == 302
    assert reload(admin).deactivated_at is None
    assert audit_rows() == []
    assert "You cannot deactivate your own account" in client.get(response.location).text


def test_deactivating_ends_sessions_and_refuses_sign_in(client, app, people):
    amadou = people["amadou"]
    other = app.test_client()
    assert sign_in(other, "amadou@example.org").status_code == 302
    assert other.get("/account/").status_code == 200
    version = amadou.session_version
    admin = signed_in_admin(client)
    response = client.post(
        f"/admin/users/{amadou.id}/deactivate", data={"reason": "Left the centre"}
    )
    assert response.status_code == 302
    amadou = reload(amadou)
    assert amadou.deactivated_at is not None
    assert amadou.session_version == version + 1
    assert audit_rows() == [("deactivate", admin.id, amadou.id, "Left the centre", "")]
    assert other.get("/account/").status_code == 302  # the old session is gone
    refused = sign_in(app.test_client(), "amadou@example.org")
    assert refused.status_code == 403
    assert "This account has been deactivated by an administrator" in refused.text
    # A wrong password says nothing about the state.
    wrong = sign_in(app.test_client(), "amadou@example.org", "not the password at all")
    assert wrong.status_code == 200
    assert "deactivated" not in wrong.text


def test_reactivating_gives_access_back(client, app, people):
    away = people["away"]
    away.deactivated_at = utcnow()
    db.session.commit()
    admin = signed_in_admin(client)
    response = client.post(f"/admin/users/{away.id}/reactivate", data={"reason": ""})
    assert response.status_code == 302
    assert reload(away).deactivated_at is None
    assert audit_rows() == [("reactivate", admin.id, away.id, None, "")]
    assert sign_in(app.test_client(), "away@example.org").status_code == 302
    # Twice: nothing more happens.
    again = client.post(f"/admin/users/{away.id}/reactivate", data={"reason": ""})
    assert again.status_code == 302
    assert len(audit_rows()) == 1


def test_a_deleted_account_cannot_be_changed(client, people):
    _mark(people)
    signed_in_admin(client)
    gone = people["gone"]
    response = client.post(f"/admin/users/{gone.id}/role", data={"role": "admin"})
    assert response.status_code == 302
    assert reload(gone).role == "learner"
    assert audit_rows() == []
    assert db.session.get(User, gone.id).deactivated_at is None


def test_an_admin_creates_an_account_whose_owner_sets_the_password(client, app, outbox):
    admin = signed_in_admin(client)
    assert client.get("/admin/users/new").status_code == 200
    data = {"email": " New.Person@Example.org ", "name": "Mariama Bâ", "role": "trainer"}
    response = client.post("/admin/users/new", data={**data, "locale": "fr"})
    assert response.status_code == 302
    db.session.rollback()
    created = db.session.query(User).filter_by(email="new.person@example.org").one()
    assert (created.name, created.role, created.locale) == ("Mariama Bâ", "trainer", "fr")
    assert created.confirmed_at is None
    assert created.password_hash is None
    assert audit_rows() == [("create_account", admin.id, created.id, None, "trainer")]
    assert outbox.last()["To"] == "new.person@example.org"
    link = outbox.link(contains="/auth/reset/")
    person = app.test_client()
    chosen = person.post(
        link[link.index("/auth/reset/") :],
        data={"password": "river lantern autumn 42"},
    )
    assert chosen.status_code == 302
    assert reload(created).confirmed_at is not None
    assert sign_in(person, "new.person@example.org", "river lantern autumn 42").status_code == 302


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "taken@example.org", "name": "X", "role": "learner"}, "already exists"),
        ({"email": "not-an-address", "name": "X", "role": "learner"}, "Invalid email address"),
        ({"email": "ok@example.org", "name": "", "role": "learner"}, "This field is required"),
        ({"email": "ok@example.org", "name": "X", "role": "king"}, "Not a valid choice"),
    ],
)
def test_bad_account_input_changes_nothing(client, outbox, data, message):
    make_user("taken@example.org")
    signed_in_admin(client)
    response = client.post("/admin/users/new", data={**data, "locale": "en"})
    assert response.status_code == 400
    assert message in response.text
    assert audit_rows() == []
    assert len(outbox) == 0
    assert db.session.query(User).filter_by(email="ok@example.org").first() is None

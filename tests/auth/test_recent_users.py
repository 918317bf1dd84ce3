"""A user's row kept by each process a moment (academy.recent_rows): how soon a change bites.

In the process that makes a change (ending every session, deactivating,
erasing, changing a role), the next request sees it. Another process trusts
its copy for at most PAGE_CACHE_CHECK_SECONDS; a second app on the same
database stands for it, and a clock the test moves stands for the time.
"""

from __future__ import annotations

import pytest
from sqlalchemy import update

from academy import recent_rows
from academy.auth.models import User
from academy.auth.sessions import end_all_sessions, recent_users
from academy.database import utcnow
from academy.extensions import db
from tests.factories import make_user, sign_in

PAGE = "/learning/"  # signed in: 200; otherwise a redirect to the sign-in page


def _signed_in(client, **profile) -> int:
    user = make_user(**profile)
    assert sign_in(client, user.email).status_code == 302
    assert client.get(PAGE).status_code == 200  # and this process keeps the row
    return user.id


def _signed_out(response) -> bool:
    return response.status_code == 302 and "/auth/sign-in" in response.headers["Location"]


def _end_sessions(user: User) -> None:
    end_all_sessions(user)


def _deactivate(user: User) -> None:
    user.deactivated_at = utcnow()


def _erase(user: User) -> None:
    user.deleted_at, user.email = utcnow(), None


@pytest.mark.parametrize("change", [_end_sessions, _deactivate, _erase])
def test_a_change_in_this_process_signs_out_at_once(app, client, clock, change):
    user_id = _signed_in(client)
    change(db.session.get(User, user_id))
    db.session.commit()
    assert _signed_out(client.get(PAGE))


@pytest.mark.parametrize("change", [_end_sessions, _deactivate, _erase])
def test_a_change_in_another_process_signs_out_within_the_delay(
    make_app, app, client, clock, change
):
    user_id = _signed_in(client)
    other = make_app()  # another process on the same database: nothing tells this one
    with other.app_context():
        change(db.session.get(User, user_id))
        db.session.commit()
        db.session.remove()
    clock.now += app.config["PAGE_CACHE_CHECK_SECONDS"] - 0.1
    assert client.get(PAGE).status_code == 200  # this process's copy, still trusted
    clock.now += 0.1
    assert _signed_out(client.get(PAGE))


def test_a_role_taken_away_in_this_process_closes_the_console_at_once(app, client, clock):
    user_id = _signed_in(client, role="admin")
    assert client.get("/admin/").status_code == 200
    db.session.get(User, user_id).role = "learner"
    db.session.commit()
    assert client.get("/admin/").status_code == 403


def test_a_role_taken_away_elsewhere_closes_the_console_within_the_delay(
    make_app, app, client, clock
):
    user_id = _signed_in(client, role="admin")
    assert client.get("/admin/").status_code == 200
    other = make_app()
    with other.app_context():
        db.session.get(User, user_id).role = "learner"
        db.session.commit()
        db.session.remove()
    clock.now += app.config["PAGE_CACHE_CHECK_SECONDS"]
    assert client.get("/admin/").status_code == 403


def test_signing_in_again_after_sessions_ended_elsewhere_works_at_once(
    make_app, app, client, clock
):
    # The cookie's new session version is not the one kept here: the row is read again.
    user_id = _signed_in(client)
    other = make_app()
    with other.app_context():
        end_all_sessions(db.session.get(User, user_id))
        db.session.commit()
        db.session.remove()
    fresh = app.test_client()
    assert sign_in(fresh, db.session.get(User, user_id).email).status_code == 302
    assert fresh.get(PAGE).status_code == 200


def test_a_kept_user_is_a_row_of_the_request_that_saves_its_changes(app, client, clock):
    user_id = _signed_in(client)
    response = client.post("/language", data={"switch-language": "fr", "switch-next": PAGE})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user_id).locale == "fr"


def test_a_row_read_before_a_change_is_not_kept(app, clock):
    user = make_user()
    generation = recent_users.generation()
    recent_users.forget(user.id)  # this process changed the user meanwhile
    recent_users.keep(user.id, recent_rows.columns_of(user), generation)
    assert recent_users.get(user.id) is None


def test_an_update_statement_in_this_process_signs_out_at_once(app, client, clock):
    # No row is loaded, so the statement itself forgets every user kept here.
    user_id = _signed_in(client)
    db.session.execute(update(User).where(User.id == user_id).values(deactivated_at=utcnow()))
    db.session.commit()
    assert _signed_out(client.get(PAGE))

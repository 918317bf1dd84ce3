"""Limits stop an attacker, not a room of learners behind one address."""

from __future__ import annotations

from academy.auth import throttle
from academy.extensions import db
from tests.factories import PASSWORD, make_user

ROOM = "192.0.2.50"  # the workshop's one public address
NEW_PASSWORD = "harbour violet thunder 7"


def post(client, url: str, data: dict | None = None, address: str = ROOM):
    return client.post(url, data=data or {}, environ_base={"REMOTE_ADDR": address})


def sign_in(client, email: str, password: str, address: str = ROOM):
    return post(client, "/auth/sign-in", {"email": email, "password": password}, address)


def test_thirty_people_behind_one_address_register_and_sign_in(make_app, app, outbox):
    room = make_app(RATELIMIT_ENABLED=True)
    people = [
        (f"participant{n}@example.org", f"cooperative harvest {n:02d} plan") for n in range(30)
    ]
    for number, (email, password) in enumerate(people):
        client = room.test_client()
        form = {
            "email": email,
            "password": password,
            "name": f"Participant {number}",
            "locale": "en",
            "country": "PE",
            "constituent_group": "sse_entity",
        }
        assert post(client, "/auth/register", form).status_code == 302
        link = outbox.link(contains="/auth/confirm/").removeprefix("http://academy.test")
        assert post(client, link).status_code == 302
        assert post(client, "/auth/sign-out").status_code == 302
    # Everyone mistypes once, then signs in.
    for email, password in people:
        client = room.test_client()
        assert sign_in(client, email, password + "x").status_code == 200
        assert sign_in(client, email, password).status_code == 302
        assert client.get("/account/").status_code == 200


def test_an_attacker_guessing_one_account_is_blocked(make_app, app):
    attacker = make_app(RATELIMIT_ENABLED=True).test_client()
    user = make_user()
    for number in range(throttle.PAIR.limit):
        assert sign_in(attacker, user.email, f"guess number {number}").status_code == 200
    assert sign_in(attacker, user.email, "guess number 99").status_code == 429
    assert sign_in(attacker, user.email, PASSWORD).status_code == 429


def test_after_a_reset_the_owner_signs_in_at_once(client, outbox):
    user = make_user()
    # Guesses from everywhere, the owner's own address among them.
    for number in range(throttle.ACCOUNT.limit):
        sign_in(client, user.email, "guessed wrongly!!", address=f"203.0.113.{number}")
    for _ in range(throttle.PAIR.limit):
        sign_in(client, user.email, "guessed wrongly!!")
    assert sign_in(client, user.email, PASSWORD).status_code == 429
    post(client, "/auth/reset", {"email": user.email})
    link = outbox.link(contains="/auth/reset/").removeprefix("http://academy.test")
    assert post(client, link, {"password": NEW_PASSWORD}).status_code == 302
    assert sign_in(client, user.email, NEW_PASSWORD).status_code == 302
    # The attacker's guesses against the new password count afresh.
    client.post("/auth/sign-out")
    for _ in range(throttle.PAIR.limit):
        sign_in(client, user.email, "guessed wrongly!!", address="203.0.113.200")
    assert sign_in(client, user.email, NEW_PASSWORD, address="203.0.113.200").status_code == 429


def test_one_mailbox_cannot_be_flooded_from_many_addresses(make_app, app, outbox):
    site = make_app(RATELIMIT_ENABLED=True)
    form = {
        "email": "target@example.org",
        "password": "cooperative harvest plan",
        "name": "Someone",
        "locale": "en",
        "country": "PE",
        "constituent_group": "other",
    }
    for number in range(5):
        client = site.test_client()
        assert post(client, "/auth/register", form, f"203.0.113.{number}").status_code == 302
    response = post(site.test_client(), "/auth/register", form, "203.0.113.99")
    assert response.status_code == 429
    assert len(outbox) == 5


def test_thirty_people_behind_one_address_each_get_a_reset_link(make_app, app, outbox):
    room = make_app(RATELIMIT_ENABLED=True)
    people = [make_user(f"participant{n}@example.org", commit=False) for n in range(30)]
    db.session.commit()
    for person in people:
        response = post(room.test_client(), "/auth/reset", {"email": person.email})
        assert response.status_code == 200
    assert sorted(m["To"] for m in outbox.messages()) == sorted(p.email for p in people)

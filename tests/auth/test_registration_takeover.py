"""Whoever holds the mailbox ends up with the account, whoever registered first."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select

from academy.auth import registrations, throttle
from academy.auth.models import Registration, SignInFailure, User
from academy.auth.services import MAX_PENDING
from academy.extensions import db
from tests.factories import make_user, reload, sign_in, without_tokens

VICTIM = "victim@example.org"
ATTACKER_PASSWORD = "quiet meadow copper 81"
OWNER_PASSWORD = "river lantern autumn 42"
FORM = {
    "locale": "en",
    "country": "KE",
    "constituent_group": "workers",
    "organization": "",
    "sex": "",
}


def register(client, name: str, password: str, email: str = VICTIM):
    data = {**FORM, "email": email, "name": name, "password": password}
    return client.post("/auth/register", data=data)


def confirm_link(outbox, message) -> str:
    return outbox.link(message, contains="/auth/confirm/").removeprefix("http://academy.test")


def registration_of(link: str) -> str:
    """The signed payload of an activation link, without its timestamp and signature.

    Two links for one registration differ when mailed in different seconds.
    """
    return link.rsplit("/", 1)[1].split(".")[0]


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.mark.database
def test_the_mailbox_owner_gets_the_account_with_their_choices(app, outbox, database_backend):
    attacker, owner = app.test_client(), app.test_client()
    register(attacker, "Mallory Attacker", ATTACKER_PASSWORD)
    register(owner, "Wanjiru Owner", OWNER_PASSWORD)
    attackers_mail, owners_mail = outbox.messages()
    assert attackers_mail["To"] == owners_mail["To"] == VICTIM

    assert owner.post(confirm_link(outbox, owners_mail)).status_code == 302

    user = db.session.scalar(select(User))
    assert (count(User), count(Registration)) == (1, 0)
    assert (user.email, user.name, user.country) == (VICTIM, "Wanjiru Owner", "KE")
    assert owner.get("/account/").status_code == 200
    assert sign_in(attacker, VICTIM, ATTACKER_PASSWORD).status_code == 200
    assert attacker.get("/account/").status_code == 302
    # The first registration's link died with it.
    assert attacker.post(confirm_link(outbox, attackers_mail)).status_code == 400
    assert reload(user).name == "Wanjiru Owner"


def test_a_registration_made_after_the_owners_cannot_be_confirmed_once_they_are_in(app, outbox):
    attacker, owner = app.test_client(), app.test_client()
    register(owner, "Wanjiru Owner", OWNER_PASSWORD)
    register(attacker, "Mallory Attacker", ATTACKER_PASSWORD)
    owners_mail, attackers_mail = outbox.messages()
    owner.post(confirm_link(outbox, owners_mail))
    assert owner.post(confirm_link(outbox, attackers_mail)).status_code == 400
    user = db.session.scalar(select(User))
    assert (user.name, count(User)) == ("Wanjiru Owner", 1)
    assert sign_in(attacker, VICTIM, ATTACKER_PASSWORD).status_code == 200
    assert attacker.get("/account/").status_code == 302


def test_an_account_left_unconfirmed_is_taken_over_and_its_sessions_end(app, outbox):
    # Accounts registered before registrations waited in their own table.
    squatted = make_user(VICTIM, ATTACKER_PASSWORD, confirmed=False, name="Mallory Attacker")
    version = squatted.session_version
    owner = app.test_client()
    register(owner, "Wanjiru Owner", OWNER_PASSWORD)
    assert owner.post(confirm_link(outbox, outbox.last())).status_code == 302
    user = reload(squatted)
    assert (user.name, user.session_version, count(User)) == ("Wanjiru Owner", version + 1, 1)
    assert user.confirmed_at is not None
    attacker = app.test_client()
    assert sign_in(attacker, VICTIM, ATTACKER_PASSWORD).status_code == 200
    assert sign_in(owner, VICTIM, OWNER_PASSWORD).status_code == 302


def test_new_pending_and_taken_addresses_get_the_same_answer(client, outbox):
    make_user("taken@example.org")
    register(client, "Someone Else", OWNER_PASSWORD, email="pending@example.org")
    answers = [
        register(client, "Wanjiru Owner", OWNER_PASSWORD, email=email)
        for email in ("new@example.org", "pending@example.org", "taken@example.org")
    ]
    assert {(answer.status_code, answer.location) for answer in answers} == {
        (302, "/auth/check-your-inbox")
    }
    pages = {without_tokens(client.get(answer.location).text) for answer in answers}
    assert len(pages) == 1


def test_signing_in_before_confirming_mails_the_link_again(client, outbox):
    register(client, "Wanjiru Owner", OWNER_PASSWORD)
    first_link = confirm_link(outbox, outbox.last())
    response = sign_in(client, VICTIM, OWNER_PASSWORD)
    assert response.status_code == 200
    assert "Your account is not active yet." in response.text
    assert len(outbox) == 2
    assert registration_of(confirm_link(outbox, outbox.last())) == registration_of(first_link)
    assert client.get("/account/").status_code == 302


def test_a_wrong_password_on_a_waiting_registration_mails_nothing(client, outbox):
    register(client, "Wanjiru Owner", OWNER_PASSWORD)
    response = sign_in(client, VICTIM, ATTACKER_PASSWORD)
    assert response.status_code == 200
    assert "The email address or the password is not right." in response.text
    assert len(outbox) == 1


@pytest.mark.database
def test_an_address_keeps_only_its_newest_registrations(client, outbox, database_backend):
    for number in range(5):
        register(client, f"Person {number}", OWNER_PASSWORD)
    names = db.session.scalars(select(Registration.name).order_by(Registration.id)).all()
    assert names == ["Person 2", "Person 3", "Person 4"]
    # The oldest links no longer work; the newest does.
    assert client.post(confirm_link(outbox, outbox.messages()[0])).status_code == 400
    assert client.post(confirm_link(outbox, outbox.messages()[4])).status_code == 302
    assert db.session.scalar(select(User.name)) == "Person 4"


NOT_ACTIVE = "Your account is not active yet. We have sent you a new activation link"


def test_signing_in_again_and_again_mails_three_links_an_hour(client, outbox):
    register(client, "Wanjiru Owner", OWNER_PASSWORD)
    for _ in range(10):
        response = sign_in(client, VICTIM, OWNER_PASSWORD)
        assert response.status_code == 200
        assert NOT_ACTIVE in response.text
    assert len(outbox) == 1 + throttle.ACTIVATION_MAILS.limit


def test_an_account_left_unconfirmed_gets_three_new_links_an_hour(client, outbox):
    make_user(VICTIM, ATTACKER_PASSWORD, confirmed=False)
    for _ in range(10):
        response = sign_in(client, VICTIM, ATTACKER_PASSWORD)
        assert response.status_code == 200
        assert NOT_ACTIVE in response.text
    assert (len(outbox), count(Registration)) == (3, 3)
    # No registration was added past the limit, so the first link mailed still works.
    assert client.post(confirm_link(outbox, outbox.messages()[0])).status_code == 302


def test_the_owner_who_registered_first_is_mailed_their_own_link(app, outbox):
    owner, attacker = app.test_client(), app.test_client()
    register(owner, "Wanjiru Owner", OWNER_PASSWORD)
    register(attacker, "Mallory Attacker", ATTACKER_PASSWORD)
    owners_link = confirm_link(outbox, outbox.messages()[0])
    response = sign_in(owner, VICTIM, OWNER_PASSWORD)
    assert response.status_code == 200
    assert NOT_ACTIVE in response.text
    # Not counted as a failed password either.
    assert db.session.scalar(select(SignInFailure).where(SignInFailure.key.like("pair:%"))) is None
    assert registration_of(confirm_link(outbox, outbox.last())) == registration_of(owners_link)
    assert owner.post(owners_link).status_code == 302
    assert db.session.scalar(select(User.name)) == "Wanjiru Owner"


def test_every_sign_in_makes_the_same_number_of_hash_checks(make_app, app, outbox, monkeypatch):
    make_user("confirmed@example.org", OWNER_PASSWORD)
    client = app.test_client()
    register(client, "One Waiting", OWNER_PASSWORD, email="one@example.org")
    for number in range(MAX_PENDING):
        register(client, f"Person {number}", f"{OWNER_PASSWORD} {number}", "three@example.org")
    checks = []
    for name in ("hash", "verify"):
        original = getattr(PasswordHasher, name)

        def counted(hasher, *args, _original=original, **kwargs):
            checks.append(1)
            return _original(hasher, *args, **kwargs)

        monkeypatch.setattr(PasswordHasher, name, counted)

    def hash_checks(email: str, password: str) -> int:
        checks.clear()
        sign_in(make_app().test_client(), email, password)
        return len(checks)

    attempts = [
        ("nobody@example.org", OWNER_PASSWORD),
        ("one@example.org", "a wrong password"),
        ("one@example.org", OWNER_PASSWORD),
        ("three@example.org", "a wrong password"),
        ("three@example.org", f"{OWNER_PASSWORD} 0"),
        ("confirmed@example.org", "a wrong password"),
        ("confirmed@example.org", OWNER_PASSWORD),
    ]
    assert [hash_checks(*attempt) for attempt in attempts] == [MAX_PENDING] * len(attempts)


@pytest.mark.database
def test_a_link_confirmed_while_another_creates_the_account_says_it_is_used(
    app, outbox, monkeypatch, database_backend
):
    client = app.test_client()
    register(client, "Wanjiru Owner", OWNER_PASSWORD)
    link = confirm_link(outbox, outbox.last())
    original_find_user = registrations.find_user

    def found_nothing_then_raced(email):
        user = original_find_user(email)
        # Another link of the address is confirmed between the check and the insert.
        db.session.add(User(email=email, name="Other Link", role="learner"))
        db.session.flush()
        return user

    monkeypatch.setattr(registrations, "find_user", found_nothing_then_raced)
    response = client.post(link)
    assert response.status_code == 400
    assert "has already been used" in response.text
    assert client.get("/account/").status_code == 302

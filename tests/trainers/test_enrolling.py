"""Enrolling a cohort from a CSV file: accounts join, others are invited; all or nothing."""

from __future__ import annotations

import io
import re
from html import unescape

import pytest
from sqlalchemy import func, select

from academy.auth.models import User
from academy.certificates.models import AuditEntry
from academy.extensions import db
from academy.learning.models import CohortTrainer, Enrolment, Invitation
from tests.factories import make_user, sign_in
from tests.trainers.cohort_helpers import invitations_of, make_cohort, make_owner, members_of


def url(cohort_id: int) -> str:
    return f"/trainers/cohorts/{cohort_id}/enrolments"


def upload(client, cohort_id: int, data: bytes, name: str = "learners.csv"):
    return client.post(url(cohort_id), data={"file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")  # fmt: skip


def csv_of(*lines: str) -> bytes:
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode()


def text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())


def row_counts() -> tuple[int, int, int]:
    db.session.rollback()
    count = lambda model: db.session.scalar(select(func.count()).select_from(model))  # noqa: E731
    return count(Enrolment), count(Invitation), count(AuditEntry)


@pytest.fixture
def cohort(sample_course):
    return make_cohort(sample_course, key=None, capacity=10)


@pytest.fixture
def owner(client, sample_course):
    user = make_user("owner@example.org", role="trainer", name="Ada Mensah")
    make_owner(user, sample_course)
    sign_in(client, user.email)
    return user


@pytest.mark.database
def test_accounts_join_and_others_are_invited(client, sample_course, cohort, owner, outbox):
    awa = make_user("awa@example.org")
    response = upload(
        client,
        cohort.id,
        csv_of(
            "email;name;language;country;sex;constituent group",
            "AWA@example.org;Awa Diop;;;;",
            "jose@example.org;José Pérez;es;PE;man;workers",
        ),
    )
    assert response.status_code == 302
    assert response.location == f"/trainers/cohorts/{cohort.id}/"
    assert members_of(cohort.id) == [(awa.id, "fr", True)]
    [invitation] = invitations_of(cohort.id)
    assert (invitation.email, invitation.name, invitation.locale, invitation.country) == (
        "jose@example.org", "José Pérez", "es", "PE",
    )  # fmt: skip
    assert (invitation.sex, invitation.constituent_group, invitation.invited_by) == (
        "man", "workers", owner.id,
    )  # fmt: skip
    assert invitation.accepted_at is None
    mail = outbox.last()
    assert mail["To"] == "jose@example.org"
    assert mail["Content-Language"] == "es"
    assert "/auth/register?invitation=" in outbox.link(mail, "register")
    assert len(outbox) == 1
    flashed = text(client.get("/privacy").text)
    assert "1 learner enrolled. 1 invitation mailed to an address without an account." in flashed


def test_the_invitation_leads_to_a_prefilled_registration_then_enrolment(
    client, sample_course, cohort, owner, outbox
):
    upload(client, cohort.id, csv_of("email;name;country;constituent group;language",
                                     "zoe@example.org;Zoé Ndiaye;SN;government;fr"))  # fmt: skip
    link = outbox.link(outbox.last(), "register").removeprefix("http://academy.test")
    client.post("/auth/sign-out")
    page = client.get(link).text
    assert 'value="zoe@example.org"' in page
    assert "readonly" in page.split('id="email"')[1].split(">")[0]
    assert 'value="Zoé Ndiaye"' in unescape(page)
    assert '<option selected value="SN">' in page or 'value="SN" selected' in page
    # The address posted is ignored: the invitation's is the one registered.
    form = {
        "email": "someone-else@example.org",
        "password": "a long passphrase for tests",
        "name": "Zoé Ndiaye",
        "locale": "fr",
        "country": "SN",
        "constituent_group": "government",
    }
    assert client.post(link, data=form).status_code == 302
    confirm = outbox.link(outbox.last(), "/auth/confirm/").removeprefix("http://academy.test")
    assert outbox.last()["To"] == "zoe@example.org"
    assert members_of(cohort.id) == []
    assert client.post(confirm).status_code == 302
    user = db.session.scalar(select(User).where(User.email == "zoe@example.org"))
    assert members_of(cohort.id) == [(user.id, "fr", True)]
    assert invitations_of(cohort.id)[0].accepted_at is not None


def test_a_forged_invitation_fills_nothing(client, sample_course):
    page = client.get("/auth/register?invitation=forged").text
    assert "readonly" not in page.split('id="email"')[1].split(">")[0]


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (
            ["email;name", "a@example.org;A", "bad-address;B"],
            "Line 3, column email: bad-address is not an email address.",
        ),
        (
            ["email;name", "a@example.org;A", "a@example.org;A"],
            "Line 3, column email: a@example.org is also on line 2.",
        ),
    ],
)
def test_one_bad_row_enrols_nobody(client, sample_course, cohort, owner, outbox, lines, message):
    make_user("a@example.org")
    before = row_counts()
    response = upload(client, cohort.id, csv_of(*lines))
    assert response.status_code == 400
    assert message in text(response.text)
    assert "Nobody was enrolled: the file has problems" in text(response.text)
    assert row_counts() == before
    assert len(outbox) == 0


def test_capacity_is_respected(client, sample_course, owner, outbox):
    cohort = make_cohort(sample_course, key=None, capacity=2)
    before = row_counts()
    lines = ["email,name"] + [f"l{n}@example.org,L {n}" for n in range(3)]
    response = upload(client, cohort.id, csv_of(*lines))
    assert response.status_code == 400
    assert "The cohort has 2 places left, and the file adds 3 learners." in text(response.text)
    assert row_counts() == before


def test_a_member_of_another_cohort_is_a_bad_row(client, sample_course, cohort, owner):
    other = make_cohort(sample_course, name="Other")
    user = make_user("moved@example.org")
    db.session.add(Enrolment(user_id=user.id, course_id=sample_course.id, content_language="en",
                             cohort_id=other.id))  # fmt: skip
    db.session.commit()
    before = row_counts()
    response = upload(client, cohort.id, csv_of("email,name", "moved@example.org,M"))
    assert response.status_code == 400
    assert (
        "Line 2, column email: moved@example.org already belongs to another cohort of this course."
        in text(response.text)
    )
    assert row_counts() == before


def test_sending_the_same_file_twice_changes_nothing_more(client, sample_course, cohort, owner,
                                                          outbox):  # fmt: skip
    make_user("a@example.org")
    data = csv_of("email,name", "a@example.org,A", "new@example.org,N")
    upload(client, cohort.id, data)
    counts = row_counts()
    assert upload(client, cohort.id, data).status_code == 302
    assert row_counts()[:2] == counts[:2]
    assert len(outbox) == 1
    assert "2 were already in the cohort or invited to it." in text(client.get("/privacy").text)


def test_a_file_that_is_not_utf8_is_refused_with_advice(client, sample_course, cohort, owner):
    response = upload(client, cohort.id, "email;name\r\nz@example.org;Zoé\r\n".encode("cp1252"))
    assert response.status_code == 400
    assert "CSV UTF-8" in text(response.text)


def test_no_file_is_asked_for(client, sample_course, cohort, owner):
    response = client.post(url(cohort.id), data={})
    assert response.status_code == 400
    assert "Choose the CSV file of the learners to enrol." in text(response.text)


def test_the_cohorts_own_trainer_may_enrol_but_not_another(client, sample_course, cohort):
    runner = make_user(role="trainer")
    db.session.add(CohortTrainer(cohort_id=cohort.id, user_id=runner.id))
    db.session.commit()
    sign_in(client, runner.email)
    assert upload(client, cohort.id, csv_of("email,name", "x@example.org,X")).status_code == 302
    client.post("/auth/sign-out")
    stranger = make_user(role="trainer")
    sign_in(client, stranger.email)
    before = row_counts()
    assert upload(client, cohort.id, csv_of("email,name", "y@example.org,Y")).status_code == 403
    assert row_counts() == before


@pytest.mark.database
def test_two_thousand_rows_enrol_in_one_transaction(client, sample_course, owner, monkeypatch):
    # The invitation's text is tested on small files; here only who gets one
    # counts, and composing 1,000 real messages took most of this test's time.
    mailed = []
    monkeypatch.setattr("academy.mail.compose_mail", lambda to, *_args, **_context: to)
    monkeypatch.setattr("academy.mail.deliver", lambda message: mailed.append(message) or True)
    cohort = make_cohort(sample_course, key=None)
    accounts = [make_user(f"member{n}@example.org", commit=False) for n in range(1000)]
    db.session.commit()
    lines = ["email,name"] + [f"{user.email},{user.name}" for user in accounts]
    lines += [f"new{n}@example.org,New {n}" for n in range(1000)]
    commits = []
    from sqlalchemy import event

    listener = lambda _connection: commits.append(1)  # noqa: E731
    event.listen(db.engine, "commit", listener)
    try:
        response = upload(client, cohort.id, csv_of(*lines))
    finally:
        event.remove(db.engine, "commit", listener)
    assert response.status_code == 302
    assert len(commits) == 1
    assert len(members_of(cohort.id)) == 1000
    assert len(invitations_of(cohort.id)) == 1000
    assert sorted(mailed) == sorted(f"new{n}@example.org" for n in range(1000))


def test_an_account_an_admin_creates_accepts_its_invitations(client, sample_course, cohort, owner):
    upload(client, cohort.id, csv_of("email,name", "face@example.org,Face To Face"))
    assert members_of(cohort.id) == []
    user = make_user("face@example.org")  # as `academy users create` does: confirmed
    assert members_of(cohort.id) == [(user.id, "fr", True)]
    assert invitations_of(cohort.id)[0].accepted_at is not None


@pytest.mark.database
def test_an_account_moving_to_an_invited_address_accepts_its_invitations(
    client, sample_course, cohort, owner
):
    from academy.auth import services as auth

    upload(client, cohort.id, csv_of("email,name", "new.address@example.org,Moving Learner"))
    learner = make_user("old.address@example.org")

    assert auth.change_email(learner, "new.address@example.org")  # the emailed link followed
    db.session.commit()

    assert members_of(cohort.id) == [(learner.id, "fr", True)]
    assert invitations_of(cohort.id)[0].accepted_at is not None


@pytest.mark.database
def test_an_account_confirmed_by_its_password_link_accepts_its_invitations(
    app, client, sample_course, cohort, owner
):
    from academy.auth import tokens

    upload(client, cohort.id, csv_of("email,name", "created@example.org,Created By Admin"))
    # As the admin console creates accounts: unconfirmed, with a link to set a password.
    learner = make_user("created@example.org", confirmed=False)
    assert members_of(cohort.id) == []
    link = f"/auth/reset/{tokens.make_token(learner, tokens.RESET)}"

    response = app.test_client().post(link, data={"password": "a long new passphrase 2027"})

    assert response.status_code == 302
    assert members_of(cohort.id) == [(learner.id, "fr", True)]

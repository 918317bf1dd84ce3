"""Announcements: the form, what is stored, who is mailed in which language, the course page."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from academy.certificates.models import AuditEntry
from academy.extensions import db
from academy.learning import services as learning
from academy.learning.models import Announcement
from tests.factories import make_user, sign_in
from tests.i18n import translated
from tests.trainers.cohorts_world import COHORT_TRAINER, join, make_cohort


@pytest.fixture
def cohort(app, sample_course):
    trainer = make_user(COHORT_TRAINER, role="trainer", name="Tomás Trainer")
    return make_cohort(sample_course, trainer)


def url(cohort) -> str:
    return f"/trainers/cohorts/{cohort.id}/announcements"


def stored() -> int:
    return db.session.scalar(select(func.count()).select_from(Announcement))


@pytest.mark.database
def test_a_trainer_writes_in_two_languages_and_each_learner_gets_theirs(
    database_backend, client, outbox, sample_course, cohort
):
    join(cohort, sample_course, email="fr@example.org", locale="fr", name="Awa")
    join(cohort, sample_course, email="es@example.org", locale="es", name="Beto")
    join(cohort, sample_course, email="en@example.org", locale="en", name="Chen")
    learning.enrol(make_user("outside@example.org"), sample_course, "en")  # not in the cohort
    left = join(cohort, sample_course, email="left@example.org")
    learning.unenrol(learning.find_enrolment(left, sample_course))
    db.session.commit()
    sign_in(client, COHORT_TRAINER)

    response = client.post(
        url(cohort),
        data={
            "subject_en": "Live session on Friday",
            "message_en": "Dear all,\r\nWe meet at 10:00.\r\n\r\nBring questions.",
            "subject_fr": "Séance en direct vendredi",
            "message_fr": "Bonjour à tous,\nRendez-vous à 10 h.",
            "subject_es": "",
            "message_es": "  ",
        },
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/trainers/cohorts/{cohort.id}/#announcements")
    announcement = db.session.scalars(select(Announcement)).one()
    # the trainer's own language first: it is what learners without theirs get
    assert list(announcement.subject) == ["en", "fr"]
    assert announcement.body["en"] == "Dear all,\nWe meet at 10:00.\n\nBring questions."
    assert announcement.recipients == 3
    audit = db.session.scalars(select(AuditEntry)).one()
    assert (audit.action, audit.course_slug) == ("announce", "sample-course")

    mails = {message["To"]: message for message in outbox.messages()}
    assert sorted(mails) == ["en@example.org", "es@example.org", "fr@example.org"]
    assert mails["fr@example.org"]["Subject"] == translated(
        "%(cohort)s: %(subject)s",
        "fr",
        cohort="SSE Academy 2027, online",
        subject="Séance en direct vendredi",
    )
    french = mails["fr@example.org"].get_content()
    assert translated("Hello %(name)s,", "fr", name="Awa") in french
    assert "Bonjour à tous,\nRendez-vous à 10 h." in french
    assert mails["fr@example.org"]["Content-Language"] == "fr"
    # Spanish was not written: the first language written, with the mail around it in English
    assert mails["es@example.org"]["Subject"] == "SSE Academy 2027, online: Live session on Friday"
    assert mails["es@example.org"]["Content-Language"] == "en"
    body = mails["en@example.org"].get_content()
    assert "Dear all,\nWe meet at 10:00.\n\nBring questions." in body
    assert "http://academy.test/courses/sample-course/" in body


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({}, "subject_en", "Write a subject and a message in at least one language."),
        (
            {"subject_fr": "Bonjour"},
            "message_fr",
            "Write the message in Français too, or leave its subject empty.",
        ),
        (
            {"subject_en": "Hello", "message_en": "Text", "message_ar": "نص"},
            "subject_ar",
            "Write the subject in العربية too, or leave its message empty.",
        ),
        (
            {"subject_en": "x" * 201, "message_en": "Text"},
            "subject_en",
            "The subject can be at most 200 characters long.",
        ),
        (
            {"subject_en": "Hello", "message_en": "x" * 5001},
            "message_en",
            "The message can be at most 5000 characters long.",
        ),
        (
            {"subject_en": "Hello\r\nBcc: everyone@example.org", "message_en": "Text"},
            "subject_en",
            "Write the subject on one line.",
        ),
    ],
)
def test_bad_input_is_explained_beside_its_field_and_nothing_is_sent(
    client, outbox, sample_course, cohort, data, field, message
):
    join(cohort, sample_course)
    sign_in(client, COHORT_TRAINER)
    response = client.post(url(cohort), data=data)
    assert response.status_code == 400
    html = response.text
    assert f'<p class="field-error" id="{field}-error">' in html
    assert message in html
    assert re.search(rf'<(input|textarea) [^>]*aria-invalid="true"[^>]* id="{field}"', html)
    assert stored() == 0
    assert len(outbox) == 0


def test_only_those_who_run_the_cohort_may_announce(client, sample_course, cohort):
    join(cohort, sample_course)
    make_user("trainer@example.org", role="trainer")  # named in course.yaml only
    sign_in(client, "trainer@example.org")
    data = {"subject_en": "Hello", "message_en": "Text"}
    assert client.post(url(cohort), data=data).status_code == 403
    assert stored() == 0


# -- the course page ---------------------------------------------------------------


def test_learners_of_the_cohort_read_the_announcements_on_the_course_page(
    client, app, sample_course, cohort
):
    learner = join(cohort, sample_course, email="ama@example.org", locale="fr")
    outsider = make_user("outside@example.org")
    learning.enrol(outsider, sample_course, "en")
    other = make_cohort(sample_course, name="Another run")
    elsewhere = join(other, sample_course, email="elsewhere@example.org")
    db.session.add_all(
        [
            Announcement(
                cohort_id=cohort.id,
                subject={"en": f"Week {week}", "fr": f"Semaine {week}"},
                body={"en": "Read <b>this</b>.", "fr": "Lisez <b>ceci</b>.\nDeux lignes.\n\nFin."},
                recipients=1,
            )
            for week in range(1, 8)
        ]
    )
    db.session.commit()

    sign_in(client, learner.email)
    html = client.get("/courses/sample-course/").text
    heading = translated("Announcements from your trainers", "fr")
    assert f'<h2 id="announcements-title">{heading}</h2>' in html
    # newest first, five of them, in the learner's language (their interface language is French)
    assert [f"Semaine {week}" in html for week in range(1, 8)] == [False, False] + [True] * 5
    assert html.index("Semaine 7") < html.index("Semaine 3")
    # plain text: escaped, its line breaks kept
    assert "<p>Lisez &lt;b&gt;ceci&lt;/b&gt;.<br>Deux lignes.</p>" in html
    assert "<p>Fin.</p>" in html

    for someone in (outsider, elsewhere):
        client.post("/auth/sign-out")
        sign_in(client, someone.email)
        assert "announcements-title" not in client.get("/courses/sample-course/").text


def test_the_course_page_of_a_learner_in_a_cohort_adds_one_query(
    client, app, sample_course, cohort
):
    from sqlalchemy import event

    learner = join(cohort, sample_course)
    sign_in(client, learner.email)
    count = 0

    def counter(*_args, **_kwargs):
        nonlocal count
        count += 1

    def statements() -> int:
        nonlocal count
        count = 0
        event.listen(db.engine, "before_cursor_execute", counter)
        try:
            assert client.get("/courses/sample-course/").status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", counter)
        return count

    client.get("/courses/sample-course/")
    with_cohort = statements()
    enrolment = learning.find_enrolment(learner, sample_course)
    enrolment.cohort_id = None
    db.session.commit()
    assert with_cohort == statements() + 1


def test_the_mails_leave_after_the_response(client, outbox, sample_course, cohort):
    join(cohort, sample_course, email="ama@example.org")
    sign_in(client, COHORT_TRAINER)
    data = {"subject_en": "Hello", "message_en": "Text"}
    response = client.post(url(cohort), data=data, buffered=False)
    parts = iter(response.response)
    next(parts, None)
    assert response.status_code == 302
    assert len(outbox) == 0  # the page is written, not yet finished: nothing sent
    list(parts)
    response.close()
    assert [message["To"] for message in outbox.messages()] == ["ama@example.org"]

"""A course completed, by its last lesson or its last quiz: one certificate, mailed once saved."""

from __future__ import annotations

from sqlalchemy import select

from academy.certificates.models import Certificate
from academy.extensions import db
from academy.learning import services as learning
from academy.learning.completion import record_completion
from academy.learning.models import CourseCompletion
from tests.factories import make_user
from tests.quizzes.quiz_pages import SIMPLE, enrolled_learner, form_fields, import_quiz, start


def certificates() -> list[Certificate]:
    db.session.expire_all()
    return list(db.session.scalars(select(Certificate)))


def pass_quiz(client) -> None:
    page = start(client)
    options = form_fields(client.get(page).text)["q1"]
    assert client.post(page, data={"q1": options["Owned by its members"]}).status_code == 302


def test_passing_the_last_quiz_issues_the_certificate_and_mails_it_once(client, tmp_path, outbox):
    import_quiz(tmp_path, SIMPLE)
    learner = enrolled_learner(client)
    for lesson in ("hello", "more"):
        client.post(f"/learning/tiny/lessons/{lesson}/complete", data={"next": "/"})
    assert certificates() == []
    assert len(outbox) == 0

    pass_quiz(client)
    [certificate] = certificates()
    assert (certificate.user_id, certificate.course_slug) == (learner.id, "tiny")
    assert len(outbox) == 1
    assert outbox.last()["To"] == learner.email
    assert outbox.link(contains="/verify/").endswith(f"/verify/{certificate.public_id}")

    pass_quiz(client)  # passing again completes nothing new
    assert [c.id for c in certificates()] == [certificate.id]
    assert len(outbox) == 1


def test_a_completion_rolled_back_issues_nothing_and_mails_nothing(app, sample_course, outbox):
    learner = make_user()
    learning.enrol(learner, sample_course, "en")
    for _lesson_id, pk in learning.lesson_ids(sample_course):
        learning.complete_lesson(learner, pk)
    assert record_completion(learner.id, sample_course)
    assert db.session.scalar(select(Certificate.user_id)) == learner.id  # flushed, not committed
    db.session.rollback()
    db.session.commit()  # a later commit does not send the forgotten mail
    assert certificates() == []
    assert db.session.scalar(select(CourseCompletion)) is None
    assert len(outbox) == 0

"""The rules a quiz page keeps on the server: whose attempts, how many, how long, once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from academy.database import utcnow
from academy.extensions import db
from academy.learning.models import CourseCompletion
from tests.factories import make_user, sign_in
from tests.quizzes.quiz_pages import (
    COURSE_URL,
    QUIZ_URL,
    SIMPLE,
    attempts_of_quiz,
    enrolled_learner,
    form_fields,
    import_quiz,
    start,
)


def answer(client, page: str, label: str):
    options = form_fields(client.get(page).text)["q1"]
    return client.post(page, data={"q1": options[label]})


def test_a_learner_who_left_the_course_cannot_submit(client, tmp_path):
    import_quiz(tmp_path, SIMPLE)
    enrolled_learner(client)
    page = start(client)
    options = form_fields(client.get(page).text)["q1"]
    assert client.post("/learning/tiny/unenrol").status_code == 302
    response = client.post(page, data={"q1": options["Owned by its members"]})
    assert response.status_code == 302
    assert response.headers["Location"] == COURSE_URL
    [attempt] = attempts_of_quiz()
    assert (attempt.state, attempt.passed, attempt.responses) == ("open", None, {})
    assert db.session.scalars(select(CourseCompletion)).all() == []
    assert "Enrol in this course to take its quizzes." in client.get(COURSE_URL).text


def test_only_enrolled_learners_may_start(client, tmp_path):
    import_quiz(tmp_path, SIMPLE)
    html = client.get(QUIZ_URL).text
    assert "/auth/sign-in?next=" in html
    assert "Start the quiz" not in html
    user = make_user()
    sign_in(client, user.email)
    html = client.get(QUIZ_URL).text
    assert f'href="{COURSE_URL}"' in html
    assert "Enrol in this course to take its quizzes." in html
    client.post(f"{QUIZ_URL}/attempts")
    assert attempts_of_quiz() == []


def test_visitors_are_sent_to_sign_in(client, tmp_path):
    import_quiz(tmp_path, SIMPLE)
    response = client.post(f"{QUIZ_URL}/attempts")
    assert response.status_code == 302
    assert "/auth/sign-in" in response.headers["Location"]


def test_a_learner_sees_only_their_own_attempts(client, app, tmp_path):
    import_quiz(tmp_path, SIMPLE)
    enrolled_learner(client)
    page = start(client)
    other = app.test_client()
    enrolled_learner(other)
    assert other.get(page).status_code == 404
    assert other.post(page, data={"q1": "1"}).status_code == 404
    assert attempts_of_quiz()[0].state == "open"


def test_unknown_quiz_and_attempt_are_not_found_in_french(client, tmp_path):
    import_quiz(tmp_path, SIMPLE)
    enrolled_learner(client)
    for url in ("/courses/tiny/quizzes/nope?lang=fr", f"{QUIZ_URL}/attempts/7?lang=fr"):
        response = client.get(url)
        assert response.status_code == 404
        assert 'lang="fr"' in response.text
        assert "Page introuvable" in response.text or "introuvable" in response.text


def test_a_retired_quiz_is_not_found(client, tmp_path):
    import_quiz(tmp_path, SIMPLE)
    from academy.courses.models import Quiz

    quiz = db.session.scalar(select(Quiz))
    quiz.position = None
    db.session.commit()
    assert client.get(QUIZ_URL).status_code == 404


def test_the_attempt_limit_holds(client, tmp_path):
    import_quiz(tmp_path, SIMPLE, settings="max_attempts: 2")
    enrolled_learner(client)
    for _ in range(2):
        answer(client, start(client), "A state agency")
    response = client.post(f"{QUIZ_URL}/attempts", follow_redirects=True)
    assert "You have used all your attempts" in response.text
    assert len(attempts_of_quiz()) == 2
    assert "<dt>Attempts left</dt><dd>0</dd>" in client.get(QUIZ_URL).text


def test_an_expired_attempt_is_graded_as_unanswered(client, tmp_path):
    import_quiz(tmp_path, SIMPLE, settings="time_limit_minutes: 10")
    enrolled_learner(client)
    page = start(client)
    assert "Submit before" in client.get(page).text
    options = form_fields(client.get(page).text)["q1"]
    attempt = attempts_of_quiz()[0]
    attempt.deadline_at = utcnow() - timedelta(minutes=5)
    db.session.commit()
    client.post(page, data={"q1": options["Owned by its members"]})
    attempt = attempts_of_quiz()[0]
    assert (attempt.state, attempt.late, attempt.passed, attempt.responses) == (
        "submitted", True, False, {},
    )  # fmt: skip
    assert "graded as unanswered" in client.get(page).text


def test_a_deadline_is_shown_in_the_users_locale(client, tmp_path):
    import_quiz(tmp_path, SIMPLE, settings="time_limit_minutes: 20")
    enrolled_learner(client, locale="fr")
    html = client.get(start(client)).text
    # The learner's own time (Dakar, from the country), never labelled UTC.
    assert "UTC" not in html
    assert "Envoyez avant " in html
    assert "dans 20 minutes" in html or "dans 19 minutes" in html


def test_a_double_submit_grades_once(client, tmp_path):
    import_quiz(tmp_path, SIMPLE)
    enrolled_learner(client)
    page = start(client)
    answer(client, page, "Owned by its members")
    response = client.post(page, data={"q1": "2"}, follow_redirects=True)
    assert "This attempt was already submitted" in response.text
    [attempt] = attempts_of_quiz()
    assert attempt.passed is True


def test_continue_returns_the_open_attempt(client, tmp_path):
    import_quiz(tmp_path, SIMPLE)
    enrolled_learner(client)
    first = start(client)
    assert "Continue your attempt" in client.get(QUIZ_URL).text
    assert start(client) == first
    assert len(attempts_of_quiz()) == 1


def test_passing_the_last_quiz_completes_the_course(client, tmp_path):
    import_quiz(tmp_path, SIMPLE)
    enrolled_learner(client)
    for lesson in ("hello", "more"):
        client.post(f"/learning/tiny/lessons/{lesson}/complete", data={"next": "/"})
    assert db.session.scalar(select(CourseCompletion)) is None
    response = answer(client, start(client), "Owned by its members")
    assert response.status_code == 302
    assert db.session.scalar(select(CourseCompletion)) is not None
    assert "Congratulations" in client.get(response.headers["Location"]).text


def test_the_course_page_lists_the_quiz_and_marks_it_passed(client, tmp_path):
    import_quiz(tmp_path, SIMPLE)
    html = client.get(COURSE_URL).text
    assert f'href="{QUIZ_URL}"' in html
    assert "Quick check" in html
    enrolled_learner(client)
    answer(client, start(client), "Owned by its members")
    html = client.get(COURSE_URL).text
    assert "Passed" in html
    assert f'href="{QUIZ_URL}"' in client.get("/courses/tiny/lessons/hello").text


@pytest.mark.parametrize(
    ("mode", "after_fail", "after_pass"),
    [("after_each_attempt", True, True), ("once_passed", False, True), ("never", False, False)],
)
def test_feedback_follows_the_quiz_setting(client, tmp_path, mode, after_fail, after_pass):
    import_quiz(tmp_path, SIMPLE, feedback=mode)
    enrolled_learner(client)
    failed = start(client)
    answer(client, failed, "A state agency")
    html = client.get(failed).text
    assert "Not passed" in html
    assert ("Think again about who owns it." in html) is after_fail
    passed = start(client)
    answer(client, passed, "Owned by its members")
    assert ('id="your-answers"' in client.get(passed).text) is after_pass
    assert ("Think again about who owns it." in client.get(failed).text) is after_pass


def test_an_absurd_attempt_number_is_not_found(client, tmp_path):
    import_quiz(tmp_path, SIMPLE)
    enrolled_learner(client)
    assert client.get(f"{QUIZ_URL}/attempts/99999999999999999999999").status_code == 404


def test_the_deadline_is_in_the_learners_zone_and_order(client, tmp_path):
    import_quiz(tmp_path, SIMPLE, settings="time_limit_minutes: 10")
    enrolled_learner(client, country="JO")
    page = start(client)
    deadline = attempts_of_quiz()[0].deadline_at
    # Amman keeps UTC+3 all year; English without a British country writes 12-hour times.
    local = deadline.astimezone(ZoneInfo("Asia/Amman"))
    clock = f"{local.hour % 12 or 12}:{local.minute:02d}\u202f{'AM' if local.hour < 12 else 'PM'}"
    html = client.get(page).text
    assert f"Submit before {clock} (in " in html
    assert "UTC" not in html


def test_a_british_learner_reads_day_month_times_in_london(client, tmp_path):
    import_quiz(tmp_path, SIMPLE)
    enrolled_learner(client, country="GB")
    answer(client, start(client), "Owned by its members")
    attempt = attempts_of_quiz()[0]
    attempt.submitted_at = datetime(2026, 7, 4, 10, 5, tzinfo=UTC)
    db.session.commit()
    html = client.get(QUIZ_URL).text
    # London is on summer time in July: 10:05 UTC is 11:05 there.
    assert "<td>4 Jul 2026, 11:05</td>" in html
    assert "UTC" not in html

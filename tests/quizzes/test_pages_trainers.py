"""The trainers' results page, time allowances, and CSRF on every quiz form."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from academy.extensions import db
from academy.quizzes.models import TimeAllowance
from tests.conftest import import_package
from tests.courses.packages import COURSE_YAML, package
from tests.factories import PASSWORD, make_user, sign_in, without_tokens
from tests.quizzes.quiz_pages import (
    QUIZ_URL,
    SIMPLE,
    attempts_of_quiz,
    enrolled_learner,
    form_fields,
    import_quiz,
    start,
)

RESULTS = f"{QUIZ_URL}/results"
ALLOWANCES = f"{QUIZ_URL}/allowances"


def import_with_trainer(tmp_path, settings: str = ""):
    course_yaml = COURSE_YAML + "trainers: [Trainer@Example.org]\n"
    quiz = SIMPLE.replace("FEEDBACK", "after_each_attempt").replace("SETTINGS", settings)
    import_package(
        package(tmp_path, {"course.yaml": course_yaml, "01-start/03-check.quiz.yaml": quiz})
    )


def test_visitors_are_sent_to_sign_in(client, tmp_path):
    import_with_trainer(tmp_path)
    response = client.get(RESULTS)
    assert response.status_code == 302
    assert "/auth/sign-in" in response.headers["Location"]


@pytest.mark.parametrize(
    ("email", "role", "status", "allowance"),
    [
        ("learner@example.org", "learner", 403, None),
        # course.yaml names the address, but the account is a learner's
        ("trainer@example.org", "learner", 403, None),
        ("other@example.org", "trainer", 403, None),
        ("trainer@example.org", "trainer", 200, 302),
        ("admin@example.org", "admin", 200, 302),
    ],
)
def test_only_the_courses_trainers_and_admins_see_results_and_give_time(
    client, app, tmp_path, email, role, status, allowance
):
    import_with_trainer(tmp_path)
    learner = enrolled_learner(app.test_client())
    make_user(email, role=role)
    sign_in(client, email)
    assert client.get(RESULTS).status_code == status
    if allowance is not None:
        data = {"email": learner.email, "extra_minutes": "30"}
        assert client.post(ALLOWANCES, data=data).status_code == allowance
        return
    # Nobody else may give anyone, themselves included, more time.
    for target in (learner.email, email):
        data = {"email": target, "extra_minutes": "30"}
        assert client.post(ALLOWANCES, data=data).status_code == 403
    assert db.session.scalars(select(TimeAllowance)).all() == []


def test_results_list_every_learners_attempt(client, app, tmp_path):
    import_with_trainer(tmp_path)
    learner_client = app.test_client()
    learner = enrolled_learner(learner_client, name="Awa Diop")
    page = start(learner_client)
    options = form_fields(learner_client.get(page).text)["q1"]
    learner_client.post(page, data={"q1": options["Owned by its members"]})
    make_user("trainer@example.org", role="trainer")
    sign_in(client, "trainer@example.org")
    html = client.get(RESULTS).text
    assert "Awa Diop" in html
    assert learner.email in html
    assert "100%" in html
    assert "Passed" in html


def test_a_trainer_gives_a_learner_more_time(client, app, tmp_path):
    import_with_trainer(tmp_path, settings="time_limit_minutes: 10")
    learner_client = app.test_client()
    learner = enrolled_learner(learner_client, name="Awa Diop")
    make_user("trainer@example.org", role="trainer")
    sign_in(client, "trainer@example.org")
    response = client.post(ALLOWANCES, data={"email": learner.email, "extra_minutes": "15"})
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).text
    assert f"<bdi>{learner.email}</bdi> now has 15 extra minutes on this quiz." in page
    allowance = db.session.scalar(select(TimeAllowance))
    assert (allowance.extra_minutes, allowance.unlimited) == (15, False)
    assert "25 minutes" in learner_client.get(QUIZ_URL).text
    client.post(ALLOWANCES, data={"email": learner.email, "unlimited": "y"})
    assert "No time limit" in learner_client.get(QUIZ_URL).text
    start(learner_client)
    assert attempts_of_quiz()[0].deadline_at is None


NEUTRAL = "No learner enrolled in this course has this email address, so nothing changed."


def test_only_learners_enrolled_in_the_course_get_time(client, app, tmp_path):
    import_with_trainer(tmp_path)
    make_user("stranger@example.org", name="Stranger Name")
    left = enrolled_learner(app.test_client(), name="Left Name")
    leaver = app.test_client()
    sign_in(leaver, left.email)
    assert leaver.post("/learning/tiny/unenrol").status_code == 302
    make_user("trainer@example.org", role="trainer", name="Trainer Name")
    sign_in(client, "trainer@example.org")
    pages = []
    for email in ("nobody@example.org", "stranger@example.org", left.email, "trainer@example.org"):
        response = client.post(ALLOWANCES, data={"email": email, "extra_minutes": "5"})
        assert response.status_code == 400
        assert NEUTRAL in response.text
        for name in ("Stranger Name", "Left Name", "Trainer Name"):
            assert name not in response.text
        pages.append(without_tokens(response.text).replace(email, "EMAIL"))
    # Whoever the address belongs to, the page is the same.
    assert len(set(pages)) == 1
    assert db.session.scalars(select(TimeAllowance)).all() == []


# -- CSRF ------------------------------------------------------------------------


@pytest.fixture
def csrf_client(make_app, app):
    return make_app(WTF_CSRF_ENABLED=True).test_client()


def token_in(html: str) -> str:
    return re.search(r'name="csrf_token"[^>]* value="([^"]+)"', html).group(1)


def test_quiz_forms_need_their_csrf_token(csrf_client, tmp_path):
    import_quiz(tmp_path, SIMPLE)
    user = make_user()
    token = token_in(csrf_client.get("/auth/sign-in").text)
    csrf_client.post(
        "/auth/sign-in", data={"email": user.email, "password": PASSWORD, "csrf_token": token}
    )
    token = token_in(csrf_client.get("/courses/tiny/").text)
    csrf_client.post("/learning/tiny/enrol", data={"csrf_token": token, "next": "/"})
    assert csrf_client.post(f"{QUIZ_URL}/attempts").status_code == 400
    assert attempts_of_quiz() == []
    token = token_in(csrf_client.get(QUIZ_URL).text)
    response = csrf_client.post(f"{QUIZ_URL}/attempts", data={"csrf_token": token})
    assert response.status_code == 302
    page = response.headers["Location"]
    html = csrf_client.get(page).text
    options = form_fields(html)["q1"]
    assert csrf_client.post(page, data={"q1": options["Owned by its members"]}).status_code == 400
    assert attempts_of_quiz()[0].state == "open"
    response = csrf_client.post(
        page, data={"q1": options["Owned by its members"], "csrf_token": token_in(html)}
    )
    assert response.status_code == 302
    assert attempts_of_quiz()[0].passed is True

"""nginx in front of two gunicorn servers on one PostgreSQL and one Redis, from deploy/.

nginx serves the static files itself and keeps /metrics from outside. A
learner, through nginx only, signs in, enrols, completes the lessons, passes
the quiz and downloads the certificate, served by both servers in turn (nginx's
log names the server of each request). Then the limits hold for the site, not
per server: certificate downloads (Flask-Limiter) and wrong passwords (the
sign-in throttle) spread over both servers stop at the count one server allows.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import requests
from sqlalchemy import create_engine, text

from tests.courses.packages import package
from tests.deployment.browser import Browser, alerts
from tests.quizzes.quiz_pages import form_fields

pytestmark = pytest.mark.deployment

EMAIL = "amina.diallo@example.org"
NAME = "Amina Diallo"
PASSWORD = "a long passphrase for the deployment check"
DOWNLOADS_PER_MINUTE = 3
STACK_SETTINGS = {"ACADEMY_CERTIFICATE_PDF_LIMIT_PER_USER": f"{DOWNLOADS_PER_MINUTE}/minute"}
# Wrong passwords one account may get from one address (academy.auth.throttle.PAIR).
PAIR_LIMIT = 5
NOT_RIGHT = "The email address or the password is not right. Check them and try again."
THROTTLED = "Too many failed attempts. Wait 15 minutes, or reset your password."

QUIZ = """\
title: {en: "Quick check", fr: "Petite vérification"}
pass_mark: 100
questions:
  - id: definition
    type: single
    text: {en: "What is a cooperative?", fr: "Qu'est-ce qu'une coopérative ?"}
    choices:
      - {id: owned, correct: true, text: {en: Owned by its members, fr: Possédée par ses membres}}
      - {id: state, text: {en: A state agency, fr: Un organisme public}}
"""


def alternates(ports: list[int]) -> bool:
    return len(set(ports)) == 2 and all(a != b for a, b in zip(ports, ports[1:], strict=False))


def check_what_nginx_answers_itself(stack) -> None:
    """Static files, compression, /metrics and the body size limit, from the site's config."""
    page = requests.get(f"{stack.url}/auth/sign-in", timeout=10)
    [css] = re.findall(r'href="(/static/[^"]+\.css\?v=[0-9a-f]+)"', page.text)
    static = requests.get(stack.url + css, timeout=10)
    assert static.status_code == 200
    assert "X-Request-ID" not in static.headers  # nginx answered, not an app server
    assert static.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert static.headers["Content-Encoding"] == "gzip"
    unversioned = requests.get(stack.url + css.split("?")[0], timeout=10)
    assert unversioned.headers["Cache-Control"] == "public, max-age=3600"

    assert requests.get(f"{stack.url}/metrics", timeout=10).status_code == 404
    for server in stack.servers:  # Prometheus, on the app server's own port
        assert requests.get(f"{server.url}/metrics", timeout=10).status_code == 200

    # Larger than nginx lets through: refused before any app server reads it.
    too_large = requests.post(
        f"{stack.url}/auth/sign-in", data=b"x" * (6 * 1024 * 1024), timeout=30
    )
    assert too_large.status_code == 413
    assert "X-Request-ID" not in too_large.headers


def prepare_stack(folder: Path) -> list[tuple[list[str], str | None]]:
    """What the operator does once migrated: import a course, create a learner's account."""
    course = package(folder / "package", {"01-start/03-check.quiz.yaml": QUIZ})
    return [
        (["courses", "import", str(course)], None),
        (["users", "create", "--email", EMAIL, "--name", NAME, "--password-stdin"], PASSWORD),
    ]


def test_a_learner_through_nginx_on_two_servers(stack):
    ports = {server.port for server in stack.servers}
    check_what_nginx_answers_itself(stack)

    learner = Browser(stack)
    assert learner.get("/auth/sign-in").status_code == 200
    signed_in = learner.post("/auth/sign-in", {"email": EMAIL, "password": PASSWORD})
    assert signed_in.status_code == 302, alerts(signed_in)
    assert signed_in.headers["Location"] == "/"
    home = learner.get("/")
    assert home.status_code == 200
    assert home.headers["Content-Encoding"] == "gzip"  # nginx compresses the HTML
    assert learner.get("/courses/tiny/").status_code == 200
    enrolled = learner.post("/learning/tiny/enrol", {"next": "/courses/tiny/"})
    assert (enrolled.status_code, enrolled.headers["Location"]) == (302, "/courses/tiny/")
    for lesson in ("hello", "more"):
        assert learner.get(f"/courses/tiny/lessons/{lesson}").status_code == 200
        assert learner.post(f"/learning/tiny/lessons/{lesson}/complete").status_code == 302
    assert learner.get("/courses/tiny/quizzes/check").status_code == 200
    started = learner.post("/courses/tiny/quizzes/check/attempts")
    attempt = "/courses/tiny/quizzes/check/attempts/1"
    assert (started.status_code, started.headers["Location"]) == (302, attempt)
    form = learner.get(attempt)
    assert form.status_code == 200
    choice = form_fields(form.text)["q1"]["Owned by its members"]
    finished = learner.post(attempt, {"q1": choice, "action": "finish"})
    assert (finished.status_code, finished.headers["Location"]) == (302, attempt)
    result = learner.get(attempt)
    assert result.status_code == 200
    assert "You have completed this course. Congratulations!" in result.text
    certificates = learner.get("/certificates/")
    assert certificates.status_code == 200
    [pdf_path] = set(re.findall(r'href="(/certificates/[A-Za-z0-9_-]+\.pdf)"', certificates.text))
    pdf = learner.get(pdf_path)
    assert (pdf.status_code, pdf.headers["Content-Type"]) == (200, "application/pdf")
    assert pdf.content.startswith(b"%PDF-")

    # Every page came from the two servers in turn: sessions, CSRF tokens and the
    # attempt are the site's, not a server's.
    assert set(learner.served) == ports
    assert alternates(learner.served), learner.served

    # Downloads are limited per person across both servers: the first download
    # and two more, then 429 (each server alone would have allowed three).
    learner.served.clear()
    statuses = [learner.get(pdf_path).status_code for _ in range(DOWNLOADS_PER_MINUTE)]
    assert statuses == [200] * (DOWNLOADS_PER_MINUTE - 1) + [429]
    assert set(learner.served) == ports

    # Wrong passwords from one address, spread over both servers, are throttled at
    # the fifth, as on one server; then even the right password waits.
    guesser = Browser(stack)
    assert guesser.get("/auth/sign-in").status_code == 200
    guesser.served.clear()
    wrong = {"email": EMAIL, "password": "not the passphrase"}
    answers = [guesser.post("/auth/sign-in", wrong) for _ in range(PAIR_LIMIT + 1)]
    assert [answer.status_code for answer in answers] == [200] * PAIR_LIMIT + [429]
    assert [alerts(answer) for answer in answers] == [[NOT_RIGHT]] * PAIR_LIMIT + [[THROTTLED]]
    assert set(guesser.served) == ports
    right = guesser.post("/auth/sign-in", {"email": EMAIL, "password": PASSWORD})
    assert (right.status_code, alerts(right)) == (429, [THROTTLED])

    # What the database holds: one graded attempt, one certificate.
    engine = create_engine(stack.database_url)
    try:
        with engine.connect() as connection:
            attempts = connection.execute(text("SELECT state, score_percent FROM attempts")).all()
            certificates = connection.execute(text("SELECT recipient_name FROM certificates")).all()
    finally:
        engine.dispose()
    assert attempts == [("submitted", 100.0)]
    assert certificates == [(NAME,)]

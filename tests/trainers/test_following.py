"""The cohort page: who reaches it, each learner's figures, sorting, queries, CSV, one learner."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import event

from academy.certificates.services import issue_certificate, revoke_certificate
from academy.extensions import db
from academy.learning import services as learning
from tests.factories import make_user, sign_in
from tests.trainers.cohorts_world import (
    COHORT_TRAINER,
    complete_lessons,
    completed,
    join,
    make_cohort,
    make_owner,
    quiz_of,
    submitted_attempt,
)

MARCH = datetime(2027, 3, 10, 9, 0, tzinfo=UTC)


@pytest.fixture
def cohort(app, sample_course):
    trainer = make_user(COHORT_TRAINER, role="trainer", name="Tomás Trainer")
    return make_cohort(sample_course, trainer)


def page(cohort) -> str:
    return f"/trainers/cohorts/{cohort.id}/"


def text_of(fragment: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", fragment)).strip()


def body_rows(html: str) -> list[list[str]]:
    """The learners table's body, each cell's text."""
    tbody = re.search(r"<tbody>(.*?)</tbody>", html, re.DOTALL).group(1)
    rows = re.findall(r"<tr>(.*?)</tr>", tbody, re.DOTALL)
    return [
        [text_of(cell) for cell in re.findall(r"<td>(.*?)</td>", row, re.DOTALL)] for row in rows
    ]


def names(html: str) -> list[str]:
    return [row[0] for row in body_rows(html)]


# -- who reaches it ----------------------------------------------------------------


def test_a_visitor_is_sent_to_sign_in(client, cohort):
    response = client.get(page(cohort))
    assert response.status_code == 302
    assert "/auth/sign-in" in response.headers["Location"]


@pytest.mark.parametrize(
    ("email", "role", "status"),
    [
        ("learner@example.org", "learner", 403),
        # named in course.yaml, but neither an owner nor a trainer of this cohort
        ("trainer@example.org", "trainer", 403),
        ("other@example.org", "trainer", 403),
        (COHORT_TRAINER, None, 200),
        ("owner@example.org", None, 200),
        ("admin@example.org", "admin", 200),
    ],
)
def test_admins_owners_and_the_cohorts_trainers_see_it(
    client, sample_course, cohort, email, role, status
):
    if email == "owner@example.org":
        make_owner(sample_course)
    elif role is not None:
        make_user(email, role=role)
    sign_in(client, email)
    for url in (page(cohort), f"{page(cohort)}learners.csv"):
        assert client.get(url).status_code == status, url


def test_an_unknown_cohort_is_not_found(client, cohort):
    sign_in(client, COHORT_TRAINER)
    assert client.get("/trainers/cohorts/999/").status_code == 404
    assert client.get("/trainers/cohorts/999/learners.csv").status_code == 404


# -- what it shows -----------------------------------------------------------------


@pytest.mark.database
def test_each_learner_with_progress_activity_scores_completion_and_certificate(
    database_backend, client, sample_course, cohort
):
    quiz = quiz_of(sample_course)
    ama = join(cohort, sample_course, name="Ama Boateng", email="ama@example.org")
    complete_lessons(ama, sample_course, ["welcome", "working-together"], at=MARCH)
    submitted_attempt(ama, quiz, 1, 40.0, False, at=datetime(2027, 3, 11, 8, 0, tzinfo=UTC))
    submitted_attempt(ama, quiz, 2, 90.0, True, at=datetime(2027, 3, 12, 8, 0, tzinfo=UTC))
    bea = join(cohort, sample_course, name="Béatrice Ndiaye", email="bea@example.org", locale="fr")
    complete_lessons(
        bea,
        sample_course,
        ["welcome", "working-together", "local-examples", "principles", "summary"],
    )
    completed(bea, sample_course, at=datetime(2027, 4, 2, 10, 0, tzinfo=UTC))
    issue_certificate(bea, sample_course)
    carl = join(cohort, sample_course, name="Carl Mensah", email="carl@example.org")
    completed(carl, sample_course, at=datetime(2027, 4, 3, 10, 0, tzinfo=UTC))
    revoke_certificate(issue_certificate(carl, sample_course), None, "Mistake")
    db.session.commit()
    # Not in the cohort: another learner of the course, and one who left the cohort.
    learning.enrol(make_user(name="Not In Cohort"), sample_course, "en")
    gone = join(cohort, sample_course, name="Gone Away")
    learning.unenrol(learning.find_enrolment(gone, sample_course))
    db.session.commit()

    sign_in(client, COHORT_TRAINER)
    html = client.get(page(cohort)).text
    rows = body_rows(html)
    assert [row[:4] for row in rows] == [
        ["Ama Boateng", "ama@example.org", "English", "2 of 5 (40%)"],
        ["Béatrice Ndiaye", "bea@example.org", "French", "5 of 5 (100%)"],
        ["Carl Mensah", "carl@example.org", "English", "0 of 5 (0%)"],
    ]
    # last activity: Ama's latest attempt, after her lessons
    assert rows[0][4] == "Mar 12, 2027, 8:00 AM"
    assert [row[5:] for row in rows] == [
        ["90%, 2 attempts", "Not yet", "None"],
        ["Not taken", "Apr 2, 2027", "Issued"],
        ["Not taken", "Apr 3, 2027", "Revoked"],
    ]
    # ready for a certificate: completed, without a valid one
    ready = re.search(r'id="certificates".*?</section>', html, re.DOTALL).group(0)
    assert "Carl Mensah" in ready
    assert "Béatrice" not in ready
    assert "Ama" not in ready


def test_sorting_by_each_column_with_plain_links_and_aria_sort(client, sample_course, cohort):
    quiz = quiz_of(sample_course)
    first = join(cohort, sample_course, name="Ana", email="zed@example.org")
    complete_lessons(first, sample_course, ["welcome"])
    second = join(cohort, sample_course, name="Bo", email="yan@example.org")
    complete_lessons(second, sample_course, ["welcome", "summary", "principles"])
    submitted_attempt(second, quiz, 1, 70.0, True)
    join(cohort, sample_course, name="Cy", email="xu@example.org")
    sign_in(client, COHORT_TRAINER)

    html = client.get(page(cohort)).text
    assert names(html) == ["Ana", "Bo", "Cy"]
    assert re.search(
        r'<th scope="col" aria-sort="ascending">\s*<a href="[^"]*sort=name&amp;order=desc', html
    )
    assert html.count("aria-sort=") == 1

    html = client.get(page(cohort) + "?sort=progress&order=desc").text
    assert names(html) == ["Bo", "Ana", "Cy"]
    assert re.search(r'aria-sort="descending">\s*<a href="[^"]*sort=progress&amp;order=asc', html)
    assert names(client.get(page(cohort) + "?sort=progress").text) == ["Cy", "Ana", "Bo"]
    assert names(client.get(page(cohort) + "?sort=email").text) == ["Cy", "Bo", "Ana"]
    # learners who never took the quiz come last, whichever the order
    assert names(client.get(page(cohort) + "?sort=quiz-check&order=desc").text)[0] == "Bo"
    assert names(client.get(page(cohort) + "?sort=name&order=desc").text) == ["Cy", "Bo", "Ana"]
    # an unknown column sorts by name
    html = client.get(page(cohort) + "?sort=password&order=sideways").text
    assert names(html) == ["Ana", "Bo", "Cy"]


def _statements(app, client, url: str) -> int:
    count = 0

    def counter(*_args, **_kwargs):
        nonlocal count
        count += 1

    event.listen(db.engine, "before_cursor_execute", counter)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", counter)
    return count


def _add_learners(cohort, course, number: int) -> None:
    quiz = quiz_of(course)
    for _index in range(number):
        learner = join(cohort, course)
        complete_lessons(learner, course, ["welcome", "summary"])
        submitted_attempt(learner, quiz, 1, 60.0, True)
        completed(learner, course)


def test_the_page_and_the_csv_make_as_many_queries_for_50_learners_as_for_5(
    app, client, sample_course, cohort
):
    sign_in(client, COHORT_TRAINER)
    _add_learners(cohort, sample_course, 5)
    client.get(page(cohort))  # the trainer's account, read once and kept (academy.recent_rows)
    few = [_statements(app, client, page(cohort) + suffix) for suffix in ("", "learners.csv")]
    _add_learners(cohort, sample_course, 45)
    many = [_statements(app, client, page(cohort) + suffix) for suffix in ("", "learners.csv")]
    assert few == many
    assert few[0] <= 15


# -- CSV -------------------------------------------------------------------------


def test_the_csv_opens_in_excel_and_cannot_run_formulas(client, sample_course, cohort):
    learner = join(cohort, sample_course, name='=HYPERLINK("http://evil")', email="a@example.org")
    complete_lessons(learner, sample_course, ["welcome"], at=MARCH)
    join(cohort, sample_course, name="@SUM(1)", email="b@example.org")
    join(cohort, sample_course, name="-2+3", email="c@example.org")
    join(cohort, sample_course, name="+Plus", email="d@example.org")
    join(cohort, sample_course, name="Zainab", email="e@example.org")
    sign_in(client, COHORT_TRAINER)

    response = client.get(f"{page(cohort)}learners.csv?sort=email")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="cohort-{cohort.id}-learners.csv"'
    )
    assert response.headers["Cache-Control"] == "no-store"
    assert response.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0] == [
        "Name", "Email", "Content language", "Done", "Total", "Progress (%)",
        "Last activity (UTC)", "Check your understanding: best score (%)",
        "Check your understanding: attempts", "Completed (UTC)", "Certificate",
    ]  # fmt: skip
    assert [row[0] for row in rows[1:]] == [
        '\'=HYPERLINK("http://evil")',
        "'@SUM(1)",
        "'-2+3",
        "'+Plus",
        "Zainab",
    ]
    assert rows[1][1:10] == [
        "a@example.org",
        "en",
        "1",
        "5",
        "20",
        "2027-03-10T09:00:00+00:00",
        "",
        "0",
        "",
    ]
    assert rows[1][10] == "none"


def test_the_csv_headers_follow_the_interface_language(client, sample_course, cohort):
    join(cohort, sample_course, name="Awa")
    sign_in(client, COHORT_TRAINER)
    response = client.get(f"{page(cohort)}learners.csv?lang=fr")
    header = next(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert header[0] == "Nom"


# -- one learner -----------------------------------------------------------------


def test_a_learners_page_shows_their_modules_and_every_attempt(client, sample_course, cohort):
    quiz = quiz_of(sample_course)
    learner = join(cohort, sample_course, name="Ama Boateng")
    complete_lessons(learner, sample_course, ["welcome", "working-together"], at=MARCH)
    submitted_attempt(learner, quiz, 1, 40.0, False, at=datetime(2027, 3, 11, 8, 0, tzinfo=UTC))
    submitted_attempt(learner, quiz, 2, 90.5, True, at=datetime(2027, 3, 12, 8, 0, tzinfo=UTC))
    sign_in(client, COHORT_TRAINER)

    response = client.get(f"{page(cohort)}learners/{learner.id}")
    assert response.status_code == 200
    html = re.sub(r"\s+", " ", response.text)  # Babel puts a narrow space before AM
    assert re.search(r"<h1>.*Learner.*Ama Boateng</h1>", html)
    assert "2 of 3 lessons completed." in html
    assert "0 of 2 lessons completed." in html
    assert "Completed Mar 10, 2027, 9:00 AM" in html
    table = re.search(r"<tbody>(.*?)</tbody>", html, re.DOTALL).group(1)
    cells = [text_of(c) for c in re.findall(r"<td>(.*?)</td>", table, re.DOTALL)]
    assert cells == [
        "1", "English", "Mar 11, 2027, 8:00 AM", "40%", "Not passed", "No",
        "2", "English", "Mar 12, 2027, 8:00 AM", "90.5%", "✓ Passed", "No",
    ]  # fmt: skip


def test_a_learner_outside_the_cohort_is_not_found(client, sample_course, cohort):
    outsider = make_user()
    learning.enrol(outsider, sample_course, "en")
    db.session.commit()
    sign_in(client, COHORT_TRAINER)
    assert client.get(f"{page(cohort)}learners/{outsider.id}").status_code == 404
    assert client.get(f"{page(cohort)}learners/99999").status_code == 404


def test_a_trainer_of_another_cohort_cannot_read_its_learners(client, sample_course, cohort):
    learner = join(cohort, sample_course)
    other_trainer = make_user("other-cohort@example.org", role="trainer")
    make_cohort(sample_course, other_trainer, name="Another run")
    sign_in(client, other_trainer.email)
    assert client.get(f"{page(cohort)}learners/{learner.id}").status_code == 403

"""The result page leads on: outcome, score, attempts left and the next step at the top."""

from __future__ import annotations

import re

from tests.conftest import import_package
from tests.courses.packages import lesson, package
from tests.quizzes.quiz_pages import (
    QUIZ_URL,
    SIMPLE,
    answers_by_label,
    control_for,
    enrolled_learner,
    import_quiz,
    select_options,
    start,
)

LIMITED = "max_attempts: 2"


def _panel(html: str) -> str:
    return html[html.index('<section class="panel"') : html.index("</section>")]


def _take_simple(client, right: bool) -> str:
    page = start(client)
    html = client.get(page).text
    value = re.search(
        rf'value="(\d+)">\s*<label[^>]*>{"Owned by its members" if right else "A state agency"}<',
        html,
    ).group(1)
    client.post(page, data={"q1": value, "action": "finish"})
    return page


def test_a_failed_attempt_shows_the_attempts_left_and_a_retry_button(client, tmp_path):
    import_quiz(tmp_path, SIMPLE, settings=LIMITED)
    enrolled_learner(client)
    page = _take_simple(client, right=False)
    panel = _panel(client.get(page).text)
    assert "Not passed" in panel
    assert "Score: 0% (pass mark 100%)" in panel
    assert "You have 1 attempt left." in panel
    retry = f'<form method="post" action="{QUIZ_URL}/attempts" class="action-form">'
    assert retry in panel
    assert "Try again</button>" in panel
    assert start(client) == f"{QUIZ_URL}/attempts/2"
    # The second attempt open: still one attempt left, and the button continues it.
    panel = _panel(client.get(page).text)
    assert "You have 1 attempt left." in panel
    assert "Continue your attempt</button>" in panel


def test_out_of_attempts_leads_back_to_the_course_without_a_retry(client, tmp_path):
    import_quiz(tmp_path, SIMPLE, settings="max_attempts: 1")
    enrolled_learner(client)
    page = _take_simple(client, right=False)
    panel = _panel(client.get(page).text)
    assert "You have used all your attempts at this quiz." in panel
    assert "Try again" not in panel
    assert '<a class="button" href="/courses/tiny/">Back to the course</a>' in panel


def test_the_score_is_rounded_in_the_learners_language(client, tmp_path):
    import_quiz(tmp_path)
    enrolled_learner(client, locale="fr")
    page = start(client)
    html = client.get(page).text
    client.post(page, data={"q1": re.search(r'name="q1" value="(\d+)"', html).group(1)})
    panel = _panel(client.get(page).text)
    # One question of seven: 14.29 stored, 14,3 % shown (with a non-breaking space).
    assert "14,3\xa0%" in panel
    assert "60\xa0%" in panel


def test_a_pass_leads_to_the_next_lesson(client, tmp_path):
    quiz = SIMPLE.replace("FEEDBACK", "after_each_attempt").replace("SETTINGS", "")
    import_package(
        package(
            tmp_path,
            {
                "01-start/03-check.quiz.yaml": quiz,
                "02-next/module.yaml": "title: {en: Going further, fr: Plus loin}\n",
                "02-next/01-members.en.md": lesson("Members"),
            },
        )
    )
    enrolled_learner(client)
    page = _take_simple(client, right=True)
    panel = _panel(client.get(page).text)
    assert "Passed" in panel
    assert "Try again" not in panel
    assert re.search(r'<a class="button" href="[^"]*members[^"]*">Next: <span[^>]*>Members', panel)


def test_a_wrong_single_choice_shows_the_right_one_and_wrong_pairs_are_named(client, tmp_path):
    import_quiz(tmp_path)
    enrolled_learner(client)
    page = start(client)
    html = client.get(page).text
    data = answers_by_label(html, right=False)
    # Matching half right: Cooperative gets Members (right), Mutual gets The state (wrong).
    name = control_for(html, "Cooperative")
    data[name] = select_options(html, name)["Members"]
    client.post(page, data=data)
    result = client.get(page).text
    single = result[result.index('id="q1-title"') : result.index('id="q2-title"')]
    assert "The right answer: <span" in single
    assert "Owned by its members</span>" in single
    matching = result[result.index('id="q6-title"') : result.index('id="q7-title"')]
    assert "Partly correct" in matching
    lines = re.findall(r"<li>(.*?)</li>", matching, re.S)
    assert ["Wrong:" in line for line in lines] == [False, True]
    ordering = result[result.index('id="q7-title"') :]
    assert ordering.count("Wrong:") == 3
    assert result.count("The right answer:") == 1


def test_no_right_answer_when_the_quiz_shows_no_feedback(client, tmp_path):
    import_quiz(tmp_path, feedback="never")
    enrolled_learner(client)
    page = start(client)
    client.post(page, data=answers_by_label(client.get(page).text, right=False))
    result = client.get(page).text
    assert "The right answer:" not in result
    assert "Owned by its members" not in result
    assert "Wrong:" not in result


def test_scores_are_rounded_down_to_one_decimal(app):
    from academy.quizzes.result_page import score_percent

    with app.test_request_context("/?lang=fr"):
        assert [score_percent(p) for p in (14.29, 14.0, 66.67, 99.95, None)] == [
            "14,3\xa0%", "14\xa0%", "66,7\xa0%", "100\xa0%", "0\xa0%",
        ]  # fmt: skip
        # A failed attempt never reads as reaching its pass mark.
        assert score_percent(99.95, below=100) == "99,9\xa0%"
        assert score_percent(59.96, below=60) == "59,9\xa0%"
        assert score_percent(59.94, below=60) == "59,9\xa0%"

"""Download my data tells no more about a quiz than its results page: no answer key."""

from __future__ import annotations

import json

import pytest

from tests.quizzes.quiz_pages import (
    EVERY_TYPE,
    answers_by_label,
    enrolled_learner,
    import_quiz,
    start,
)

RIGHT_MATCHES = {"coop": "Members", "mutual": "Holders"}
WRONG_MATCHES = {"coop": "The state", "mutual": "The state"}


def take(client, right: bool) -> str:
    """Answer every question of EVERY_TYPE rightly or wrongly; the result page's path."""
    page = start(client)
    response = client.post(page, data=answers_by_label(client.get(page).text, right))
    assert response.status_code == 302
    return page


def download(client) -> list[dict]:
    response = client.get("/account/data.json")
    assert response.status_code == 200
    return json.loads(response.data)["quiz_attempts"]


@pytest.mark.parametrize(
    ("mode", "after_fail", "after_pass"),
    [("after_each_attempt", True, True), ("once_passed", False, True), ("never", False, False)],
)
def test_question_results_are_in_the_file_only_where_the_page_shows_them(
    client, tmp_path, mode, after_fail, after_pass
):
    import_quiz(tmp_path, feedback=mode)
    enrolled_learner(client)
    failed = take(client, right=False)
    [attempt] = download(client)
    assert attempt["passed"] is False
    assert (attempt["question_results"] is not None) is after_fail
    assert attempt["details_withheld"] == (None if after_fail else mode)
    assert ('id="your-answers"' in client.get(failed).text) is after_fail
    passed = take(client, right=True)
    first, second = download(client)
    assert second["passed"] is True
    for attempt, page in ((first, failed), (second, passed)):
        shown = 'id="your-answers"' in client.get(page).text
        assert shown is after_pass
        assert (attempt["question_results"] is not None) is after_pass
        assert attempt["details_withheld"] == (None if after_pass else mode)


def test_withheld_results_leave_no_score_per_question_but_keep_the_answers(client, tmp_path):
    import_quiz(tmp_path, feedback="never")
    enrolled_learner(client)
    take(client, right=True)
    [attempt] = download(client)
    assert attempt["question_results"] is None
    assert attempt["details_withheld"] == "never"
    assert (attempt["score_percent"], attempt["passed"]) == (100.0, True)
    answers = attempt["answers"]
    assert answers["definition"] == "owned"
    assert answers["principle"] == "vote"
    assert answers["steps"] == {"meet": 1, "draft": 2, "register": 3}
    assert answers["pairs"] == RIGHT_MATCHES


def test_shown_results_give_each_question_its_score(client, tmp_path):
    import_quiz(tmp_path, feedback="after_each_attempt")
    enrolled_learner(client)
    take(client, right=False)
    [attempt] = download(client)
    results = {r["question_id"]: (r["score"], r["correct"]) for r in attempt["question_results"]}
    assert results["definition"] == (0.0, False)
    assert results["pairs"] == (0.0, False)
    assert attempt["details_withheld"] is None


@pytest.mark.parametrize("mode", ["after_each_attempt", "never"])
def test_a_matching_answer_names_the_match_by_its_text_not_its_id(client, tmp_path, mode):
    # A match's id is its prompt's id: {"coop": "coop"} would say it was right.
    import_quiz(tmp_path, feedback=mode)
    enrolled_learner(client)
    take(client, right=False)
    take(client, right=True)
    wrong, right = download(client)
    assert wrong["answers"]["pairs"] == WRONG_MATCHES
    assert right["answers"]["pairs"] == RIGHT_MATCHES
    for attempt in (wrong, right):
        order = attempt["question_order"]
        assert len(order["seed"]) == 32
        assert "pairs" not in order["options"]
        assert sorted(order["options"]["steps"]) == ["draft", "meet", "register"]


def test_the_description_names_every_key_of_an_attempt(client, tmp_path):
    shuffling = "pass_mark: 60\nshuffle_questions: true\nshuffle_choices: true"
    import_quiz(tmp_path, EVERY_TYPE.replace("pass_mark: 60", shuffling))
    enrolled_learner(client)
    take(client, right=True)
    [attempt] = download(client)
    order = attempt["question_order"]
    assert set(order) == {"seed", "questions", "options"}
    assert set(order["options"]) == {"definition", "values", "steps"}
    text = client.get("/account/data-format").text
    for key in [*attempt, *order, *attempt["question_results"][0]]:
        assert f"`{key}`" in text, key

"""keep-answers.js saves in the background: 204, no message, never a grade."""

from __future__ import annotations

import re

from tests.quizzes.quiz_pages import (
    answers_by_label,
    attempts_of_quiz,
    enrolled_learner,
    import_quiz,
    start,
)

BACKGROUND = {"X-Background-Save": "1"}


def test_the_attempt_page_carries_the_keep_answers_script(client, tmp_path):
    import_quiz(tmp_path)
    enrolled_learner(client)
    html = client.get(start(client)).text
    # Same-origin files only, as tests/test_app.py checks for the public pages.
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert [body for _attributes, body in scripts] == ["", ""]
    sources = [re.search(r'src="/static/js/([\w-]+)\.js\?v=\w+"', a) for a, _ in scripts]
    assert [match.group(1) if match else None for match in sources] == [
        "focus-message",
        "keep-answers",
    ]
    assert html.count("<script") == 2
    assert client.get("/static/js/keep-answers.js").status_code == 200


def test_a_background_save_keeps_the_answers_without_a_message(client, tmp_path):
    import_quiz(tmp_path)
    enrolled_learner(client)
    page = start(client)
    data = answers_by_label(client.get(page).text, right=True)
    response = client.post(page, data={**data, "action": "save"}, headers=BACKGROUND)
    assert (response.status_code, response.text) == (204, "")
    [attempt] = attempts_of_quiz()
    assert (attempt.state, attempt.score_percent) == ("open", None)
    assert attempt.responses["principle"] == "vote"
    # Saving the same answers again changes nothing; no flash waits on the next page.
    again = client.post(page, data={**data, "action": "save"}, headers=BACKGROUND)
    assert again.status_code == 204
    assert "Your answers are saved" not in client.get(page).text


def test_a_background_request_never_finishes_and_never_overwrites_a_graded_attempt(
    client, tmp_path
):
    import_quiz(tmp_path)
    enrolled_learner(client)
    page = start(client)
    data = answers_by_label(client.get(page).text, right=True)
    for action in ("finish", "confirm", "other"):
        response = client.post(page, data={**data, "action": action}, headers=BACKGROUND)
        assert response.status_code == 409
    [attempt] = attempts_of_quiz()
    assert (attempt.state, attempt.responses) == ("open", {})
    assert client.post(page, data={**data, "action": "finish"}).status_code == 302
    [graded] = attempts_of_quiz()
    assert graded.state == "submitted"
    kept = dict(graded.responses)
    late = client.post(page, data={"action": "save", "q1": "state"}, headers=BACKGROUND)
    assert late.status_code == 409
    [after] = attempts_of_quiz()
    assert (after.state, after.responses) == ("submitted", kept)

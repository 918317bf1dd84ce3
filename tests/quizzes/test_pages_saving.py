"""An attempt is never lost by accident: saving, confirming unanswered questions, positions."""

from __future__ import annotations

import re

from tests.quizzes.quiz_pages import (
    QUIZ_URL,
    answers_by_label,
    attempts_of_quiz,
    control_for,
    enrolled_learner,
    import_quiz,
    start,
)


def _only(data: dict, *labels_kept: str) -> dict:
    return {name: value for name, value in data.items() if name in labels_kept}


def test_the_forms_first_button_saves_so_enter_never_finishes(client, tmp_path):
    import_quiz(tmp_path)
    enrolled_learner(client)
    html = client.get(start(client)).text
    form = html[html.index('<form method="post" action="/courses/tiny/quizzes/check/attempts/1"') :]
    buttons = re.findall(r'<button type="submit" name="action" value="(\w+)"', form)
    assert buttons == ["save", "finish", "save"]


def test_saving_keeps_the_answers_and_grades_nothing(client, tmp_path):
    import_quiz(tmp_path)
    enrolled_learner(client)
    page = start(client)
    html = client.get(page).text
    data = answers_by_label(html, right=True)
    response = client.post(page, data={**data, "action": "save"})
    assert (response.status_code, response.headers["Location"]) == (302, page)
    [attempt] = attempts_of_quiz()
    assert (attempt.state, attempt.score_percent, attempt.results) == ("open", None, {})
    assert attempt.responses["principle"] == "vote"
    assert attempt.responses["steps"] == {"meet": 1, "draft": 2, "register": 3}
    again = client.get(page).text
    form = again[again.index('class="form quiz-form"') :]
    assert "Your answers are saved. Press Finish when you are ready." in again
    assert 'maxlength="500" value="vote"' in again
    assert 'value="12.5"' in again
    assert form.count(" checked") == 4  # the single, two multiple choices, true
    assert form.count(" selected") == 5  # two matches and three positions
    # Opening the attempt again, or leaving it open, spends no attempt.
    assert "<dt>Attempts left</dt>" not in client.get(QUIZ_URL).text  # no limit here
    finished = client.post(page, data={"action": "confirm"})
    assert finished.status_code == 302
    [attempt] = attempts_of_quiz()
    assert (attempt.state, attempt.score_percent) == ("submitted", 100.0)


def test_finishing_with_unanswered_questions_asks_first_and_keeps_the_answers(client, tmp_path):
    import_quiz(tmp_path)
    enrolled_learner(client)
    page = start(client)
    html = client.get(page).text
    data = answers_by_label(html, right=True)
    single = next(name for name, value in data.items() if name == "q1")
    response = client.post(page, data={single: data[single], "action": "finish"})
    assert response.status_code == 200
    assert "<h1>Finish with unanswered questions?</h1>" in response.text
    links = re.findall(rf'<a href="{page}#(q\d+)">Question (\d+)</a>', response.text)
    assert links == [(f"q{n}", str(n)) for n in range(2, 8)]
    assert 'name="action" value="confirm"' in response.text
    [attempt] = attempts_of_quiz()
    assert attempt.state == "open"
    assert attempt.responses["definition"] == "owned"
    # Any other button value asks the same way; nothing is graded.
    assert client.post(page, data={single: data[single], "action": "other"}).status_code == 200
    assert attempts_of_quiz()[0].state == "open"
    # Going back shows the saved answer; submitting anyway grades it once.
    assert client.get(page).text.count(" checked") == 1
    assert client.post(page, data={"action": "confirm"}).status_code == 302
    [attempt] = attempts_of_quiz()
    assert attempt.state == "submitted"
    assert attempt.score_percent == round(100 / 7, 2)
    again = client.post(page, data={"action": "confirm"})
    assert again.status_code == 302
    [attempt] = attempts_of_quiz()
    assert attempt.score_percent == round(100 / 7, 2)


def test_finishing_with_every_answer_grades_at_once(client, tmp_path):
    import_quiz(tmp_path)
    enrolled_learner(client)
    page = start(client)
    data = answers_by_label(client.get(page).text, right=True)
    response = client.post(page, data={**data, "action": "finish"})
    assert (response.status_code, response.headers["Location"]) == (302, page)
    [attempt] = attempts_of_quiz()
    assert (attempt.state, attempt.score_percent) == ("submitted", 100.0)


def test_a_position_given_twice_is_refused_at_the_question_with_answers_kept(client, tmp_path):
    import_quiz(tmp_path)
    enrolled_learner(client)
    page = start(client)
    html = client.get(page).text
    data = answers_by_label(html, right=True)
    data[control_for(html, "Register")] = "1"  # Meet is 1 too
    response = client.post(page, data={**data, "action": "finish"})
    assert response.status_code == 422
    assert "Give each position to one item only: position 1 is given twice." in response.text
    assert 'aria-describedby="q7-error"' in response.text
    summary = response.text[response.text.index('class="error-summary"') :]
    assert '<li><a href="#q7">Question 7</a></li>' in summary[: summary.index("</ul>")]
    assert 'maxlength="500" value="vote"' in response.text
    [attempt] = attempts_of_quiz()
    assert (attempt.state, attempt.score_percent) == ("open", None)
    assert attempt.responses["steps"] == {"meet": 1, "draft": 2, "register": 1}

"""Taking a quiz through its pages: every question type, graded on the server."""

from __future__ import annotations

import re

from tests.quizzes.quiz_pages import (
    QUIZ_URL,
    answers_by_label,
    attempts_of_quiz,
    enrolled_learner,
    import_quiz,
    start,
)


def test_the_quiz_page_gives_the_facts_and_a_start_button(client, tmp_path):
    import_quiz(tmp_path)
    enrolled_learner(client)
    html = client.get(QUIZ_URL).text
    assert html.count("<h1") == 1
    assert "A short <em>check</em>." in html
    assert "<dt>Questions</dt><dd>7</dd>" in html
    assert "<dt>Pass mark</dt><dd>60%</dd>" in html
    assert "Start the quiz" in html


def test_every_question_type_answered_rightly_passes(client, tmp_path):
    import_quiz(tmp_path)
    enrolled_learner(client)
    page = start(client)
    html = client.get(page).text
    response = client.post(page, data=answers_by_label(html, right=True))
    assert response.status_code == 302
    [attempt] = attempts_of_quiz()
    assert attempt.state == "submitted"
    assert attempt.score_percent == 100.0
    assert attempt.passed is True
    assert attempt.responses["pairs"] == {"coop": "coop", "mutual": "mutual"}
    assert attempt.responses["steps"] == {"meet": 1, "draft": 2, "register": 3}
    result = client.get(page).text
    assert "100%" in result
    assert "Passed" in result


def test_every_question_type_answered_wrongly_fails(client, tmp_path):
    import_quiz(tmp_path)
    enrolled_learner(client)
    page = start(client)
    html = client.get(page).text
    client.post(page, data=answers_by_label(html, right=False))
    [attempt] = attempts_of_quiz()
    assert attempt.score_percent == 0.0
    assert attempt.passed is False
    result = client.get(page).text
    assert "Not passed" in result
    assert result.count("Incorrect") == 7


def test_the_form_holds_no_answer_key(client, tmp_path):
    import_quiz(tmp_path)
    enrolled_learner(client)
    html = client.get(start(client)).text
    right = re.search(r'<input type="radio" ([^>]*)>\s*<label[^>]*>Owned by its members<', html)
    wrong = re.search(r'<input type="radio" ([^>]*)>\s*<label[^>]*>A state agency<', html)
    # The two inputs differ only by the number in the shown order.
    assert re.sub(r"\d", "N", right.group(1)) == re.sub(r"\d", "N", wrong.group(1))
    for leak in ("correct", "credit", "data-"):
        assert leak not in html.lower()
    for answer_id in ("owned", "state", "solidarity", "coop", "mutual", "meet", "draft"):
        assert f'"{answer_id}' not in html
        assert f"-{answer_id}" not in html
    for secret in ("Yes indeed.", "See lesson one.", ">vote<", "12.5"):
        assert secret not in html


def test_numbers_are_read_in_the_interface_locale(client, tmp_path):
    import_quiz(tmp_path)
    enrolled_learner(client, locale="fr")
    page = start(client)
    html = client.get(page).text
    assert 'inputmode="decimal"' in html
    assert "3,5" in html
    data = answers_by_label_fr(html)
    client.post(page, data=data)
    [attempt] = attempts_of_quiz()
    assert [r for r in attempt.results if r["question_id"] == "share"][0]["correct"]


def answers_by_label_fr(html: str) -> dict:
    at = html.index("Part en pourcentage ?")
    name = re.search(r'<input type="text" id="[^"]+" name="([^"]+)"', html[at:]).group(1)
    return {name: "12,5"}


def test_a_grouped_number_gets_a_message(client, tmp_path):
    import_quiz(tmp_path)
    enrolled_learner(client)
    page = start(client)
    html = client.get(page).text
    at = html.index("Share in percent?")
    name = re.search(r'<input type="text" id="[^"]+" name="([^"]+)"', html[at:]).group(1)
    client.post(page, data={name: "1,000"})
    assert "without spaces or separators between thousands" in client.get(page).text


def test_malformed_values_never_fail(client, tmp_path):
    import_quiz(tmp_path)
    enrolled_learner(client)
    page = start(client)
    junk = {f"q{n}": ["999", "x", ""] for n in range(1, 9)}
    junk.update({f"q{n}-{m}": "abc" for n in range(1, 9) for m in range(0, 5)})
    response = client.post(page, data=junk)
    assert response.status_code == 302
    [attempt] = attempts_of_quiz()
    assert attempt.score_percent == 0.0


def test_the_content_language_of_the_enrolment_is_used(client, tmp_path):
    import_quiz(tmp_path)
    user = enrolled_learner(client)
    client.post("/learning/tiny/language", data={"content-language": "fr", "next": "/"})
    html = client.get(start(client)).text
    assert (
        "Qu&#39;est-ce qu&#39;une coopérative ?" in html or "Qu'est-ce qu'une coopérative ?" in html
    )
    assert 'lang="fr"' in html
    [attempt] = attempts_of_quiz()
    assert (attempt.language, attempt.user_id) == ("fr", user.id)


def test_question_numbers_are_read_apart_from_the_question(client, tmp_path):
    # A screen reader reads a legend as one string: "Question 1: ...", never "1What...".
    import_quiz(tmp_path)
    enrolled_learner(client)
    html = client.get(start(client)).text
    legends = re.findall(r"<legend>(.*?)</legend>", html, re.S)
    assert len(legends) == 7
    for number, legend in enumerate(legends, 1):
        assert legend.startswith(
            f'<span class="question-number">Question {number}'
            '<span class="visually-hidden">:</span></span> <span'
        )

"""Reading GIFT: the samples, construct by construct, and what a file's layout means.

Each sample in gift_samples/ shows one Moodle construct; these tests give the quiz it
becomes, so a change in the reader shows up as the construct it breaks.
"""

from __future__ import annotations

import yaml

from academy.quizzes.gift import parse_gift
from tests.quizzes.gift_files import en, parse_sample, sample


def questions_of(name: str) -> dict[str, dict]:
    return {question["id"]: question for question in parse_sample(name)["questions"]}


# -- The samples, construct by construct ------------------------------------------------


def test_single_choice_with_feedback_category_and_comments():
    assert parse_sample("01-single-choice.gift") == {
        "title": en("Cooperative basics"),
        "questions": [
            {
                "id": "definition",
                "type": "single",
                "text": en("What is a cooperative?"),
                "choices": [
                    {
                        "id": "c1",
                        "text": en(
                            "An autonomous association of persons, jointly owned and "
                            "democratically controlled"
                        ),
                        "correct": True,
                        "feedback": en("Yes: this is the ICA definition."),
                    },
                    {
                        "id": "c2",
                        "text": en("A company owned by its largest investor"),
                        "feedback": en("No: the members own a cooperative together."),
                    },
                    {
                        "id": "c3",
                        "text": en("A government agency"),
                        "feedback": en("No: cooperatives are autonomous and independent."),
                    },
                ],
                "feedback": en(
                    "The definition comes from the ICA Statement on the Cooperative Identity."
                ),
            },
            {
                "id": "voting",
                "type": "single",
                "text": en("In a primary cooperative, how are votes shared?"),
                "choices": [
                    {"id": "c1", "text": en("One vote per share held")},
                    {
                        "id": "c2",
                        "text": en("One member, one vote"),
                        "correct": True,
                        "feedback": en("Right: democratic member control is the second principle."),
                    },
                    {"id": "c3", "text": en("One vote per euro of turnover")},
                ],
            },
        ],
    }


def test_percentage_weights_make_multiple_choice_with_credits():
    found = questions_of("02-weights.gift")
    principles, worker = found["principles"], found["worker-cooperative"]
    assert principles["type"] == worker["type"] == "multiple"
    assert [c["credit"] for c in principles["choices"]] == [33.33333, 33.33333, 33.33334, -100]
    assert principles["choices"][3]["feedback"] == en(
        "No: surpluses serve the members and the community."
    )
    # = is the full mark, an unweighted ~ is worth nothing.
    assert [c["credit"] for c in worker["choices"]] == [100, 50, 0]
    assert all("correct" not in choice for choice in worker["choices"])


def test_true_false_feedback_the_first_is_for_a_wrong_answer():
    found = questions_of("03-true-false.gift")
    assert found["rochdale"] == {
        "id": "rochdale",
        "type": "true_false",
        "text": en("The Rochdale Pioneers opened their store in 1844."),
        "answer": True,
    }
    # {FALSE#wrong#right}: answering true is the wrong answer.
    assert found["profit"]["answer"] is False
    assert found["profit"]["feedback_true"] == en("No: it exists for its members.")
    assert found["profit"]["feedback_false"] == en("Right: it serves its members' needs.")
    assert found["autonomy"]["feedback_true"] == en("Yes: that is the fourth principle.")
    assert found["autonomy"]["feedback_false"] == en("Look again at the fourth principle.")
    assert found["eight-principles"]["answer"] is False
    assert found["eight-principles"]["feedback"] == en("There are seven.")


def test_numeric_answers_tolerances_ranges_and_credits():
    found = questions_of("04-numeric.gift")
    assert found["statement"]["answer"] == 1995
    assert "tolerance" not in found["statement"]
    assert found["principle-count"]["answer"] == 7
    assert "tolerance" not in found["principle-count"]
    # A range min..max is its middle with half its width as tolerance.
    assert (found["founders"]["answer"], found["founders"]["tolerance"]) == (28, 1)
    assert (found["refund"]["answer"], found["refund"]["tolerance"]) == (2.5, 0.5)
    assert found["years"]["answers"] == [{"value": 2012}, {"value": 2025}]
    assert found["french-law"]["answers"] == [
        {"value": 2014},
        {"value": 2014, "tolerance": 1, "credit": 50},
    ]
    assert found["french-law"]["feedback"] == en("The law of 31 July 2014.")


def test_matching_pairs_and_a_match_without_prompt():
    found = questions_of("05-matching.gift")
    principles = found["principles-by-number"]
    assert principles["type"] == "matching"
    assert principles["pairs"][0] == {
        "id": "p1",
        "prompt": en("Voluntary and open membership"),
        "match": en("1st"),
    }
    assert [pair["id"] for pair in principles["pairs"]] == ["p1", "p2", "p3", "p4"]
    assert principles["distractors"] == [{"id": "d1", "text": en("9th")}]
    assert principles["feedback"] == en("The seven principles are listed in the ICA Statement.")
    assert "distractors" not in found["families"]


def test_short_answers_with_partial_credit():
    found = questions_of("06-short.gift")
    assert found["one-member"]["type"] == "short"
    assert found["one-member"]["answers"] == {"en": ["vote", {"text": "voice", "credit": 50}]}
    assert found["rochdale-town"]["answers"] == {"en": ["Rochdale"]}
    assert found["abbreviation"]["answers"] == {
        "en": ["SSE", "S.S.E.", {"text": "social economy", "credit": 50}]
    }


def test_missing_word_questions_get_a_blank():
    first, seventh, year = parse_sample("07-missing-word.gift")["questions"]
    assert first["id"] == "q1"
    assert first["type"] == "single"
    assert first["text"] == en("The Rochdale Pioneers founded a consumer _____ in 1844.")
    assert first["choices"][0] == {"id": "c1", "text": en("cooperative"), "correct": True}
    assert seventh["type"] == "short"
    assert seventh["text"] == en("The seventh principle is concern for _____ in the ICA Statement.")
    assert year["type"] == "numeric"
    assert year["text"] == en(
        "The ICA adopted its Statement on the Cooperative Identity in _____ in Manchester."
    )


def test_escapes_newlines_and_double_slashes_in_text():
    quiz = parse_sample("08-escapes.gift")
    assert quiz["title"] == en("Escapes : special characters")
    found = {question["id"]: question for question in quiz["questions"]}
    assert found["equals"]["text"] == en(
        "In a cooperative, 1 member = 1 vote. Which sign is escaped here: = or ~?"
    )
    assert found["equals"]["choices"][0]["text"] == en("The equals sign =")
    assert found["equals"]["choices"][0]["feedback"] == en("Yes: = is written with a backslash.")
    assert found["braces"]["text"] == en(
        "Which characters, { and }, open and close a GIFT answer block?"
    )
    assert found["braces"]["choices"][1]["text"] == en("Hashes ##")
    assert found["lines"]["text"] == en(
        "First line\nsecond line: see https://ica.coop/en // not a comment"
    )
    # \\ is a backslash; \* is no GIFT escape, so Markdown gets it (and shows a star).
    assert found["backslash"]["text"] == en("A backslash \\ and a star \\*")
    # In a short answer, \* is Moodle's literal star.
    assert found["backslash"]["answers"] == {"en": ["*"]}


def test_text_formats_become_markdown_and_html_is_sanitised():
    found = questions_of("09-formats.gift")
    assert found["markdown"]["text"] == en(
        "Which principle is *education, training and information*?"
    )
    assert found["markdown"]["choices"][0]["text"] == en("The **fifth**")
    assert found["plain"]["text"] == en(
        "In plain text, \\*stars\\* and \\_underscores\\_ are just characters."
    )
    assert found["moodle"]["text"] == en("The Moodle format keeps\\\nline breaks.")
    html = found["html"]
    assert html["text"] == en(
        "Which **social** enterprise is owned by its *members*?\\\n"
        "See [the ICA](https://ica.coop/en) and this."
    )
    assert html["choices"][0]["text"] == en("A *cooperative*")
    assert html["choices"][0]["feedback"] == en("**Yes**")
    assert html["choices"][1]["text"] == en("A listed company")
    dumped = yaml.safe_dump(html)
    for unsafe in ("script", "alert", "javascript", "onclick", "onerror", "<"):
        assert unsafe not in dumped


def test_multi_line_questions_run_until_a_blank_line():
    finance, mondragon = parse_sample("10-multiline.gift")["questions"]
    assert finance["text"] == en("Which of these is an example\nof solidarity finance?")
    assert finance["choices"][1] == {
        "id": "c2",
        "text": en("A community development\ncredit union"),
        "correct": True,
    }
    assert len(finance["choices"]) == 3
    assert finance["feedback"] == en(
        "Solidarity finance directs savings\ntowards social and environmental projects."
    )
    assert mondragon["answers"] == {
        "en": ["the Basque Country", "Basque Country", {"text": "Spain", "credit": 50}]
    }


def test_byte_order_mark_and_windows_line_ends():
    text = sample("11-windows-bom.gift")
    assert text.startswith("\ufeff")
    assert "\r\n" in text
    quiz = parse_gift(text, "fr", "11-windows-bom.gift")
    assert quiz["title"] == {"fr": "Économie sociale et solidaire"}
    law, mutual = quiz["questions"]
    assert law["id"] == "loi-de-2014"
    assert law["text"] == {
        "fr": "En quelle année la France a-t-elle adopté sa loi sur l'économie sociale "
        "et solidaire ?"
    }
    assert law["answer"] == 2014
    assert mutual["text"] == {"fr": "Une mutuelle appartient à ses\u00a0..."}
    assert mutual["answers"] == {"fr": ["membres", "adhérents"]}
    assert "\r" not in yaml.safe_dump(quiz)


def test_ids_come_from_titles_and_are_unique_and_the_file_names_the_quiz():
    quiz = parse_sample("12-untitled.gift")
    assert quiz["title"] == en("12-untitled")
    assert [q["id"] for q in quiz["questions"]] == [
        "q1",
        "principle",
        "principle-2",
        "economie-sociale",
        "q-7-principles",
        "q1-2",
    ]


# -- The layout of a file ----------------------------------------------------------------


def test_a_category_line_may_head_a_question():
    quiz = parse_gift("$CATEGORY: $system$/top/Co-ops//Mutuals\nQ {T}\n", "en")
    assert quiz["title"] == en("Co-ops/Mutuals")
    assert quiz["questions"][0]["text"] == en("Q")


def test_lone_surrogates_are_replaced_not_crashed_on():
    quiz = parse_gift("Coop\ud800? {T}", "en")
    assert quiz["questions"][0]["text"] == en("Coop\ufffd?")


def test_only_the_first_category_names_the_quiz():
    quiz = parse_gift("$CATEGORY: First\n\nQ {T}\n\n$CATEGORY: Second\n\nR {F}\n", "en")
    assert quiz["title"] == en("First")
    assert len(quiz["questions"]) == 2

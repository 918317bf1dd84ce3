"""The cases of Moodle's own GIFT import tests come across, each with its feedback.

gift_samples/14-moodle-cases.gift writes every case anew (never Moodle's text);
each test checks the quiz question it must give.
"""

from __future__ import annotations

import pytest

from academy.quizzes.gift_parser import ESSAY
from tests.quizzes.moodle_files import by_id, convert, problems_of_quiz

NAME = "14-moodle-cases.gift"


@pytest.fixture(scope="module")
def questions():
    return by_id(convert(NAME).quiz)


def feedback(question: dict) -> list:
    return [c.get("feedback", {}).get("en") for c in question["choices"]]


def test_choice_feedback_comes_across_in_its_own_format(questions):
    flag = questions["colour-of-the-flag"]
    assert flag["type"] == "single"
    assert [c.get("correct", False) for c in flag["choices"]] == [True, False, False]
    assert feedback(flag) == ["right; good!", "wrong, *every* colour", "wrong, every_colour"]


def test_weights_some_negative_make_a_multiple_question_with_credits(questions):
    assert [c["credit"] for c in questions["values"]["choices"]] == [50, -100, 50, -100]
    assert feedback(questions["values"]) == ["right", "wrong", "right", "wrong"]
    assert [c["credit"] for c in questions["principle"]["choices"]] == [100, -50, -50]


def test_several_fully_correct_answers_stay_one_answer_questions(questions):
    owned = questions["owned-by-members"]
    assert owned["type"] == "single"
    assert [c.get("correct", False) for c in owned["choices"]] == [True, True, False]
    assert feedback(owned) == ["yes", "yes, too", "no: its shareholders own it"]


def test_numeric_feedback_on_right_partly_right_and_wrong_answers(questions):
    assert questions["members"] == {
        "id": "members",
        "type": "numeric",
        "text": {"en": "Give a number of founders from 1 to 5."},
        "answer": 3,
        "tolerance": 2,
        "feedback_other": {"en": "Completely wrong"},
    }
    statement = questions["statement"]
    assert statement["answers"] == [
        {"value": 1995, "feedback": {"en": "Yes, in Manchester."}},
        {"value": 1995, "tolerance": 2, "credit": 50, "feedback": {"en": "Close."}},
        {"value": 1844, "credit": 0, "feedback": {"en": "That is Rochdale."}},
    ]
    assert statement["feedback_other"] == {"en": "No: it was the ICA's centenary."}
    assert statement["feedback"] == {"en": "The Statement dates from 1995."}


def test_short_answers_keep_each_feedback_and_the_general_feedback(questions):
    town = questions["town"]
    assert town["answers"] == {
        "en": [
            {"text": "Rochdale", "feedback": "Good!"},
            {
                "text": "Manchester",
                "credit": 50,
                "feedback": "Near: Rochdale is close to Manchester.",
            },
        ]
    }
    assert town["feedback_other"] == {"en": "Completely wrong"}
    assert town["feedback"] == {"en": "It was **Rochdale**, in 1844."}


def test_true_false_feedback_goes_to_the_answer_it_is_shown_for(questions):
    absolute = questions["absolute"]
    assert (absolute["answer"], absolute["feedback_true"], absolute["feedback_false"]) == (
        False,
        {"en": "Some are owned by workers or producers."},
        {"en": "You gave the right answer."},
    )
    assert questions["open"]["answer"] is questions["voluntary"]["answer"] is True


def test_matching_prompts_in_four_formats_and_a_distractor(questions):
    kinds = questions["kinds"]
    assert kinds["text"] == {"en": "Match the **kind** of cooperative to its owners."}
    assert [p["prompt"]["en"] for p in kinds["pairs"]] == [
        "A *consumer* cooperative",
        "A worker cooperative",
        "A producer cooperative",
        "A *credit* union",
    ]
    assert kinds["distractors"] == [{"id": "d1", "text": {"en": "outside shareholders"}}]


def test_essays_are_left_out_by_line_and_the_rest_is_a_valid_quiz():
    conversion = convert(NAME)
    assert (conversion.converted, conversion.total) == (11, 13)
    assert conversion.warnings == [(NAME, 72, ESSAY), (NAME, 74, ESSAY)]
    assert problems_of_quiz(conversion.quiz) == []

"""The keys every question has, whatever its type: id, type, text, points, feedback.

The checks of each type's own keys are in the modules for choice, answer, and matching
and ordering questions; here is what they all share, and a file with several problems.
"""

from __future__ import annotations

import pytest

from tests.quizzes.quiz_files import (
    REASON,
    SINGLE,
    TRUE_FALSE,
    error,
    parse,
    problems_of,
    question,
)


def test_question_ids_are_checked_and_unique():
    text = question(TRUE_FALSE + TRUE_FALSE + TRUE_FALSE.replace("id: open", "id: Open_1"))
    assert problems_of(text) == [
        error(7, "the question id 'open' is used twice (first at line 3)"),
        error(
            11,
            "'id' must be lowercase letters, digits and single hyphens, starting with a letter, "
            "at most 60 characters",
        ),
    ]


def test_missing_id_type_and_text():
    assert problems_of(question("  - points: 2\n")) == [
        error(3, "the required key 'id' is missing"),
        error(3, "the required key 'text' is missing"),
        error(3, "the required key 'type' is missing"),
    ]


def test_unknown_type_still_checks_the_common_keys():
    text = question(
        TRUE_FALSE.replace("true_false", "essay").replace(
            '{en: "Open?", fr: "Ouverte ?"}', '{en: "Open?"}'
        )
    )
    assert problems_of(text) == [
        error(
            4,
            "'type' must be one of single, multiple, true_false, short, numeric, matching, "
            "ordering",
        ),
        error(5, f"'text' has no fr version: {REASON}"),
    ]


def test_a_key_of_another_type_is_unknown():
    text = question(TRUE_FALSE + "    choices: []\n")
    assert problems_of(text) == [
        error(
            7,
            "unknown key 'choices' (allowed: answer, feedback, feedback_false, feedback_true, "
            "id, points, text, type)",
        )
    ]


@pytest.mark.parametrize("points", ["0", "-1", "true", "'2'", ".inf", "''"])
def test_points_must_be_a_positive_number(points):
    text = question(TRUE_FALSE + f"    points: {points}\n")
    assert problems_of(text) == [error(7, "'points' must be a number above 0")]


def test_points_may_be_a_fraction():
    quiz, problems = parse(question(TRUE_FALSE + "    points: 0.5\n"))
    assert problems == []
    assert quiz.questions[0].points == 0.5


def test_general_feedback_needs_every_language():
    text = question(TRUE_FALSE + "    feedback: {fr: Voir la leçon.}\n")
    assert problems_of(text) == [error(7, f"'feedback' has no en version: {REASON}")]


def test_every_problem_of_a_file_is_reported_in_one_run():
    text = (
        "title: {en: Check}\npass_mark: 200\nquestions:\n"
        + TRUE_FALSE.replace("answer: true", "answer: maybe")
        + SINGLE.replace("correct: true, ", "")
    )
    assert problems_of(text) == [
        error(1, f"'title' has no fr version: {REASON}"),
        error(2, "'pass_mark' must be a number from 0 to 100"),
        error(7, "'answer' must be true or false"),
        error(11, "at least one choice must have correct: true"),
    ]

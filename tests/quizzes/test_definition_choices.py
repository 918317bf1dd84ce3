"""Choice questions in a quiz file: single, multiple (with or without credits), true_false.

These are the types whose answer key is which choice is right, so their problems are
about marking choices correct and weighing them.
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
    warning,
)

# -- single and multiple ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("      - {id: wrong, text: {en: Wrong, fr: Faux}}\n", ""),
            [error(6, "'choices' must be a list of at least 2 choices")],
        ),
        (
            ("correct: true, ", ""),
            [error(6, "at least one choice must have correct: true")],
        ),
        (("correct: true", "correct: 'yes'"), [error(7, "'correct' must be true or false")]),
        (
            ("{id: wrong, ", "{id: right, "),
            [error(8, "the choice id 'right' is used twice (first at line 7)")],
        ),
        (
            ("{id: wrong, ", "{credit: 50, id: wrong, "),
            [error(8, "unknown key 'credit' (allowed: correct, feedback, id, text)")],
        ),
        (
            ("{id: wrong, text: {en: Wrong, fr: Faux}}", "{id: wrong}"),
            [error(8, "the required key 'text' is missing")],
        ),
        (
            ("{en: Wrong, fr: Faux}", "{en: Wrong}"),
            [error(8, f"'text' has no fr version: {REASON}")],
        ),
        (
            ("      - {id: wrong", "      - wrong\n      - {id: wrong"),
            [error(6, "each item of 'choices' must be a map of keys and values")],
        ),
    ],
)
def test_single_choice_problems(change, expected):
    assert problems_of(question(SINGLE.replace(*change))) == expected


def test_choices_with_the_same_text_are_a_warning():
    quiz, problems = parse(
        question(SINGLE.replace("{en: Wrong, fr: Faux}", "{en: right, fr: Faux}"))
    )
    assert quiz is not None
    assert problems == [
        warning(
            8,
            "two choices have the same text in en (lines 7 and 8); learners cannot tell them apart",
        )
    ]


MULTIPLE = """\
  - id: values
    type: multiple
    text: {en: "Which?", fr: "Lesquelles ?"}
    choices:
      - {id: a, correct: true, text: {en: A, fr: A}}
      - {id: b, text: {en: B, fr: B}}
"""

CREDITS = """\
  - id: values
    type: multiple
    text: {en: "Which?", fr: "Lesquelles ?"}
    choices:
      - {id: a, credit: 50, text: {en: A, fr: A}}
      - {id: b, credit: 50, text: {en: B, fr: B}}
      - {id: c, credit: -50, text: {en: C, fr: C}}
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            MULTIPLE.replace("correct: true, ", ""),
            [error(6, "at least one choice must have correct: true")],
        ),
        (
            MULTIPLE + "    scoring: some\n",
            [error(9, "'scoring' must be all_or_nothing or partial")],
        ),
        (
            CREDITS.replace("credit: -50", "credit: -150"),
            [error(9, "'credit' must be a percentage from -100 to 100")],
        ),
        (
            CREDITS.replace("credit: 50, id: b", "id: b").replace("{id: b, credit: 50", "{id: b"),
            [
                error(
                    6,
                    "the credits above 0 add up to 50%, so no learner can get full marks; "
                    "they must add up to at least 100",
                )
            ],
        ),
        (
            CREDITS.replace("{id: c, credit: -50", "{id: c, correct: false, credit: -50"),
            [
                error(
                    9,
                    "'correct' cannot be used with 'credit': when choices have credits, "
                    "a choice with a credit above 0 is correct",
                )
            ],
        ),
        (
            CREDITS + "    scoring: partial\n",
            [
                error(
                    10,
                    "'scoring' cannot be used with 'credit': "
                    "the credits of the chosen choices are added up",
                )
            ],
        ),
    ],
)
def test_multiple_choice_problems(text, expected):
    assert problems_of(question(text)) == expected


def test_gift_thirds_add_up_to_full_marks():
    text = CREDITS.replace("credit: 50", "credit: 33.33333") + (
        "      - {id: d, credit: 33.33333, text: {en: D, fr: D}}\n"
    )
    assert problems_of(question(text)) == []


# -- true_false ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("    answer: true\n", ""), [error(3, "the required key 'answer' is missing")]),
        (("answer: true", "answer: 'true'"), [error(6, "'answer' must be true or false")]),
        (("answer: true", "answer: 1"), [error(6, "'answer' must be true or false")]),
        (
            ("answer: true", "answer: true\n    feedback_true: {en: Yes.}"),
            [error(7, f"'feedback_true' has no fr version: {REASON}")],
        ),
    ],
)
def test_true_false_problems(change, expected):
    assert problems_of(question(TRUE_FALSE.replace(*change))) == expected

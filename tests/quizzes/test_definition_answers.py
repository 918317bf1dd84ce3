"""Typed answers in a quiz file: short (accepted texts per language) and numeric questions.

They mirror academy/packagefiles/quiz_answers.py, whose answer keys need more checks
than a list of choices: credits, languages, tolerances and their warnings.
"""

from __future__ import annotations

import pytest

from academy.packagefiles.quiz import ShortAnswer
from tests.quizzes.quiz_files import REASON, error, parse, problems_of, question, warning

# -- short --------------------------------------------------------------------------------

SHORT = """\
  - id: principle
    type: short
    text: {en: "One member, one ...", fr: "Un membre, une ..."}
    answers:
      en: [vote]
      fr: [voix]
"""


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("    answers:\n      en: [vote]\n      fr: [voix]\n", ""),
            [error(3, "the required key 'answers' is missing")],
        ),
        (
            ("      fr: [voix]\n", ""),
            [error(6, f"'answers' has no fr answers: {REASON}")],
        ),
        (
            ("    answers:\n      en: [vote]\n      fr: [voix]\n", "    answers: [vote]\n"),
            [
                error(
                    6,
                    "'answers' must map each language to a list of accepted answers, "
                    "like answers: {en: [vote]}",
                )
            ],
        ),
        (
            ("fr: [voix]", "fr: []"),
            [error(8, "'answers' in fr must be a list of accepted answers")],
        ),
        (("fr: [voix]", "fr: ['  ']"), [error(8, "an accepted answer in fr is empty")]),
        (
            ("fr: [voix]", "fr: [1995]"),
            [
                error(
                    8,
                    "each accepted answer in fr must be text (put numbers and yes/no in quotes), "
                    "or a map like {text: vote, credit: 50}",
                )
            ],
        ),
        (
            ("fr: [voix]", "fr: [{text: voix, credit: 50}]"),
            [
                error(
                    8,
                    "'answers' in fr has no answer with credit 100, "
                    "so no learner answering in fr can get full marks",
                )
            ],
        ),
        (
            ("fr: [voix]", "fr: [voix, {text: vox, credit: -1}]"),
            [error(8, "'credit' must be a percentage from 0 to 100")],
        ),
        (
            ("fr: [voix]", "fr: [voix, {text: vox, feedback: {fr: Non}}]"),
            [error(8, "'feedback' of an accepted answer in fr must be text")],
        ),
        (
            ("fr: [voix]", "fr: [voix, {text: vox, weight: 50}]"),
            [error(8, "unknown key 'weight' (allowed: credit, feedback, text)")],
        ),
        (
            ("fr: [voix]", "fr: [voix, {credit: 50}]"),
            [error(8, "the required key 'text' is missing")],
        ),
        (
            ("      fr: [voix]\n", "      fr: [voix]\n      es: [voto]\n"),
            [error(9, "'es' in 'answers' is not a course language")],
        ),
        (
            ("    answers:", "    ignore_case: 'no'\n    answers:"),
            [error(6, "'ignore_case' must be true or false")],
        ),
    ],
)
def test_short_answer_problems(change, expected):
    assert problems_of(question(SHORT.replace(*change))) == expected


def test_a_single_answer_may_be_written_without_brackets():
    quiz, problems = parse(question(SHORT.replace("[voix]", "voix")))
    assert problems == []
    assert quiz.questions[0].answers["fr"] == (ShortAnswer(text="voix"),)


def test_an_unquoted_comma_in_a_question_text_is_explained():
    text = question(SHORT.replace('"One member, one ..."', "One member, one ..."))
    assert problems_of(text) == [
        error(
            5,
            "'text' has text with a comma that is not in quotes: "
            'put each text in quotes, like text: {en: "Yes, it is."}',
        )
    ]


# -- numeric ------------------------------------------------------------------------------

NUMERIC = """\
  - id: founded
    type: numeric
    text: {en: "Year?", fr: "Année ?"}
    answer: 1995
"""

NUMERIC_LIST = """\
  - id: share
    type: numeric
    text: {en: "Share?", fr: "Part ?"}
    answers:
      - {value: 12.5, tolerance: 0.5}
      - {value: 12.5, tolerance: 2.5, credit: 50}
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            NUMERIC.replace("    answer: 1995\n", ""),
            [error(3, "a numeric question needs 'answer' (one value) or 'answers'")],
        ),
        (
            NUMERIC_LIST + "    answer: 12\n",
            [error(9, "write either 'answer' (one value) or 'answers' (a list)")],
        ),
        (
            NUMERIC_LIST + "    tolerance: 1\n",
            [
                error(
                    9,
                    "'tolerance' goes with 'answer'; in 'answers', give each answer its own "
                    "tolerance",
                )
            ],
        ),
        (NUMERIC.replace("1995", "'1995'"), [error(6, "'answer' must be a number")]),
        (NUMERIC.replace("1995", ".nan"), [error(6, "'answer' must be a number")]),
        (NUMERIC.replace("1995", "true"), [error(6, "'answer' must be a number")]),
        (NUMERIC.replace("1995", "2e3"), [error(6, "'answer' must be a number")]),
        (
            NUMERIC + "    tolerance: -1\n",
            [error(7, "'tolerance' must be a number of 0 or more")],
        ),
        (
            NUMERIC + "    tolerance: .inf\n",
            [error(7, "'tolerance' must be a number of 0 or more")],
        ),
        (
            NUMERIC + "    credit: 50\n",
            [
                error(
                    7,
                    "unknown key 'credit' (allowed: answer, answers, feedback, feedback_other, id, "
                    "points, text, tolerance, type)",
                )
            ],
        ),
        (
            NUMERIC_LIST.replace("0.5}", "0.5, credit: 90}"),
            [error(6, "at least one answer must have credit 100")],
        ),
        (
            NUMERIC_LIST.replace("credit: 50", "credit: 101"),
            [error(8, "'credit' must be a percentage from 0 to 100")],
        ),
        (
            NUMERIC_LIST.replace("{value: 12.5, tolerance: 0.5}", "{tolerance: 0.5}"),
            [error(7, "the required key 'value' is missing")],
        ),
        (
            NUMERIC_LIST.replace("tolerance: 0.5}", "tolerance: 0.5, feedback: {en: Right}}"),
            [error(7, f"'feedback' has no fr version: {REASON}")],
        ),
        (
            NUMERIC_LIST.replace("tolerance: 0.5}", "tolerance: 0.5, note: {en: Right}}"),
            [error(7, "unknown key 'note' (allowed: credit, feedback, tolerance, value)")],
        ),
        (
            NUMERIC_LIST.replace("    answers:\n", "    answers: []\n").split("      -")[0],
            [error(6, "'answers' must be a list of answers, like - {value: 3.5, tolerance: 0.1}")],
        ),
    ],
)
def test_numeric_problems(text, expected):
    assert problems_of(question(text)) == expected


@pytest.mark.parametrize(
    ("answer", "between"),
    [
        ("answer: 3\n    tolerance: 5", "-2 and 8"),
        ("answer: 3\n    tolerance: 3", "0 and 6"),
        ("answer: -0.5\n    tolerance: 0.5", "-1 and 0"),
        ("answer: 1000\n    tolerance: 1500", "-500 and 2500"),
    ],
)
def test_a_tolerance_as_large_as_the_value_is_a_warning(answer, between):
    quiz, problems = parse(question(NUMERIC.replace("answer: 1995", answer)))
    assert quiz is not None
    assert problems == [
        warning(7, f"the tolerance accepts every answer between {between}; is that intended?")
    ]


@pytest.mark.parametrize(
    "answer", ["answer: 0\n    tolerance: 5", "answer: 3\n    tolerance: 2.999", "answer: 3.5"]
)
def test_a_reasonable_tolerance_is_fine(answer):
    assert problems_of(question(NUMERIC.replace("answer: 1995", answer))) == []


def test_the_warning_in_a_list_points_at_the_answer():
    text = NUMERIC_LIST.replace("tolerance: 2.5", "tolerance: 20")
    assert problems_of(question(text)) == [
        warning(8, "the tolerance accepts every answer between -7.5 and 32.5; is that intended?")
    ]


# -- feedback on each answer, and for any other answer (as Moodle has) ---------------------


def test_short_answers_carry_their_feedback_and_may_earn_nothing():
    text = (
        SHORT.replace(
            "fr: [voix]",
            'fr: [{text: voix, feedback: "Oui"}, {text: vox, credit: 0, feedback: Non}]',
        )
        + "    feedback_other: {en: Think again, fr: Réfléchissez}\n"
    )
    quiz, problems = parse(question(text))
    assert problems == []
    short = quiz.questions[0]
    assert short.answers["fr"] == (
        ShortAnswer(text="voix", feedback={"fr": "Oui"}),
        ShortAnswer(text="vox", credit=0, feedback={"fr": "Non"}),
    )
    assert short.feedback_other == {"en": "Think again", "fr": "Réfléchissez"}


def test_numeric_answers_carry_their_feedback_and_may_earn_nothing():
    text = (
        NUMERIC_LIST.replace(
            "tolerance: 0.5}", "tolerance: 0.5, feedback: {en: Right, fr: Juste}}"
        ).replace("credit: 50", "credit: 0")
        + "    feedback_other: {en: Wrong, fr: Faux}\n"
    )
    quiz, problems = parse(question(text))
    assert problems == []
    numeric = quiz.questions[0]
    assert [(a.credit, a.feedback) for a in numeric.answers] == [
        (100, {"en": "Right", "fr": "Juste"}),
        (0, {}),
    ]
    assert numeric.feedback_other == {"en": "Wrong", "fr": "Faux"}


def test_a_single_question_may_have_several_correct_choices():
    from tests.quizzes.quiz_files import SINGLE

    quiz, problems = parse(question(SINGLE.replace("{id: wrong, ", "{id: wrong, correct: true, ")))
    assert problems == []
    assert [choice.correct for choice in quiz.questions[0].choices] == [True, True]

"""Moodle XML question exports become quiz files: every graded type with its feedback.

Each test reads one of our own samples (moodle_samples/) and checks the one quiz it
must give, the warnings with their lines, and that `academy courses check` accepts it.
"""

from __future__ import annotations

import pytest
import yaml

from academy.quizzes.gift_parser import DESCRIPTION, ESSAY, GiftError
from academy.quizzes.question_bank import convert_question_bank
from tests.quizzes.moodle_files import (
    FILES,
    GIFT_SAMPLES,
    LEFT_OUT,
    XML_SAMPLES,
    by_id,
    convert,
    problems_of_quiz,
)

EXPORT = """
title: {en: Cooperative basics}
shuffle_choices: true
questions:
- id: what-is-a-cooperative
  type: single
  text: {en: 'What is a **cooperative**?'}
  choices:
  - id: c1
    text: {en: An enterprise its members own and control}
    correct: true
    feedback: {en: 'Yes: the members own it *together*.'}
  - id: c2
    text: {en: A state agency}
    feedback: {en: 'No: cooperatives are autonomous.'}
  - id: c3
    text: {en: A charity}
  feedback: {en: See the ICA definition of 1995.}
- id: open-membership
  type: true_false
  text: {en: "Membership of a cooperative is open to everyone\\\\\\nwho can use its services."}
  answer: true
  feedback_true: {en: 'Right: it is the first principle.'}
  feedback_false: {en: 'It is the first principle: voluntary and open membership.'}
- id: one-member-one-vote
  type: short
  text: {en: 'Complete the rule: one member, one \\_\\_\\_\\_\\_\\_.'}
  answers:
    en:
    - {text: vote, feedback: 'Yes: democratic member control.'}
    - {text: voice, credit: 50, feedback: 'Nearly: the word is vote.'}
    - {text: share, credit: 0, feedback: 'No: votes do not follow shares in a cooperative.'}
  feedback_other: {en: Think of the second principle.}
- id: statement-adopted
  type: numeric
  text: {en: 'In which year did the ICA adopt the Statement on the Cooperative Identity?'}
  answers:
  - {value: 1995, feedback: {en: Exactly.}}
  - {value: 1995, tolerance: 2, credit: 50, feedback: {en: 'Close: within two years.'}}
  - {value: 1844, credit: 0, feedback: {en: That is when the Rochdale Pioneers opened their store.}}
  feedback_other: {en: "No: it was at the ICA's centenary."}
  feedback: {en: 'In Manchester, in 1995.'}
  points: 2
- id: who-owns-it
  type: matching
  text: {en: 'Who owns each kind of organisation?'}
  pairs:
  - id: p1
    prompt: {en: A cooperative}
    match: {en: Its members}
  - id: p2
    prompt: {en: A mutual insurer}
    match: {en: Its policyholders}
  distractors:
  - id: d1
    text: {en: Outside shareholders}
"""


def test_a_moodle_export_comes_across_with_every_feedback():
    conversion = convert("01-export.xml")
    assert conversion.quiz == yaml.safe_load(EXPORT)
    assert (conversion.converted, conversion.total) == (5, 7)
    assert conversion.summary == "5 of 7 questions converted"
    assert problems_of_quiz(conversion.quiz) == []


def test_what_a_moodle_export_loses_is_a_warning_with_its_line():
    assert convert("01-export.xml").warnings == [
        (
            "01-export.xml",
            33,
            "the feedback for correct, partly correct and incorrect answers is not carried "
            "over: the quiz format shows each answer's feedback and the general feedback",
        ),
        ("01-export.xml", 61, "hints are not carried over: the quiz format has no hints"),
        ("01-export.xml", 196, FILES),
        ("01-export.xml", 238, DESCRIPTION),
        ("01-export.xml", 255, ESSAY),
    ]


def choices(question: dict) -> list[tuple]:
    return [
        (c["text"]["en"], c.get("correct", c.get("credit")), c.get("feedback", {}).get("en"))
        for c in question["choices"]
    ]


def test_multiple_choice_cases_keep_their_weights_and_feedback():
    conversion = convert("02-multichoice.xml")
    questions = by_id(conversion.quiz)
    assert "shuffle_choices" not in conversion.quiz  # shuffleanswers false everywhere
    values = questions["values"]
    assert values["type"] == "multiple"
    assert choices(values) == [
        ("Solidarity", 50, "Yes."),
        ("Equity", 50, "Yes, equity too."),
        ("Profit first", -100, "No: surpluses serve the members."),
        ("Secrecy", 0, None),
    ]
    assert values["feedback"] == {"en": "Self-help, democracy, equality, equity and solidarity."}
    # Moodle adds the grades of the answers ticked: ticking 6 alone earns full marks.
    assert choices(questions["even-numbers"]) == [
        ("5", 0, None),
        ("6", 100, None),
        ("7", 0, None),
        ("8", 100, None),
    ]
    assert [c["credit"] for c in questions["thirds"]["choices"]] == [
        33.33333,
        33.33333,
        33.33333,
        -50,
        -50,
    ]
    two = questions["two-right-answers"]
    assert two["type"] == "single"
    assert choices(two) == [
        ("Cooperative", True, "Yes."),
        ("Mutual", True, "Yes, a mutual too."),
        ("Corporation", None, "No: shareholders own it."),
    ]
    partly = questions["partly-right"]
    assert partly["type"] == "multiple"
    assert choices(partly) == [
        ("Its workers own and govern it", 100, None),
        ("Its workers share its profits", 50, "Partly: they also own it."),
        ("Its customers own it", -25, None),
    ]
    assert choices(questions["answer-formats"]) == [
        ("**Bold** words", True, None),
        ("a\\_b \\* c", None, None),
        ("Two\\\nlines", None, None),
    ]
    assert conversion.warnings == [
        (
            "02-multichoice.xml",
            57,
            "this one-answer question gives part or negative marks, which a single question "
            "cannot; it becomes a multiple question scored by the same weights, where "
            "learners may tick several choices",
        )
    ]
    assert problems_of_quiz(conversion.quiz) == []


def test_questions_moodle_grades_otherwise_are_left_out_by_line_and_type():
    conversion = convert("03-left-out.xml")
    assert [q["id"] for q in conversion.quiz["questions"]] == ["the-one-that-stays"]
    assert (conversion.converted, conversion.total) == (1, 11)
    kinds = ["cloze", "calculated", "calculatedsimple", "calculatedmulti", "ddwtos"]
    kinds += ["gapselect", "random", "randomsamatch"]
    lines = [3, 10, 15, 20, 24, 29, 34, 38]
    expected = [
        ("03-left-out.xml", n, LEFT_OUT % kind) for n, kind in zip(lines, kinds, strict=True)
    ]
    expected += [("03-left-out.xml", 42, ESSAY), ("03-left-out.xml", 54, DESCRIPTION)]
    assert conversion.warnings == expected


def test_text_formats_are_sanitised_into_the_quiz_markdown():
    conversion = convert("04-formats.xml")
    questions = by_id(conversion.quiz)
    assert conversion.quiz["title"] == {"en": "Statutes"}  # the first category's last name
    law = questions["scripts-styles"]
    assert law["text"] == {
        "en": "A law on the [social and solidarity economy](https://www.ilo.org/sse) exists "
        "in *France*.\\\nSee the law."
    }
    assert law["feedback_true"] == {"en": "Yes, **since 2014**."}
    assert law["feedback_false"] == {"en": "It does."}
    assert law["feedback"] == {"en": "Since 2014 (law no. 2014-856); \\*not\\* Markdown."}
    short = questions["case-matters"]
    assert short["text"] == {
        "en": "What does SSE stand for? Write it with capitals, like the\\_ILO \\*does\\*."
    }
    assert short["ignore_case"] is False
    assert short["answers"] == {
        "en": [
            {"text": "Social and Solidarity Economy", "feedback": "Yes."},
            {"text": "Social * Solidarity Economy", "feedback": "With a star, but yes."},
        ]
    }
    assert questions["old-picture"] == {
        "id": "old-picture",
        "type": "numeric",
        "text": {"en": "How many members did the Rochdale society start with?"},
        "answer": 28,
        "tolerance": 1,
    }
    assert conversion.warnings == [
        ("04-formats.xml", 12, FILES),
        ("04-formats.xml", 30, FILES),
        ("04-formats.xml", 33, "units are not carried over: learners type the number only"),
    ]
    assert problems_of_quiz(conversion.quiz) == []


SAMPLES = sorted(p.name for p in XML_SAMPLES.glob("[0-9]*.xml"))
SAMPLES += sorted(p.name for p in GIFT_SAMPLES.glob("[0-9]*.gift"))


@pytest.mark.parametrize("name", SAMPLES)
def test_every_sample_converts_into_a_quiz_the_check_accepts(name):
    assert problems_of_quiz(convert(name).quiz) == []


def test_bad_grades_are_errors_every_one_with_its_line():
    with pytest.raises(GiftError) as raised:
        convert("error-grades.xml")
    assert raised.value.problems == [
        (
            "error-grades.xml",
            3,
            "the positive weights add up to 80%, so no learner can get full marks",
        ),
        ("error-grades.xml", 14, "a choice's weight must be from -100% to 100%"),
        ("error-grades.xml", 17, "no accepted answer is worth 100%"),
        (
            "error-grades.xml",
            25,
            "the * wildcard cannot be imported: SSE Academy compares short answers as written",
        ),
        ("error-grades.xml", 30, "'seven' is not a number (write 3.5, with a point)"),
        ("error-grades.xml", 35, "the answer's fraction 'all' is not a number"),
        ("error-grades.xml", 39, "the question has no text"),
        ("error-grades.xml", 43, "a matching question needs at least two pairs"),
    ]


@pytest.mark.parametrize(
    ("name", "line", "message"),
    [
        ("error-malformed.xml", 5, "the file is not well-formed XML: mismatched tag"),
        (
            "error-not-a-quiz.xml",
            2,
            "this is not a Moodle XML question export: it does not start with <quiz>",
        ),
    ],
)
def test_what_is_not_a_moodle_export_is_refused_with_its_line(name, line, message):
    with pytest.raises(GiftError) as raised:
        convert(name)
    assert raised.value.problems == [(name, line, message)]


def test_a_file_of_essays_only_is_refused():
    xml = b"<quiz><question type='essay'><questiontext><text>Why?</text></questiontext>"
    xml += b"</question></quiz>"
    with pytest.raises(GiftError) as raised:
        convert_question_bank(xml, "e.xml", "en")
    assert raised.value.problems == [
        ("e.xml", 1, "the file has no question that can be graded automatically")
    ]

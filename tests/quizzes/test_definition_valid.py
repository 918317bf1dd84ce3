"""Valid quiz files: every type read into its dataclass, defaults, and the guide's examples.

Kept apart from the problem tests so that what a correct file gives, field by field,
reads in one place; the trainers' guide is here because its examples must stay valid.
"""

from __future__ import annotations

import re
from pathlib import Path

from academy.packagefiles.quiz import (
    Choice,
    Item,
    MatchingQuestion,
    MultipleQuestion,
    NumericAnswer,
    NumericQuestion,
    OrderingQuestion,
    Pair,
    ShortAnswer,
    ShortQuestion,
    SingleQuestion,
    TrueFalseQuestion,
)
from tests.quizzes.quiz_files import EVERY_TYPE, parse, problems_of, question

# -- Valid files ---------------------------------------------------------------


def test_every_type_is_read_into_its_dataclass():
    quiz, problems = parse(EVERY_TYPE)
    assert problems == []
    assert quiz.title == {"en": "Check your *understanding*", "fr": "Vérifiez vos acquis"}
    assert quiz.introduction["fr"] == "Dix minutes."
    assert (quiz.pass_mark, quiz.max_attempts, quiz.time_limit_minutes) == (66.67, 3, 20)
    assert quiz.shuffle_questions
    assert quiz.shuffle_choices
    assert quiz.feedback == "once_passed"
    assert quiz.languages == ("en", "fr")
    assert quiz.default_language == "en"
    assert [type(q) for q in quiz.questions] == [
        SingleQuestion,
        MultipleQuestion,
        MultipleQuestion,
        TrueFalseQuestion,
        ShortQuestion,
        NumericQuestion,
        NumericQuestion,
        MatchingQuestion,
        OrderingQuestion,
    ]
    assert quiz.total_points == 10
    definition = quiz.question("definition")
    assert definition.points == 2
    assert definition.feedback["en"] == "See lesson 1."
    assert definition.choices[0] == Choice(
        id="owned",
        correct=True,
        text={
            "en": "An enterprise its members own",
            "fr": "Une entreprise que ses membres possèdent",
        },
        feedback={"en": "Yes, members own it.", "fr": "Oui, les membres la possèdent."},
    )
    assert quiz.question("values").scoring == "partial"
    assert not quiz.question("values").uses_credit
    principle = quiz.question("principle")
    assert principle.answers == {
        "en": (ShortAnswer(text="vote"), ShortAnswer(text="ballot", credit=50)),
        "fr": (ShortAnswer(text="voix"),),
    }
    assert (principle.ignore_case, principle.ignore_spaces, principle.ignore_accents) == (
        True,
        True,
        True,
    )
    assert quiz.question("founded").answers == (NumericAnswer(value=1995),)
    assert quiz.question("share").answers[1] == NumericAnswer(value=12.5, tolerance=2.5, credit=50)
    assert quiz.question("pairs").pairs[1] == Pair(
        id="mutual",
        prompt={"en": "Mutual", "fr": "Mutuelle"},
        match={"en": "Holders", "fr": "Sociétaires"},
    )
    assert quiz.question("pairs").distractors == (
        Item(id="state", text={"en": "The state", "fr": "L'État"}),
    )
    assert [item.id for item in quiz.question("steps").items] == ["meet", "draft", "register"]
    assert quiz.question("open").answer is True
    assert quiz.question("open").feedback_false == {"en": "It is open.", "fr": "Elle est ouverte."}


def test_with_credits_a_choice_without_one_is_worth_0_and_correct_means_above_0():
    quiz, _ = parse(EVERY_TYPE)
    weights = quiz.question("weights")
    assert weights.uses_credit
    assert [(c.id, c.credit, c.correct) for c in weights.choices] == [
        ("a", 50, True),
        ("b", 50, True),
        ("c", -100, False),
        ("d", 0, False),
    ]


def test_the_spec_example_with_quoted_feedback_is_valid():
    text = question(
        """\
  - id: definition
    type: single
    text: {en: "What is a cooperative?", fr: "Qu'est-ce qu'une coopérative ?"}
    choices:
      - id: owned
        correct: true
        text: {en: An enterprise its members own and control, fr: Une entreprise}
        feedback: {en: "Yes, members own it together.", fr: "Oui, ensemble."}
      - id: state
        text: {en: A state agency, fr: Un organisme public}
  - id: founded
    type: numeric
    text: {en: "In which year?", fr: "En quelle année ?"}
    answer: 1995
  - id: principle
    type: short
    text: {en: "One member, one ...", fr: "Un membre, une ..."}
    answers: {en: [vote], fr: [voix]}
"""
    )
    quiz, problems = parse(text)
    assert problems == []
    assert [q.id for q in quiz.questions] == ["definition", "founded", "principle"]


def test_defaults():
    quiz, problems = parse(
        question(
            """\
  - id: open
    type: true_false
    text: {en: "Open?", fr: "Ouverte ?"}
    answer: false
"""
        )
    )
    assert problems == []
    assert quiz.pass_mark == 70
    assert quiz.max_attempts is None
    assert quiz.time_limit_minutes is None
    assert quiz.feedback == "after_each_attempt"
    assert not quiz.shuffle_questions
    assert not quiz.shuffle_choices
    assert quiz.introduction == {}
    assert quiz.questions[0].points == 1
    assert quiz.questions[0].answer is False


def test_a_single_language_course_may_write_plain_text():
    quiz, problems = parse(
        """\
title: Check
questions:
  - id: principle
    type: short
    text: "One member, one ..."
    answers: [vote, ballot]
  - id: steps
    type: ordering
    text: Put in order
    items:
      - {id: meet, text: Meet}
      - {id: register, text: Register}
""",
        languages=("en",),
    )
    assert problems == []
    assert quiz.title == {"en": "Check"}
    assert quiz.questions[0].answers == {
        "en": (ShortAnswer(text="vote"), ShortAnswer(text="ballot"))
    }


# -- The trainers' guide ------------------------------------------------------------------------


def guide_examples() -> list[str]:
    guide = (Path(__file__).parents[2] / "docs" / "authoring.md").read_text(encoding="utf-8")
    section = guide[guide.index("## 9. Quizzes") : guide.index("## 10. ")]
    return re.findall(r"```yaml\n(.*?)```", section, flags=re.DOTALL)


def test_the_guides_complete_example_is_valid():
    quiz, problems = parse(guide_examples()[0])
    assert problems == []
    assert len({type(q) for q in quiz.questions}) == 7


def test_the_guides_question_examples_are_valid():
    examples = guide_examples()[1:]
    credits, short, short_feedback, numeric, numeric_list, numeric_feedback = examples
    assert problems_of(question(credits)) == []
    head = '  - id: q\n    type: {}\n    text: {{en: "Q", fr: "Q"}}\n'
    assert problems_of(question(head.format("short") + short)) == []
    assert problems_of(question(head.format("short") + short_feedback)) == []
    assert problems_of(question(head.format("numeric") + numeric)) == []
    assert problems_of(question(head.format("numeric") + numeric_list)) == []
    assert problems_of(question(head.format("numeric") + numeric_feedback)) == []

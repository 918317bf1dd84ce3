"""Quiz files: every problem reported with its line, and valid files of every type."""

from __future__ import annotations

import contextlib
import copy
import json
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from academy.courses.problems import Problems
from academy.courses.rendering import render_inline
from academy.courses.yamlfile import load
from academy.quizzes.definition import (
    Choice,
    Item,
    MatchingQuestion,
    MultipleQuestion,
    NumericAnswer,
    NumericQuestion,
    OrderingQuestion,
    Pair,
    QuizDefinition,
    ShortAnswer,
    ShortQuestion,
    SingleQuestion,
    TrueFalseQuestion,
    parse_quiz,
    render_texts,
)

PATH = "01-start/03-check.quiz.yaml"
REASON = (
    "a quiz needs every course language, because its answer key is shared "
    "and every learner must be able to answer in their own language"
)

# Line 3 onwards: the questions.
HEAD = """\
title: {en: Check, fr: Vérification}
questions:
"""

EVERY_TYPE = """\
title: {en: Check your *understanding*, fr: Vérifiez vos acquis}
introduction: {en: Ten minutes., fr: Dix minutes.}
pass_mark: 66.67
max_attempts: 3
shuffle_questions: true
shuffle_choices: true
feedback: once_passed
time_limit_minutes: 20
questions:
  - id: definition
    type: single
    points: 2
    text: {en: "What is a cooperative?", fr: "Qu'est-ce qu'une coopérative ?"}
    feedback: {en: See lesson 1., fr: Voir la leçon 1.}
    choices:
      - id: owned
        correct: true
        text: {en: An enterprise its members own, fr: Une entreprise que ses membres possèdent}
        feedback: {en: "Yes, members own it.", fr: "Oui, les membres la possèdent."}
      - id: state
        text: {en: A state agency, fr: Un organisme public}
  - id: values
    type: multiple
    scoring: partial
    text: {en: "Which are cooperative values?", fr: "Lesquelles sont des valeurs coopératives ?"}
    choices:
      - {id: solidarity, correct: true, text: {en: Solidarity, fr: Solidarité}}
      - {id: equity, correct: true, text: {en: Equity, fr: Équité}}
      - {id: profit, text: {en: Profit first, fr: Le profit d'abord}}
  - id: weights
    type: multiple
    text: {en: Pick the principles, fr: Choisissez les principes}
    choices:
      - {id: a, credit: 50, text: {en: Democracy, fr: Démocratie}}
      - {id: b, credit: 50, text: {en: Autonomy, fr: Autonomie}}
      - {id: c, credit: -100, text: {en: Secrecy, fr: Secret}}
      - {id: d, text: {en: Size, fr: Taille}}
  - id: open
    type: true_false
    answer: true
    text: {en: Membership is open., fr: L'adhésion est ouverte.}
    feedback_true: {en: Right., fr: Exact.}
    feedback_false: {en: It is open., fr: Elle est ouverte.}
  - id: principle
    type: short
    ignore_accents: true
    text: {en: "One member, one ...", fr: "Un membre, une ..."}
    answers:
      en: [vote, {text: ballot, credit: 50}]
      fr: [voix]
  - id: founded
    type: numeric
    text: {en: "Year of the Statement?", fr: "Année de la Déclaration ?"}
    answer: 1995
  - id: share
    type: numeric
    text: {en: "Share in percent?", fr: "Part en pourcentage ?"}
    answers:
      - {value: 12.5, tolerance: 0.5}
      - {value: 12.5, tolerance: 2.5, credit: 50}
  - id: pairs
    type: matching
    text: {en: Match them, fr: Associez-les}
    pairs:
      - {id: coop, prompt: {en: Cooperative, fr: Coopérative}, match: {en: Members, fr: Membres}}
      - {id: mutual, prompt: {en: Mutual, fr: Mutuelle}, match: {en: Holders, fr: Sociétaires}}
    distractors:
      - {id: state, text: {en: The state, fr: L'État}}
  - id: steps
    type: ordering
    text: {en: Put in order, fr: Mettez dans l'ordre}
    items:
      - {id: meet, text: {en: Meet, fr: Se réunir}}
      - {id: draft, text: {en: Draft statutes, fr: Rédiger les statuts}}
      - {id: register, text: {en: Register, fr: Enregistrer}}
"""


def parse(text: str, languages=("en", "fr"), default="en"):
    problems = Problems()
    quiz = parse_quiz(load(text, first_line=1), PATH, list(languages), default, problems)
    return quiz, [str(problem) for problem in problems.sorted()]


def problems_of(text: str, languages=("en", "fr"), default="en") -> list[str]:
    return parse(text, languages, default)[1]


def error(line: int, message: str) -> str:
    return f"{PATH}:{line}: error: {message}"


def warning(line: int, message: str) -> str:
    return f"{PATH}:{line}: warning: {message}"


def question(body: str) -> str:
    """A quiz with one question, whose first line is line 3."""
    return HEAD + body


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


def test_definition_round_trips_through_json():
    quiz, _ = parse(EVERY_TYPE)
    data = json.loads(json.dumps(quiz.to_dict()))
    assert data["format"] == 1
    assert data["max_attempts"] == 3
    assert data["questions"][0]["type"] == "single"
    assert data["questions"][4]["answers"]["en"][1] == {"text": "ballot", "credit": 50}
    assert QuizDefinition.from_dict(data) == quiz


def test_an_unknown_stored_format_is_refused():
    quiz, _ = parse(EVERY_TYPE)
    with pytest.raises(ValueError, match="format"):
        QuizDefinition.from_dict({**quiz.to_dict(), "format": 2})


def test_render_texts_renders_every_text_and_keeps_answers_as_written():
    quiz, _ = parse(EVERY_TYPE)
    rendered = render_texts(quiz, render_inline)
    assert rendered.rendered
    assert not quiz.rendered
    assert rendered.title["en"] == "Check your <em>understanding</em>"
    assert rendered.question("pairs").distractors[0].text["fr"] == "L'État"
    assert rendered.question("definition").choices[0].feedback["en"] == "Yes, members own it."
    assert rendered.question("pairs").pairs[0].match == {"en": "Members", "fr": "Membres"}
    assert rendered.question("steps").items[2].text["fr"] == "Enregistrer"
    assert rendered.question("open").feedback_true == {"en": "Right.", "fr": "Exact."}
    assert rendered.question("principle").answers == quiz.question("principle").answers
    assert QuizDefinition.from_dict(json.loads(json.dumps(rendered.to_dict()))) == rendered


TEXT_KEYS = {"title", "introduction", "text", "feedback", "feedback_true", "feedback_false"}
TEXT_KEYS |= {"prompt", "match"}


def text_maps(data, found):
    """Every text map in a stored definition: (key, map) pairs."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in TEXT_KEYS and isinstance(value, dict):
                found.append((key, value))
            else:
                text_maps(value, found)
    elif isinstance(data, list):
        for item in data:
            text_maps(item, found)
    return found


def test_render_texts_reaches_every_text_map():
    quiz, _ = parse(EVERY_TYPE)
    rendered = render_texts(quiz, lambda text: f"<p>{text}</p>")
    before, after = text_maps(quiz.to_dict(), []), text_maps(rendered.to_dict(), [])
    assert len(before) == len(after) > 40
    for (key, source), (_, html) in zip(before, after, strict=True):
        assert html == {language: f"<p>{text}</p>" for language, text in source.items()}, key


def test_render_texts_escapes_what_trainers_write_as_html():
    quiz, _ = parse(question(SINGLE.replace("What?", "<script>alert(1)</script>")))
    rendered = render_texts(quiz, render_inline)
    assert rendered.questions[0].text["en"] == "&lt;script&gt;alert(1)&lt;/script&gt;"


def test_rendering_twice_is_refused():
    quiz, _ = parse(EVERY_TYPE)
    with pytest.raises(ValueError, match="already rendered"):
        render_texts(render_texts(quiz, render_inline), render_inline)


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


# -- The file and its settings ----------------------------------------------------------


def test_an_empty_file_misses_title_and_questions():
    problems = Problems()
    assert parse_quiz({}, PATH, ["en"], "en", problems) is None
    assert [str(p) for p in problems.sorted()] == [
        error(1, "the required key 'questions' is missing"),
        error(1, "the required key 'title' is missing"),
    ]


def test_a_list_is_not_a_quiz():
    quiz, problems = parse("- title: x\n")
    assert quiz is None
    assert problems == [error(1, "must be a map of keys and values")]


def test_unknown_top_level_key():
    assert problems_of(question(TRUE_FALSE) + "pass_mrak: 80\n") == [
        error(
            7,
            "unknown key 'pass_mrak' (allowed: feedback, introduction, max_attempts, pass_mark, "
            "questions, shuffle_choices, shuffle_questions, time_limit_minutes, title)",
        )
    ]


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("{en: Check}", f"'title' has no fr version: {REASON}"),
        ("{fr: Vérification}", f"'title' has no en version: {REASON}"),
        ("{}", f"'title' has no en, fr version: {REASON}"),
        ("Check", "'title' must map languages to text, like title: {en: ...}"),
        ("", "'title' must map languages to text, like title: {en: ...}"),
        ("{en: Check, fr: ''}", "'title' in 'fr' must be non-empty text"),
        ("{en: Check, fr: Vérif, es: Control}", "'es' in 'title' is not a course language"),
        (
            "{en: Yes, we can, fr: Oui}",
            "'title' has text with a comma that is not in quotes: "
            'put each text in quotes, like title: {en: "Yes, it is."}',
        ),
    ],
)
def test_every_text_needs_every_course_language(title, message):
    text = question(TRUE_FALSE).replace("{en: Check, fr: Vérification}", title)
    assert problems_of(text) == [error(1, message)]


def test_a_missing_translation_in_a_question_is_an_error_with_its_line():
    text = question(TRUE_FALSE.replace('{en: "Open?", fr: "Ouverte ?"}', '{en: "Open?"}'))
    assert problems_of(text) == [error(5, f"'text' has no fr version: {REASON}")]


def test_languages_are_checked_against_the_default_language_too():
    text = question(TRUE_FALSE)
    assert problems_of(text, languages=("fr", "en"), default="fr") == []
    assert problems_of(text, languages=("fr", "en", "es"), default="fr") == [
        error(1, f"'title' has no es version: {REASON}"),
        error(5, f"'text' has no es version: {REASON}"),
    ]


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("pass_mark: 101", "'pass_mark' must be a number from 0 to 100"),
        ("pass_mark: -1", "'pass_mark' must be a number from 0 to 100"),
        ("pass_mark: '70'", "'pass_mark' must be a number from 0 to 100"),
        ("pass_mark: true", "'pass_mark' must be a number from 0 to 100"),
        ("pass_mark: .nan", "'pass_mark' must be a number from 0 to 100"),
        ("pass_mark:", "'pass_mark' must be a number from 0 to 100"),
        ("max_attempts: 0", "'max_attempts' must be a whole number of at least 1, or unlimited"),
        ("max_attempts: 2.5", "'max_attempts' must be a whole number of at least 1, or unlimited"),
        ("max_attempts: many", "'max_attempts' must be a whole number of at least 1, or unlimited"),
        ("max_attempts: true", "'max_attempts' must be a whole number of at least 1, or unlimited"),
        ("shuffle_questions: 'yes'", "'shuffle_questions' must be true or false"),
        ("shuffle_choices: 1", "'shuffle_choices' must be true or false"),
        ("feedback: always", "'feedback' must be after_each_attempt, once_passed or never"),
        ("time_limit_minutes: 0", "'time_limit_minutes' must be a whole number from 1 to 600"),
        ("time_limit_minutes: 601", "'time_limit_minutes' must be a whole number from 1 to 600"),
        ("time_limit_minutes: 1.5", "'time_limit_minutes' must be a whole number from 1 to 600"),
        ("time_limit_minutes: false", "'time_limit_minutes' must be a whole number from 1 to 600"),
    ],
)
def test_settings_out_of_range(setting, message):
    quiz, problems = parse(question(TRUE_FALSE) + setting + "\n")
    assert quiz is None
    assert problems == [error(7, message)]


@pytest.mark.parametrize(
    ("setting", "field", "value"),
    [
        ("pass_mark: 0", "pass_mark", 0),
        ("pass_mark: 100", "pass_mark", 100),
        ("pass_mark: 66.67", "pass_mark", 66.67),
        ("max_attempts: 1", "max_attempts", 1),
        ("max_attempts: unlimited", "max_attempts", None),
        ("time_limit_minutes: 1", "time_limit_minutes", 1),
        ("time_limit_minutes: 600", "time_limit_minutes", 600),
        ("feedback: never", "feedback", "never"),
    ],
)
def test_settings_at_their_limits(setting, field, value):
    quiz, problems = parse(question(TRUE_FALSE) + setting + "\n")
    assert problems == []
    assert getattr(quiz, field) == value


@pytest.mark.parametrize(
    ("questions", "message"),
    [
        ("questions: []", "'questions' must be a list of at least one question"),
        ("questions:", "'questions' must be a list of at least one question"),
        ("questions: {id: q}", "'questions' must be a list of at least one question"),
        ("questions: [open]", "each item of 'questions' must be a map of keys and values"),
    ],
)
def test_questions_must_be_a_list_of_maps(questions, message):
    assert problems_of(f"title: {{en: Check, fr: Vérif}}\n{questions}\n") == [error(2, message)]


# -- Every question ---------------------------------------------------------------------

TRUE_FALSE = """\
  - id: open
    type: true_false
    text: {en: "Open?", fr: "Ouverte ?"}
    answer: true
"""

SINGLE = """\
  - id: pick
    type: single
    text: {en: "What?", fr: "Quoi ?"}
    choices:
      - {id: right, correct: true, text: {en: Right, fr: Juste}}
      - {id: wrong, text: {en: Wrong, fr: Faux}}
"""


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
        error(11, "exactly one choice must have correct: true (found 0)"),
    ]


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
            [error(6, "exactly one choice must have correct: true (found 0)")],
        ),
        (
            ("{id: wrong, ", "{id: wrong, correct: true, "),
            [error(6, "exactly one choice must have correct: true (found 2)")],
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
            ("fr: [voix]", "fr: [voix, {text: vox, credit: 0}]"),
            [error(8, "'credit' must be a percentage from 1 to 100")],
        ),
        (
            ("fr: [voix]", "fr: [voix, {text: vox, weight: 50}]"),
            [error(8, "unknown key 'weight' (allowed: credit, text)")],
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
                    "unknown key 'credit' (allowed: answer, answers, feedback, id, points, text, "
                    "tolerance, type)",
                )
            ],
        ),
        (
            NUMERIC_LIST.replace("0.5}", "0.5, credit: 90}"),
            [error(6, "at least one answer must have credit 100")],
        ),
        (
            NUMERIC_LIST.replace("credit: 50", "credit: 0"),
            [error(8, "'credit' must be a percentage from 1 to 100")],
        ),
        (
            NUMERIC_LIST.replace("{value: 12.5, tolerance: 0.5}", "{tolerance: 0.5}"),
            [error(7, "the required key 'value' is missing")],
        ),
        (
            NUMERIC_LIST.replace("tolerance: 0.5}", "tolerance: 0.5, feedback: {en: Yes}}"),
            [error(7, "unknown key 'feedback' (allowed: credit, tolerance, value)")],
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


# -- matching and ordering -------------------------------------------------------------------

MATCHING = """\
  - id: pairs
    type: matching
    text: {en: Match, fr: Associez}
    pairs:
      - {id: coop, prompt: {en: Cooperative, fr: Coopérative}, match: {en: Members, fr: Membres}}
      - {id: mutual, prompt: {en: Mutual, fr: Mutuelle}, match: {en: Holders, fr: Sociétaires}}
    distractors:
      - {id: state, text: {en: The state, fr: L'État}}
"""


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("      - {id: mutual", "    other:\n      - {id: mutual"),
            [
                error(6, "'pairs' must be a list of at least 2 pairs"),
                error(
                    8,
                    "unknown key 'other' (allowed: distractors, feedback, id, pairs, points, "
                    "text, type)",
                ),
            ],
        ),
        (
            ("{id: state", "{id: coop"),
            [error(10, "the distractor id 'coop' is used twice (first at line 7)")],
        ),
        (
            (", match: {en: Holders, fr: Sociétaires}", ""),
            [error(8, "the required key 'match' is missing")],
        ),
        (
            ("{en: Holders, fr: Sociétaires}", "{en: Holders}"),
            [error(8, f"'match' has no fr version: {REASON}")],
        ),
        (
            ("distractors:\n      - ", "distractors: "),
            [
                error(
                    9,
                    "'distractors' must be a list of extra matches, like "
                    "- {id: ..., text: {en: ...}}",
                )
            ],
        ),
        (
            ("{en: The state, fr: L'État}", "{en: members, fr: L'État}"),
            [
                warning(
                    10,
                    "two matches have the same text in en (lines 7 and 10); "
                    "learners cannot tell them apart",
                )
            ],
        ),
    ],
)
def test_matching_problems(change, expected):
    assert problems_of(question(MATCHING.replace(*change))) == expected


ORDERING = """\
  - id: steps
    type: ordering
    text: {en: Order, fr: Ordre}
    items:
      - {id: meet, text: {en: Meet, fr: Se réunir}}
      - {id: register, text: {en: Register, fr: Enregistrer}}
"""


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("      - {id: register, text: {en: Register, fr: Enregistrer}}\n", ""),
            [error(6, "'items' must be a list of at least 2 items")],
        ),
        (
            ("{id: register", "{id: meet"),
            [error(8, "the item id 'meet' is used twice (first at line 7)")],
        ),
        (
            ("{id: register, text: {en: Register, fr: Enregistrer}}", "{id: register}"),
            [error(8, "the required key 'text' is missing")],
        ),
        (
            ("{id: register,", "{id: register, position: 2,"),
            [error(8, "unknown key 'position' (allowed: id, text)")],
        ),
    ],
)
def test_ordering_problems(change, expected):
    assert problems_of(question(ORDERING.replace(*change))) == expected


# -- Whatever the file holds, the check reports problems and never crashes ---------------------

KEYS = [
    "title", "questions", "id", "type", "text", "choices", "correct", "credit", "answer",
    "answers", "tolerance", "value", "pairs", "prompt", "match", "items", "distractors",
    "points", "pass_mark", "max_attempts", "feedback", "scoring", "en", "fr", "ignore_case",
]  # fmt: skip
TYPES = ["single", "multiple", "true_false", "short", "numeric", "matching", "ordering"]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(TYPES + ["a", "b", "unlimited", "", "partial"]),
    st.text(max_size=10),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(KEYS), children, max_size=6),
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=st.dictionaries(st.sampled_from(KEYS), documents, max_size=6))
def test_the_check_only_ever_reports_problems(document):
    text = yaml.safe_dump(document, allow_unicode=True)
    problems = Problems()
    quiz = parse_quiz(load(text), PATH, ["en", "fr"], "en", problems)
    if quiz is None:
        assert problems.errors
    else:
        assert not problems.errors
        assert QuizDefinition.from_dict(json.loads(json.dumps(quiz.to_dict()))) == quiz


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
    credits, short, numeric, numeric_list = examples
    assert problems_of(question(credits)) == []
    head = '  - id: q\n    type: {}\n    text: {{en: "Q", fr: "Q"}}\n'
    assert problems_of(question(head.format("short") + short)) == []
    assert problems_of(question(head.format("numeric") + numeric)) == []
    assert problems_of(question(head.format("numeric") + numeric_list)) == []


VALID = yaml.safe_load(EVERY_TYPE)


def paths(node, prefix=()):
    """Every place in a YAML document: tuples of keys and list indexes."""
    if isinstance(node, dict):
        items = node.items()
    elif isinstance(node, list):
        items = enumerate(node)
    else:
        return
    for key, value in items:
        yield (*prefix, key)
        yield from paths(value, (*prefix, key))


def replaced(document, path, value):
    """document with the value at path replaced (unchanged if the path has gone)."""
    node = document
    for key in path[:-1]:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            return document
    if isinstance(node, dict | list):
        with contextlib.suppress(IndexError, TypeError):
            node[path[-1]] = value
    return document


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changes=st.lists(st.tuples(st.sampled_from(list(paths(VALID))), documents), max_size=3))
def test_any_value_of_a_valid_quiz_replaced_is_reported_never_a_crash(changes):
    document = copy.deepcopy(VALID)
    for path, value in changes:
        document = replaced(document, path, value)
    problems = Problems()
    text = yaml.safe_dump(document, allow_unicode=True)
    quiz = parse_quiz(load(text), PATH, ["en", "fr"], "en", problems)
    assert (quiz is None) == bool(problems.errors)
    if quiz is not None:
        assert QuizDefinition.from_dict(json.loads(json.dumps(quiz.to_dict()))) == quiz

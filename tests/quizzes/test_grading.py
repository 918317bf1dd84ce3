"""Grading: every question type, exact scores, and responses that are never trusted."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction

import pytest
from babel import Locale
from babel.numbers import format_decimal, get_group_symbol
from hypothesis import given, settings
from hypothesis import strategies as st

from academy.packagefiles.problems import Problems
from academy.packagefiles.quiz import QuizDefinition, parse_quiz
from academy.packagefiles.yamlfile import load
from academy.quizzes.grading import GROUPED_NUMBER, NOT_A_NUMBER, grade_question, grade_quiz
from academy.quizzes.numbers import parse_number


def quiz_of(questions: str, settings_yaml: str = "", languages=("en", "fr")) -> QuizDefinition:
    text = "title: {en: Check, fr: Vérification}\n" + settings_yaml + "questions:\n" + questions
    problems = Problems()
    quiz = parse_quiz(load(text), "q.quiz.yaml", list(languages), languages[0], problems)
    assert problems.errors == []
    return quiz


def one(question: str):
    return quiz_of(question).questions[0]


def score(question, response, language="en", locale="en") -> Fraction:
    return grade_question(question, response, language, locale, "en").score


SINGLE = one(
    """\
  - id: pick
    type: single
    text: {en: "What?", fr: "Quoi ?"}
    feedback: {en: See lesson 1., fr: Voir la leçon 1.}
    choices:
      - id: right
        correct: true
        text: {en: Right, fr: Juste}
        feedback: {en: Well done., fr: Bravo.}
      - {id: wrong, text: {en: Wrong, fr: Faux}}
"""
)


def test_single_right_choice_scores_1_with_its_feedback_then_the_general_feedback():
    result = grade_question(SINGLE, "right", "en", "en")
    assert (result.score, result.correct, result.answered) == (1, True, True)
    assert result.feedback == (
        {"en": "Well done.", "fr": "Bravo."},
        {"en": "See lesson 1.", "fr": "Voir la leçon 1."},
    )


def test_single_wrong_choice_without_feedback_shows_the_general_feedback():
    result = grade_question(SINGLE, "wrong", "en", "en")
    assert (result.score, result.correct) == (0, False)
    assert result.feedback == ({"en": "See lesson 1.", "fr": "Voir la leçon 1."},)


@pytest.mark.parametrize("response", [None, "", "   "])
def test_single_unanswered(response):
    result = grade_question(SINGLE, response, "en", "en")
    assert (result.score, result.answered) == (0, False)


@pytest.mark.parametrize("response", ["nope", ["right"], {"right": 1}, 1, True, "RIGHT"])
def test_single_malformed_scores_0(response):
    result = grade_question(SINGLE, response, "en", "en")
    assert (result.score, result.answered, result.message) == (0, True, None)


MULTIPLE = """\
  - id: values
    type: multiple
    text: {en: "Which?", fr: "Lesquelles ?"}
    choices:
      - {id: a, correct: true, text: {en: A, fr: A}, feedback: {en: Yes A., fr: Oui A.}}
      - {id: b, correct: true, text: {en: B, fr: B}}
      - {id: c, correct: true, text: {en: C, fr: C}}
      - {id: d, text: {en: D, fr: D}, feedback: {en: Not D., fr: Pas D.}}
      - {id: e, text: {en: E, fr: E}}
"""
ALL_OR_NOTHING = one(MULTIPLE)
PARTIAL = one(MULTIPLE + "    scoring: partial\n")


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        (["a", "b", "c"], 1),
        (("c", "b", "a"), 1),
        ({"a", "b", "c"}, 1),
        (frozenset({"a", "b", "c"}), 1),
        (["a", "b"], 0),
        (["a", "b", "c", "d"], 0),
        (["d"], 0),
    ],
)
def test_multiple_all_or_nothing(response, expected):
    assert score(ALL_OR_NOTHING, response) == expected


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        (["a", "b", "c"], Fraction(1)),
        (["a", "b"], Fraction(2, 3)),
        (["a"], Fraction(1, 3)),
        (["a", "b", "d"], Fraction(2, 3) - Fraction(1, 2)),
        (["a", "b", "c", "d"], Fraction(1, 2)),
        (["a", "d", "e"], Fraction(0)),  # 1/3 - 1, floored at 0
        (["a", "b", "c", "d", "e"], Fraction(0)),  # ticking everything earns nothing
        (["d", "e"], Fraction(0)),
    ],
)
def test_multiple_partial_credit(response, expected):
    assert score(PARTIAL, response) == expected


def test_multiple_partial_when_every_choice_is_right():
    question = one(
        MULTIPLE.replace("{id: d, text", "{id: d, correct: true, text").replace(
            "{id: e, text", "{id: e, correct: true, text"
        )
        + "    scoring: partial\n"
    )
    assert score(question, ["a", "b"]) == Fraction(2, 5)


@pytest.mark.parametrize(
    "response",
    [["a", "a", "b", "c"], ["a", "b", "c", "zz"], "a", ["a", 1], [["a"]], {"a": True}, 3],
)
def test_multiple_duplicates_unknown_ids_and_wrong_types_score_0(response):
    result = grade_question(PARTIAL, response, "en", "en")
    assert (result.score, result.answered) == (0, True)


@pytest.mark.parametrize("response", [None, [], set(), ()])
def test_multiple_nothing_chosen_is_unanswered(response):
    result = grade_question(PARTIAL, response, "en", "en")
    assert (result.score, result.answered) == (0, False)


def test_multiple_shows_the_feedback_of_each_chosen_choice_in_order():
    result = grade_question(ALL_OR_NOTHING, ["d", "a"], "en", "en")
    assert result.feedback == ({"en": "Yes A.", "fr": "Oui A."}, {"en": "Not D.", "fr": "Pas D."})


CREDITS = one(
    """\
  - id: weights
    type: multiple
    text: {en: Pick, fr: Choisissez}
    choices:
      - {id: a, credit: 50, text: {en: A, fr: A}}
      - {id: b, credit: 50, text: {en: B, fr: B}}
      - {id: c, credit: -100, text: {en: C, fr: C}}
      - {id: d, credit: -25, text: {en: D, fr: D}}
      - {id: e, text: {en: E, fr: E}}
"""
)


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        (["a"], Fraction(1, 2)),
        (["a", "b"], Fraction(1)),
        (["a", "b", "d"], Fraction(3, 4)),
        (["a", "b", "c"], Fraction(0)),
        (["c"], Fraction(0)),  # -100% is clamped to 0
        (["e"], Fraction(0)),
        (["a", "e"], Fraction(1, 2)),
    ],
)
def test_multiple_with_credits_adds_them_up_and_clamps(response, expected):
    assert score(CREDITS, response) == expected


def test_credits_above_100_are_clamped():
    question = one(
        """\
  - id: weights
    type: multiple
    text: {en: Pick, fr: Choisissez}
    choices:
      - {id: a, credit: 60, text: {en: A, fr: A}}
      - {id: b, credit: 60, text: {en: B, fr: B}}
"""
    )
    assert score(question, ["a", "b"]) == 1


def test_gift_thirds_make_full_marks():
    question = one(
        """\
  - id: thirds
    type: multiple
    text: {en: Pick, fr: Choisissez}
    choices:
      - {id: a, credit: 33.33333, text: {en: A, fr: A}}
      - {id: b, credit: 33.33333, text: {en: B, fr: B}}
      - {id: c, credit: 33.33333, text: {en: C, fr: C}}
"""
    )
    assert grade_question(question, ["a", "b", "c"], "en", "en").correct
    assert score(question, ["a"]) == Fraction(3333, 10000)


TRUE_FALSE = one(
    """\
  - id: open
    type: true_false
    text: {en: "Open?", fr: "Ouverte ?"}
    answer: false
    feedback_true: {en: It is not., fr: Elle ne l'est pas.}
    feedback_false: {en: Right., fr: Exact.}
"""
)


@pytest.mark.parametrize(
    ("response", "expected", "feedback"),
    [
        ("false", 1, {"en": "Right.", "fr": "Exact."}),
        (False, 1, {"en": "Right.", "fr": "Exact."}),
        ("true", 0, {"en": "It is not.", "fr": "Elle ne l'est pas."}),
        (True, 0, {"en": "It is not.", "fr": "Elle ne l'est pas."}),
    ],
)
def test_true_false(response, expected, feedback):
    result = grade_question(TRUE_FALSE, response, "en", "en")
    assert result.score == expected
    assert result.feedback == (feedback,)


@pytest.mark.parametrize("response", ["yes", "False", 0, 1, ["false"]])
def test_true_false_malformed(response):
    result = grade_question(TRUE_FALSE, response, "en", "en")
    assert (result.score, result.answered, result.feedback) == (0, True, ())


def test_true_false_unanswered():
    assert not grade_question(TRUE_FALSE, None, "en", "en").answered


# -- short ------------------------------------------------------------------------------

SHORT = """\
  - id: principle
    type: short
    text: {en: "One member, one ...", fr: "Un membre, une ..."}
    answers:
      en: [one vote, {text: ballot, credit: 50}, {text: Vote, credit: 100}]
      fr: [une voix, État, {text: vote, credit: 25}]
"""


@pytest.mark.parametrize(
    ("options", "response", "expected"),
    [
        ("", "one vote", 1),
        ("", "ONE VOTE", 1),
        ("", "  one   vote ", 1),
        ("", "one\tvote", 1),
        ("", "onevote", 0),
        ("", "ballot", Fraction(1, 2)),
        ("", "vote", 1),  # the best credit of the answers that match
        ("    ignore_case: false\n", "ONE VOTE", 0),
        ("    ignore_case: false\n", "one vote", 1),
        ("    ignore_spaces: false\n", "one  vote", 0),
        ("    ignore_spaces: false\n", " one vote", 0),
        ("    ignore_spaces: false\n", "one vote", 1),
    ],
)
def test_short_answer_options_in_english(options, response, expected):
    assert score(one(SHORT + options), response) == expected


@pytest.mark.parametrize(
    ("options", "response", "expected"),
    [
        ("", "État", 1),
        ("", "état", 1),
        ("", "E\u0301tat", 1),  # decomposed é is the same text
        ("", "Etat", 0),
        ("    ignore_accents: true\n", "Etat", 1),
        ("    ignore_accents: true\n", "etat", 1),
        ("    ignore_accents: true\n", "ÉTÂT", 1),
        ("    ignore_accents: true\n    ignore_case: false\n", "etat", 0),
        ("", "une voix", 1),
        ("", "one vote", 0),  # the English answer is not accepted in French
        ("", "vote", Fraction(1, 4)),
    ],
)
def test_short_answers_in_french(options, response, expected):
    assert score(one(SHORT + options), response, language="fr", locale="fr") == expected


def test_short_answer_in_a_language_without_answers_uses_the_default_language():
    question = one(SHORT)
    assert score(question, "one vote", language="es", locale="es") == 1
    assert score(question, "une voix", language="es", locale="es") == 0


@pytest.mark.parametrize(("response", "answered"), [(None, False), ("  ", False), (42, True)])
def test_short_unanswered_and_malformed(response, answered):
    result = grade_question(one(SHORT), response, "en", "en")
    assert (result.score, result.answered) == (0, answered)


SHORT_WITH_FEEDBACK = one(
    """\
  - id: animal
    type: short
    text: {en: "Best animal?", fr: "Meilleur animal ?"}
    feedback: {en: General., fr: Général.}
    feedback_other: {en: Completely wrong., fr: Complètement faux.}
    answers:
      en: [{text: frog, feedback: Good!}, {text: cat, credit: 50, feedback: Half.},
           {text: dog, credit: 0, feedback: Not a dog.}, toad]
      fr: [grenouille]
"""
)


@pytest.mark.parametrize(
    ("response", "expected", "feedback"),
    [
        ("Frog", 1, {"en": "Good!"}),
        ("cat", Fraction(1, 2), {"en": "Half."}),
        ("dog", 0, {"en": "Not a dog."}),
        ("bird", 0, {"en": "Completely wrong.", "fr": "Complètement faux."}),
    ],
)
def test_short_answers_show_the_feedback_of_the_answer_matched(response, expected, feedback):
    result = grade_question(SHORT_WITH_FEEDBACK, response, "en", "en")
    assert result.score == expected
    assert result.feedback == (feedback, {"en": "General.", "fr": "Général."})


def test_a_short_answer_without_feedback_shows_only_the_general_feedback():
    result = grade_question(SHORT_WITH_FEEDBACK, "toad", "en", "en")
    assert (result.score, result.feedback) == (1, ({"en": "General.", "fr": "Général."},))


# -- numeric ----------------------------------------------------------------------------

NUMERIC = one(
    """\
  - id: share
    type: numeric
    text: {en: "Share?", fr: "Part ?"}
    answers:
      - {value: 12.5, tolerance: 0.5}
      - {value: 12.5, tolerance: 2.5, credit: 50}
      - {value: -3, credit: 10}
"""
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12.5", 1),
        ("12", 1),  # exactly at value - tolerance
        ("13", 1),  # exactly at value + tolerance
        ("13.0001", Fraction(1, 2)),
        ("11.999", Fraction(1, 2)),
        ("10", Fraction(1, 2)),
        ("15", Fraction(1, 2)),
        ("15.01", 0),
        ("9.99", 0),
        ("-3", Fraction(1, 10)),
        ("-3.0", Fraction(1, 10)),
        ("+12.5", 1),
        ("\u221212.5", 0),  # the minus sign character is read as a minus
        ("\u22123", Fraction(1, 10)),
    ],
)
def test_numeric_tolerances_and_credits(text, expected):
    result = grade_question(NUMERIC, text, "en", "en")
    assert (result.score, result.message) == (expected, None)


@pytest.mark.parametrize(
    ("locale", "text", "expected"),
    [
        ("en", "3.5", Decimal("3.5")),
        ("en", "1000", Decimal("1000")),
        ("en", "  1000  ", Decimal("1000")),
        ("en", ".5", Decimal("0.5")),
        ("en", "-0.25", Decimal("-0.25")),
        ("fr", "3,5", Decimal("3.5")),
        ("fr", "-3,5", Decimal("-3.5")),
        ("fr", "1000", Decimal("1000")),
        # Babel's strict mode reads "." as a decimal point in fr (whose group symbol is a
        # space), so "3.5" is 3.5, and "1.000" is 1, not one thousand.
        ("fr", "3.5", Decimal("3.5")),
        ("fr", "1.000", Decimal("1")),
        ("de", "3,5", Decimal("3.5")),
        ("pt_BR", "3,5", Decimal("3.5")),
        ("pt-BR", "3,5", Decimal("3.5")),
        (Locale("fr"), "3,5", Decimal("3.5")),
        ("sv", "\u22123,5", Decimal("-3.5")),
        ("ar", "\u200e-3.5", Decimal("-3.5")),
    ],
)
def test_numbers_are_read_in_the_learners_locale(locale, text, expected):
    assert parse_number(text, locale) == (expected, None)


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("en", "1,000"),
        ("en", "1,000.5"),
        ("en", "3,5"),  # a French learner on an English page is told, not misread
        ("en", "1 000"),
        ("en", "1_000"),
        ("fr", "1 000"),
        ("fr", "1\u202f000"),  # fr's own group symbol, which strict Babel accepts
        ("fr", "1\u00a0000"),
        ("de", "1.000"),  # de groups with "."
        ("de", "3.5"),  # and so "3.5" is refused in de, never read as 35
        ("de_CH", "1’000"),  # both apostrophes group in Swiss usage, whatever CLDR says
        ("de_CH", "1'000"),
        ("en", "1'000"),
    ],
)
def test_grouping_separators_are_refused_not_misread(locale, text):
    assert parse_number(text, locale) == (None, GROUPED_NUMBER)


@pytest.mark.parametrize("locale", ["en", "fr", "de", "de_CH", "sv", "hi", "ar", "pt_BR"])
@pytest.mark.parametrize(("before", "after"), [("1", "000"), ("12", "345,678"), ("1", "234")])
def test_a_number_grouped_with_the_locales_own_symbol_is_refused(locale, before, after):
    # The symbol comes from Babel, so the test follows whichever CLDR data the installed
    # release carries (de_CH's group symbol changed between releases).
    group = get_group_symbol(locale)
    text = before + group + after.replace(",", group)
    assert parse_number(text, locale) == (None, GROUPED_NUMBER)


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("en", "abc"),
        ("en", "NaN"),
        ("en", "Infinity"),
        ("en", "-inf"),
        ("en", "1e3"),
        ("en", "3.5.1"),
        ("en", "--3"),
        ("en", "1" * 101),
        ("en", "½"),
    ],
)
def test_what_is_not_a_number(locale, text):
    assert parse_number(text, locale) == (None, NOT_A_NUMBER)


def test_an_unparseable_numeric_answer_scores_0_with_a_message():
    result = grade_question(NUMERIC, "twelve", "en", "en")
    assert (result.score, result.answered, result.message) == (0, True, NOT_A_NUMBER)
    result = grade_question(NUMERIC, "1,000", "en", "en")
    assert (result.score, result.message) == (0, GROUPED_NUMBER)


def test_numeric_in_french():
    assert score(NUMERIC, "12,5", locale="fr") == 1
    assert score(NUMERIC, "12.5", locale="fr") == 1
    assert grade_question(NUMERIC, "12,5", "en", "en").message == GROUPED_NUMBER


@pytest.mark.parametrize(("response", "answered"), [(None, False), ("", False), (12.5, True)])
def test_numeric_unanswered_and_malformed(response, answered):
    result = grade_question(NUMERIC, response, "en", "en")
    assert (result.score, result.answered, result.message) == (0, answered, None)


@pytest.mark.parametrize(
    ("value", "tolerance", "inside", "outside"),
    [
        # A GIFT range 1990..2000 is value 1995, tolerance 5.
        ("1995", "5", ["1990", "2000", "1995.5"], ["1989.99", "2000.01"]),
        # 0.1..0.3: decimal edges are exact, not float sums.
        ("0.2", "0.1", ["0.1", "0.3"], ["0.0999", "0.3001"]),
        ("0.1", "0.2", ["-0.1", "0.3"], ["0.30001"]),
        ("1995", "0", ["1995", "1995.0"], ["1995.0001"]),
    ],
)
def test_ranges_include_their_edges_exactly(value, tolerance, inside, outside):
    question = one(
        "  - id: q\n    type: numeric\n    text: {en: Q, fr: Q}\n"
        f"    answer: {value}\n    tolerance: {tolerance}\n"
    )
    assert [score(question, text) for text in inside] == [1] * len(inside)
    assert [score(question, text) for text in outside] == [0] * len(outside)


@settings(max_examples=200, deadline=None)
@given(
    number=st.decimals(
        min_value=-(10**9), max_value=10**9, places=4, allow_nan=False, allow_infinity=False
    ),
    locale=st.sampled_from(["en", "fr", "de", "pt_BR", "ar", "sv", "hi", "de_CH"]),
)
def test_a_number_written_the_locales_way_reads_back(number, locale):
    text = format_decimal(number, locale=locale, group_separator=False, decimal_quantization=False)
    assert parse_number(text, locale) == (number, None)


# -- matching and ordering -------------------------------------------------------------

MATCHING = one(
    """\
  - id: pairs
    type: matching
    text: {en: Match, fr: Associez}
    pairs:
      - {id: coop, prompt: {en: Cooperative, fr: Coopérative}, match: {en: Members, fr: Membres}}
      - {id: mutual, prompt: {en: Mutual, fr: Mutuelle}, match: {en: Holders, fr: Sociétaires}}
      - {id: assoc, prompt: {en: Association, fr: Association}, match: {en: Cause, fr: Cause}}
    distractors:
      - {id: state, text: {en: The state, fr: L'État}}
"""
)


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        ({"coop": "coop", "mutual": "mutual", "assoc": "assoc"}, Fraction(1)),
        ({"coop": "coop", "mutual": "assoc", "assoc": "mutual"}, Fraction(1, 3)),
        ({"coop": "coop", "mutual": "state", "assoc": "assoc"}, Fraction(2, 3)),
        ({"coop": "coop", "mutual": "coop", "assoc": "coop"}, Fraction(1, 3)),
        ({"coop": "coop"}, Fraction(1, 3)),
        ({"coop": "coop", "mutual": None, "assoc": ""}, Fraction(1, 3)),
    ],
)
def test_matching_scores_the_fraction_of_prompts_matched(response, expected):
    assert score(MATCHING, response) == expected


@pytest.mark.parametrize(
    "response",
    [
        {"coop": "coop", "nope": "mutual"},
        {"coop": "nope"},
        {"coop": 1},
        {"coop": ["coop"]},
        ["coop"],
        "coop",
    ],
)
def test_matching_unknown_ids_and_wrong_types_score_0(response):
    result = grade_question(MATCHING, response, "en", "en")
    assert (result.score, result.answered) == (0, True)


@pytest.mark.parametrize("response", [None, {}, {"coop": None, "mutual": ""}])
def test_matching_unanswered(response):
    assert not grade_question(MATCHING, response, "en", "en").answered


ORDERING = one(
    """\
  - id: steps
    type: ordering
    text: {en: Order, fr: Ordre}
    items:
      - {id: meet, text: {en: Meet, fr: Se réunir}}
      - {id: draft, text: {en: Draft, fr: Rédiger}}
      - {id: register, text: {en: Register, fr: Enregistrer}}
"""
)


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        ({"meet": 1, "draft": 2, "register": 3}, Fraction(1)),
        ({"meet": "1", "draft": " 2 ", "register": "3"}, Fraction(1)),
        ({"meet": 1, "draft": 3, "register": 2}, Fraction(1, 3)),
        ({"meet": 3, "draft": 1, "register": 2}, Fraction(0)),
        ({"meet": 1, "draft": 2}, Fraction(2, 3)),
        ({"meet": 1, "draft": None, "register": ""}, Fraction(1, 3)),
    ],
)
def test_ordering_scores_the_fraction_of_items_in_place(response, expected):
    assert score(ORDERING, response) == expected


@pytest.mark.parametrize(
    "response",
    [
        {"meet": 1, "draft": 1, "register": 3},  # two items in one place
        {"meet": 0, "draft": 2, "register": 3},
        {"meet": 1, "draft": 2, "register": 4},
        {"meet": True, "draft": 2, "register": 3},
        {"meet": 1.0, "draft": 2, "register": 3},
        {"meet": "1.0", "draft": 2, "register": 3},
        {"meet": "١", "draft": 2, "register": 3},
        {"meet": "9" * 5000, "draft": 2, "register": 3},
        {"meet": 1, "draft": 2, "register": 3, "extra": 4},
        [1, 2, 3],
    ],
)
def test_ordering_malformed_scores_0(response):
    result = grade_question(ORDERING, response, "en", "en")
    assert (result.score, result.answered) == (0, True)


# -- Whole quizzes ------------------------------------------------------------------------

TF = "  - id: q{n}\n    type: true_false\n    text: {{en: Q, fr: Q}}\n    answer: true\n"


def quiz_of_true_false(count: int, settings_yaml: str = "", points=None) -> QuizDefinition:
    questions = ""
    for n in range(count):
        questions += TF.format(n=n)
        if points:
            questions += f"    points: {points[n]}\n"
    return quiz_of(questions, settings_yaml)


def answers(right: int, wrong: int = 0) -> dict:
    responses = {f"q{n}": "true" for n in range(right)}
    responses.update({f"q{n}": "false" for n in range(right, right + wrong)})
    return responses


@pytest.mark.parametrize(
    ("pass_mark", "passed"), [("66.67", True), ("66.66", True), ("66.68", False), ("70", False)]
)
def test_two_of_three_is_66_67_percent_and_the_pass_mark_boundary_passes(pass_mark, passed):
    result = grade_quiz(
        quiz_of_true_false(3, f"pass_mark: {pass_mark}\n"), answers(2, 1), "en", "en"
    )
    assert result.score_percent == Decimal("66.67")
    assert result.passed is passed


def test_a_score_equal_to_the_pass_mark_passes():
    result = grade_quiz(quiz_of_true_false(2, "pass_mark: 50\n"), answers(1, 1), "en", "en")
    assert (result.score_percent, result.passed) == (Decimal("50.00"), True)


def test_pass_mark_0_passes_with_nothing_answered():
    result = grade_quiz(quiz_of_true_false(2, "pass_mark: 0\n"), {}, "en", "en")
    assert (result.score_percent, result.passed) == (Decimal("0.00"), True)
    assert [r.answered for r in result.questions] == [False, False]


def test_pass_mark_100_needs_every_point():
    quiz = quiz_of_true_false(3, "pass_mark: 100\n")
    assert grade_quiz(quiz, answers(3), "en", "en").passed
    assert not grade_quiz(quiz, answers(2, 1), "en", "en").passed


def test_points_weight_the_questions():
    quiz = quiz_of_true_false(3, points=[2, 1, 0.5])
    result = grade_quiz(quiz, {"q0": "true", "q1": "false", "q2": "true"}, "en", "en")
    assert (result.points, result.max_points) == (Fraction(5, 2), Fraction(7, 2))
    assert result.score_percent == Decimal("71.43")
    assert result.passed  # the default pass mark is 70
    assert result.result("q0").points == 2
    assert result.result("q2").max_points == Fraction(1, 2)


def test_partial_scores_are_weighted_exactly():
    quiz = quiz_of(
        "  - id: steps\n    type: ordering\n    text: {en: O, fr: O}\n    points: 3\n    items:\n"
        "      - {id: a, text: {en: A, fr: A}}\n      - {id: b, text: {en: B, fr: B}}\n"
        "      - {id: c, text: {en: C, fr: C}}\n"
    )
    result = grade_quiz(quiz, {"steps": {"a": 1, "b": 3, "c": 2}}, "en", "en")
    assert result.result("steps").points == 1
    assert result.score_percent == Decimal("33.33")


def test_the_percentage_is_rounded_half_up():
    # 1 point of 800 is 0.125%.
    quiz = quiz_of_true_false(2, points=[1, 799])
    assert grade_quiz(quiz, answers(1, 1), "en", "en").score_percent == Decimal("0.13")


def test_missing_unknown_and_malformed_responses_do_not_break_a_quiz():
    quiz = quiz_of_true_false(2)
    result = grade_quiz(quiz, {"q0": "true", "nope": "true"}, "en", "en")
    assert result.score_percent == Decimal("50.00")
    assert grade_quiz(quiz, None, "en", "en").score_percent == Decimal("0.00")
    assert grade_quiz(quiz, ["true"], "en", "en").score_percent == Decimal("0.00")


def test_results_serialise_to_json():
    quiz = quiz_of_true_false(3)
    data = json.loads(json.dumps(grade_quiz(quiz, answers(2, 1), "en", "en").to_dict()))
    assert data["score_percent"] == 66.67
    assert data["passed"] is False
    assert data["results"][0] == {
        "question_id": "q0",
        "score": 1.0,
        "points": 1.0,
        "max_points": 1.0,
        "correct": True,
        "answered": True,
        "feedback": [],
        "message": None,
    }


def test_a_quiz_rebuilt_from_json_grades_the_same():
    quiz = quiz_of(SHORT.replace("principle", "p") + "    points: 2\n")
    rebuilt = QuizDefinition.from_dict(json.loads(json.dumps(quiz.to_dict())))
    responses = {"p": "Ballot"}
    assert grade_quiz(rebuilt, responses, "en", "en") == grade_quiz(quiz, responses, "en", "en")


# -- Whatever the learner sends, grading never raises ----------------------------------------

EVERY_QUESTION = (SINGLE, ALL_OR_NOTHING, PARTIAL, CREDITS, TRUE_FALSE, one(SHORT), NUMERIC)
EVERY_QUESTION += (MATCHING, ORDERING)
IDS = ["right", "a", "b", "c", "e", "coop", "mutual", "state", "meet", "draft", "register"]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.decimals(),
    st.sampled_from(IDS + ["true", "false", "1", "2", "3", "12,5", "12.5", "1 000", ""]),
    st.text(max_size=30),
)
responses = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.lists(st.sampled_from(IDS), max_size=5).map(tuple),
        st.frozensets(st.sampled_from(IDS), max_size=5),
        st.dictionaries(st.one_of(st.sampled_from(IDS), st.text(max_size=5)), children, max_size=5),
    ),
    max_leaves=12,
)


@settings(max_examples=500, deadline=None)
@given(
    index=st.integers(0, len(EVERY_QUESTION) - 1),
    response=responses,
    language=st.sampled_from(["en", "fr", "es"]),
    locale=st.sampled_from(["en", "fr", "de", "pt_BR", "ar", "sv"]),
)
def test_grading_never_raises_and_scores_from_0_to_1(index, response, language, locale):
    result = grade_question(EVERY_QUESTION[index], response, language, locale, "en")
    assert 0 <= result.score <= 1
    assert 0 <= result.points <= result.max_points
    assert result.correct == (result.score == 1)
    json.dumps(result.to_dict())


@settings(max_examples=100, deadline=None)
@given(answers=st.dictionaries(st.sampled_from(["q0", "q1", "q2", "x"]), responses, max_size=4))
def test_a_quiz_score_is_a_percentage(answers):
    result = grade_quiz(quiz_of_true_false(3), answers, "en", "en")
    assert Decimal(0) <= result.score_percent <= Decimal(100)
    assert result.score_percent == result.score_percent.quantize(Decimal("0.01"))


NUMERIC_WITH_FEEDBACK = one(
    """\
  - id: answer
    type: numeric
    text: {en: "The answer?", fr: "La réponse ?"}
    feedback_other: {en: Completely wrong., fr: Complètement faux.}
    answers:
      - {value: 42, tolerance: 0.001, feedback: {en: "Well done!", fr: "Bravo !"}}
      - {value: 42, tolerance: 2, credit: 50, feedback: {en: Close., fr: Presque.}}
      - {value: 13, tolerance: 1, credit: 0, feedback: {en: "Unlucky?", fr: "Malchance ?"}}
"""
)


@pytest.mark.parametrize(
    ("text", "expected", "feedback"),
    [
        ("42", 1, {"en": "Well done!", "fr": "Bravo !"}),  # the best of the answers matched
        ("43", Fraction(1, 2), {"en": "Close.", "fr": "Presque."}),
        ("12.5", 0, {"en": "Unlucky?", "fr": "Malchance ?"}),
        ("7", 0, {"en": "Completely wrong.", "fr": "Complètement faux."}),
    ],
)
def test_numeric_answers_show_the_feedback_of_the_answer_matched(text, expected, feedback):
    result = grade_question(NUMERIC_WITH_FEEDBACK, text, "en", "en")
    assert (result.score, result.feedback) == (expected, (feedback,))


def test_a_single_question_with_two_correct_choices_accepts_either():
    question = one(
        """\
  - id: pick
    type: single
    text: {en: "Which?", fr: "Lequel ?"}
    choices:
      - {id: a, correct: true, text: {en: A, fr: A}}
      - {id: b, correct: true, text: {en: B, fr: B}}
      - {id: c, text: {en: C, fr: C}}
"""
    )
    assert [score(question, choice) for choice in ("a", "b", "c")] == [1, 1, 0]

"""GIFT conversion: the samples, round trips, merging translations, writing, refusals, CLI."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from academy.courses.package import ID_PATTERN, MAX_ID_LENGTH
from academy.courses.yamlfile import load
from academy.quizzes.cli import quizzes
from academy.quizzes.gift import GiftError, merge_gift, parse_gift, write_gift

SAMPLES = Path(__file__).parent / "gift_samples"
GOOD_SAMPLES = sorted(path.name for path in SAMPLES.glob("[0-9]*.gift"))
ESSAY = "essay questions cannot be imported: SSE Academy grades every answer automatically"
DESCRIPTION = "descriptions are not questions; put this text in a lesson"


def sample(name: str) -> str:
    return (SAMPLES / name).read_bytes().decode("utf-8")  # keeps \r\n


def parse_sample(name: str, language: str = "en") -> dict:
    return parse_gift(sample(name), language, name)


def questions_of(name: str) -> dict[str, dict]:
    return {question["id"]: question for question in parse_sample(name)["questions"]}


def problems(text: str, language: str = "en", path: str = "t.gift") -> list[str]:
    with pytest.raises(GiftError) as raised:
        parse_gift(text, language, path)
    return [f"{p}:{line}: {message}" for p, line, message in raised.value.problems]


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if needle in line)


def en(text: str) -> dict:
    return {"en": text}


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


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("error-essay.gift", [f"error-essay.gift:3: {ESSAY}"]),
        ("error-description.gift", [f"error-description.gift:1: {DESCRIPTION}"]),
        (
            "error-several.gift",
            [
                "error-several.gift:3: only one answer can be marked = when there are ~ "
                "answers; give weights (~%50%answer) to make several answers count",
                "error-several.gift:7: 'seven' is not a number (write 3.5, with a point)",
                "error-several.gift:9: the answer block opened here is not closed with }",
                "error-several.gift:11: the * wildcard cannot be imported: SSE Academy "
                "compares short answers as written (write \\* for a star)",
                "error-several.gift:13: feedback on a short answer cannot be imported; "
                "use the general feedback (####)",
            ],
        ),
    ],
)
def test_error_samples_report_every_problem_with_its_line(name, expected):
    assert problems(sample(name), path=name) == expected


def test_gift_error_prints_like_a_compiler():
    with pytest.raises(GiftError, match=r"^e\.gift:3: error: essay questions"):
        parse_gift(sample("error-essay.gift"), "en", "e.gift")


@pytest.mark.parametrize(
    ("gift", "line", "message"),
    [
        ("", 1, "the file has no questions"),
        ("// only a comment\n\n$CATEGORY: x\n", 1, "the file has no questions"),
        ("Q {=a ~b} }", 1, "a question has one answer block; write \\{ and \\} for braces"),
        ("Q } {=a ~b}", 1, "this } closes no answer block; write \\} for a brace in text"),
        ("::Title Q {T}", 1, "the question title is not closed with ::"),
        ("::t::\n{T}", 1, "the question has no text"),
        ("Q {####only feedback}", 1, ESSAY),
        ("Q {~a ~b}", 1, "no choice is marked correct: write = before the correct one"),
        ("Q {~a}", 1, "a choice question needs at least two choices"),
        ("Q\n{\n=a\n~\n}", 4, "this choice has no text"),
        (
            "Q {=%50%a ~b}",
            1,
            "write a weight after ~ (~%50%answer); = marks the one correct choice",
        ),
        ("Q {\n~%150%a\n~b\n}", 2, "a choice's weight must be from -100% to 100%"),
        (
            "Q {~%50%a ~b}",
            1,
            "the positive weights add up to 50%, so no learner can get full marks",
        ),
        ("::a::\nQ\n{\n=a\n=b\n~c\n}", 5, "only one answer can be marked = when there are ~"),
        ("Q {=a -> 1}", 1, "a matching question needs at least two pairs"),
        ("Q {\n=a -> 1\n=b\n}", 3, "a matching pair needs 'prompt -> match'"),
        ("Q {=a -> 1 =b ->}", 1, "this pair has nothing after ->"),
        ("Q {=%0%a}", 1, "a short answer's weight must be from 1% to 100%"),
        ("Q {=}", 1, "this accepted answer is empty"),
        ("Q {#=%50%3}", 1, "at least one numeric answer must be worth 100%"),
        ("Q {#=3 =%0%4}", 1, "a numeric answer's weight must be from 1% to 100%"),
        ("Q {#5..1}", 1, "the range ends below its start"),
        ("Q {#3:-1}", 1, "a tolerance cannot be negative"),
        ("Q {#3,5}", 1, "'3,5' is not a number (write 3.5, with a point)"),
        ("Q {#1e400}", 1, "1e400 is too large"),
        ("Q {#}", 1, "the numeric question has no answer"),
        (
            "Q {#3#right}",
            1,
            "feedback on a numeric answer cannot be imported; use the general feedback (####)",
        ),
        (
            "Q {#3\n~#wrong}",
            2,
            "feedback for wrong numeric answers (~) cannot be imported; "
            "use the general feedback (####)",
        ),
    ],
)
def test_refusals_name_the_line(gift, line, message):
    found = problems(gift)
    assert len(found) == 1
    assert found[0].startswith(f"t.gift:{line}: {message}")


def test_a_file_with_problems_reports_them_all_and_comment_lines_keep_their_numbers():
    gift = "// a comment\n\nQ {T}\n\n// another\nNo block here\n\nR {}\n"
    assert problems(gift) == [f"t.gift:6: {DESCRIPTION}", f"t.gift:8: {ESSAY}"]


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


# -- Round trips ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", GOOD_SAMPLES)
def test_every_sample_survives_writing_and_reading_back(name):
    quiz = parse_sample(name)
    written = write_gift(quiz, "en")
    assert parse_gift(written, "en", name) == quiz


ROUND_TRIP_YAML = r"""
title: {en: Check your understanding / SSE}
questions:
  - id: definition
    type: single
    text: {en: "What is a *cooperative*? See [the ICA](https://ica.coop/en#identity)."}
    choices:
      - id: c1
        text: {en: "An enterprise its members own = control"}
        correct: true
        feedback: {en: "Yes: members own it together {always}."}
      - id: c2
        text: {en: "A state agency #1 ~ really"}
      - id: c3
        text: {en: "[html] is not a format here"}
    feedback: {en: "Line one\\\nline two, with a backslash \\ and 100 % sure"}
  - id: principles
    type: multiple
    text: {en: "Which are principles?"}
    choices:
      - {id: c1, text: {en: Voluntary and open membership}, credit: 50}
      - {id: c2, text: {en: Concern for community}, credit: 50}
      - {id: c3, text: {en: "%100 returns to shareholders"}, credit: -100, feedback: {en: No.}}
      - {id: c4, text: {en: A neutral answer}, credit: 0}
  - id: rochdale
    type: true_false
    text: {en: "The Pioneers opened their store in 1944."}
    answer: false
    feedback_true: {en: "Look again: 1844."}
    feedback_false: {en: "Right: it was 1844."}
  - id: autonomy
    type: true_false
    text: {en: Cooperatives are autonomous.}
    answer: true
    feedback_false: {en: "Look at the fourth principle."}
  - id: founded
    type: numeric
    text: {en: "In which year was the Statement adopted?"}
    answer: 1995
  - id: refund
    type: numeric
    text: {en: "Refund rate, in %?"}
    answer: -2.5
    tolerance: 0.25
  - id: years
    type: numeric
    text: {en: "An International Year of Cooperatives?"}
    answers:
      - {value: 2012}
      - {value: 2025}
      - {value: 2000, tolerance: 20, credit: 10}
    feedback: {en: "2012 and 2025."}
  - id: families
    type: matching
    text: {en: Match each organisation with its family.}
    pairs:
      - {id: p1, prompt: {en: "A housing cooperative: members"}, match: {en: cooperative}}
      - {id: p2, prompt: {en: A mutual insurer}, match: {en: "mutual #2"}}
    distractors:
      - {id: d1, text: {en: foundation}}
  - id: principle
    type: short
    text: {en: "Complete: one member, one ..."}
    answers:
      en: [vote, {text: voice, credit: 50}, "a = b ~ c # d * e \\ f { g }", "%20", "T"]
  - id: blank
    type: single
    text: {en: "The Pioneers founded a _____ in 1844."}
    choices:
      - {id: c1, text: {en: cooperative}, correct: true}
      - {id: c2, text: {en: company}}
"""


def test_a_quiz_file_survives_writing_and_reading_back():
    quiz = yaml.safe_load(ROUND_TRIP_YAML)
    written = write_gift(quiz, "en")
    assert "::blank::[markdown]The Pioneers founded a {=cooperative ~company} in 1844." in written
    assert "::years::[markdown]An International Year of Cooperatives? {#\n\t=2012\n" in written
    assert parse_gift(written, "en") == quiz


def test_the_spec_example_goes_to_a_translator_and_back():
    """to-gift fr, then from-gift --into: the quiz comes back unchanged (ids included)."""
    quiz = yaml.safe_load(SPEC_EXAMPLE)
    french = write_gift(quiz, "fr")
    assert merge_gift(quiz, french, "fr") == quiz


SPEC_EXAMPLE = """
title: {en: Check your understanding, fr: Vérifiez vos acquis}
pass_mark: 70
max_attempts: 3
feedback: after_each_attempt
questions:
  - id: definition
    type: single
    text: {en: "What is a cooperative?", fr: "Qu'est-ce qu'une coopérative ?"}
    choices:
      - id: owned
        correct: true
        text: {en: An enterprise its members own and control,
               fr: Une entreprise que ses membres possèdent et contrôlent}
        feedback: {en: "Yes, members own it together.",
                   fr: "Oui, les membres la possèdent ensemble."}
      - id: state
        text: {en: A state agency, fr: Un organisme public}
        feedback: {en: "No, cooperatives are autonomous.",
                   fr: "Non, les coopératives sont autonomes."}
  - id: founded
    type: numeric
    text: {en: "In which year was the ICA Statement on the Cooperative Identity adopted?",
           fr: "En quelle année la Déclaration sur l'identité coopérative a-t-elle été adoptée ?"}
    answer: 1995
  - id: principle
    type: short
    text: {en: "Name the principle: one member, one ...", fr: "Complétez : un membre, une ..."}
    answers: {en: [vote], fr: [voix]}
"""


# -- Writing -------------------------------------------------------------------------------


def test_settings_and_options_become_comments_that_reading_ignores():
    quiz = yaml.safe_load(SPEC_EXAMPLE)
    quiz["introduction"] = {"en": "Read the lesson first.", "fr": "Lisez d'abord la leçon."}
    quiz["questions"][2].update(points=2, ignore_accents=True)
    written = write_gift(quiz, "en")
    assert written.startswith(
        "// Quiz settings (GIFT has no place for them; from-gift ignores them):\n"
        "// pass_mark: 70\n"
        "// max_attempts: 3\n"
        '// feedback: "after_each_attempt"\n'
        '// introduction: "Read the lesson first."\n'
        "$CATEGORY: Check your understanding\n"
    )
    assert "// points: 2\n// ignore_accents: true\n::principle::" in written
    read = parse_gift(written, "en")
    assert read["title"] == en("Check your understanding")
    assert [q["id"] for q in read["questions"]] == ["definition", "founded", "principle"]


def test_multiple_choice_without_credits_is_written_with_equivalent_weights():
    quiz = {
        "title": en("T"),
        "questions": [
            {
                "id": "principles",
                "type": "multiple",
                "scoring": "partial",
                "text": en("Which are principles?"),
                "choices": [
                    {"id": "a", "text": en("Open membership"), "correct": True},
                    {"id": "b", "text": en("Member control"), "correct": True},
                    {"id": "c", "text": en("Education"), "correct": True},
                    {"id": "d", "text": en("Profit first")},
                ],
            }
        ],
    }
    written = write_gift(quiz, "en")
    assert (
        "\t~%33.33333%Open membership\n\t~%33.33333%Member control\n"
        "\t~%33.33333%Education\n\t~%-100%Profit first\n" in written
    )
    assert "all_or_nothing" not in written
    del quiz["questions"][0]["scoring"]
    written = write_gift(quiz, "en")
    assert "// scoring: all_or_nothing has no GIFT form; written as partial weights" in written
    # Reading it back into the quiz keeps the quiz's own key.
    assert merge_gift(quiz, written, "en") == quiz


def test_missing_translations_and_ordering_questions_are_refused_with_their_lines():
    quiz_text = (
        "title: {en: T}\n"
        "questions:\n"
        "  - id: order\n"
        "    type: ordering\n"
        "    text: {en: Put in order, fr: Ordonnez}\n"
        "    items: [{id: a, text: {en: A, fr: A}}, {id: b, text: {en: B, fr: B}}]\n"
        "  - id: definition\n"
        "    type: single\n"
        "    text: {en: 'What is a cooperative?'}\n"
        "    choices:\n"
        "      - {id: owned, text: {en: Owned by members, fr: Détenue}, correct: true}\n"
        "      - {id: state, text: {en: A state agency}, feedback: {en: 'No.'}}\n"
    )
    with pytest.raises(GiftError) as raised:
        write_gift(load(quiz_text), "fr", "q.quiz.yaml")
    assert raised.value.problems == [
        ("q.quiz.yaml", 1, "the title has no 'fr' text"),
        ("q.quiz.yaml", 3, "question 1 ('order'): ordering questions cannot be written in GIFT"),
        (
            "q.quiz.yaml",
            7,
            "question 2 ('definition'): no 'fr' text for: text, choice state, "
            "choice state feedback",
        ),
    ]


def test_a_malformed_quiz_is_refused_not_crashed_on():
    with pytest.raises(GiftError, match="question 1 cannot be written"):
        write_gift({"title": en("T"), "questions": [{"type": "single"}]}, "en")
    with pytest.raises(GiftError, match="the quiz has no list of questions"):
        write_gift({"title": en("T")}, "en")


# -- Merging a translation --------------------------------------------------------------------


def merged_translation() -> dict:
    english = parse_sample("20-translation.en.gift")
    return merge_gift(english, sample("20-translation.fr.gift"), "fr", "fr.gift")


def only(language: str, data):
    """The part of a merged quiz in one language (texts and short answers)."""
    if isinstance(data, list):
        return [only(language, item) for item in data]
    if not isinstance(data, dict):
        return data
    if set(data) <= {"en", "fr"}:
        return {language: data[language]} if language in data else None
    return {key: only(language, value) for key, value in data.items()}


def test_merging_adds_the_other_language_and_keeps_the_first():
    merged = merged_translation()
    assert merged["title"] == {"en": "Check your understanding", "fr": "Vérifiez vos acquis"}
    assert only("en", merged) == parse_sample("20-translation.en.gift")
    # Ids and the answer key come from the quiz; the texts are those of the French file.
    french = parse_sample("20-translation.fr.gift", "fr")
    assert [q["id"] for q in french["questions"]][:2] == ["definition", "principes"]
    for theirs, mine in zip(french["questions"], merged["questions"], strict=True):
        theirs["id"] = mine["id"]
    assert only("fr", merged) == french
    principle = next(q for q in merged["questions"] if q["id"] == "principle")
    assert principle["answers"] == {
        "en": ["vote", {"text": "voice", "credit": 50}],
        "fr": ["voix", {"text": "vote", "credit": 50}],
    }


def test_merging_does_not_change_the_quiz_it_is_given():
    english = parse_sample("20-translation.en.gift")
    before = yaml.safe_dump(english)
    merge_gift(english, sample("20-translation.fr.gift"), "fr")
    assert yaml.safe_dump(english) == before


def test_merging_a_language_again_replaces_its_texts_and_drops_stale_feedback():
    merged = merged_translation()
    updated = sample("20-translation.fr.gift").replace("\t####Voir la définition de l'ACI.\n", "")
    updated = updated.replace("Un organisme public", "Une administration")
    again = merge_gift(merged, updated, "fr")
    definition = again["questions"][0]
    assert definition["feedback"] == en("See the ICA definition.")
    assert definition["choices"][1]["text"] == {"en": "A state agency", "fr": "Une administration"}


FRENCH = sample("20-translation.fr.gift")


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        (
            "\t~Un organisme public#Non, les coopératives sont autonomes.\n",
            "\t~Un organisme public\n\t~Une association\n",
            "::Définition::",
            "question 1 ('definition'): the number of choices differs: 2 in the quiz, 3 here",
        ),
        (
            "\t=Une entreprise que ses membres possèdent et contrôlent#Oui, les membres la "
            "possèdent ensemble.\n\t~Un organisme public#",
            "\t~Une entreprise que ses membres possèdent et contrôlent#Oui, les membres la "
            "possèdent ensemble.\n\t=Un organisme public#",
            "::Définition::",
            "question 1 ('definition'): choice 1 is correct in the quiz, not here",
        ),
        (
            "~%50%Adhésion volontaire et ouverte à tous\n\t~%50%",
            "~%60%Adhésion volontaire et ouverte à tous\n\t~%40%",
            "::Principes::",
            "question 2 ('principles'): choice 1 is worth 50% in the quiz, 60% here",
        ),
        (
            "{TRUE#Revoyez",
            "{FALSE#Revoyez",
            "::Rochdale::",
            "question 3 ('rochdale'): the answer is true in the quiz, false here",
        ),
        (
            "=%50%1995:1",
            "=%50%1995:2",
            "::Fondation::",
            "question 4 ('founded'): the numeric answers differ: 1995 ± 0, 1995 ± 1 (50%) "
            "in the quiz, 1995 ± 0, 1995 ± 2 (50%) here",
        ),
        (
            "\t= -> fondation\n",
            "\t=Une fondation -> fondation\n",
            "::Familles::",
            "question 5 ('families'): the number of pairs differs: 2 in the quiz, 3 here",
        ),
        (
            "\t= -> fondation\n",
            "",
            "::Familles::",
            "question 5 ('families'): the number of extra matches (= -> ...) differs: "
            "1 in the quiz, 0 here",
        ),
        (
            "{=voix =%50%vote}",
            "{T}",
            "::Principe::",
            "question 6 ('principle'): the type differs: short in the quiz, true_false here",
        ),
    ],
)
def test_merging_refuses_a_translation_whose_key_differs(old, new, needle, message):
    assert old in FRENCH
    changed = FRENCH.replace(old, new)
    with pytest.raises(GiftError) as raised:
        merge_gift(parse_sample("20-translation.en.gift"), changed, "fr", "fr.gift")
    assert raised.value.problems == [("fr.gift", line_of(changed, needle), message)]


def test_merging_refuses_a_different_number_of_questions():
    last = FRENCH.rindex("\n\nLes Pionniers")
    shorter = FRENCH[:last] + "\n"
    with pytest.raises(GiftError) as raised:
        merge_gift(parse_sample("20-translation.en.gift"), shorter, "fr", "fr.gift")
    assert raised.value.problems == [
        (
            "fr.gift",
            line_of(shorter, "::Principe::"),
            "the number of questions differs: 7 in the quiz, 6 here; "
            "questions are matched by order",
        )
    ]
    longer = FRENCH + "\nUne question de plus {T}\n"
    with pytest.raises(GiftError) as raised:
        merge_gift(parse_sample("20-translation.en.gift"), longer, "fr", "fr.gift")
    assert raised.value.problems[0][1] == line_of(longer, "Une question de plus")


def test_merging_refuses_ordering_questions_and_one_language_quizzes():
    quiz = {
        "title": "T",
        "questions": [
            {"id": "order", "type": "ordering", "text": "Order", "items": []},
            {"id": "rochdale", "type": "true_false", "text": "1844?", "answer": True},
        ],
    }
    with pytest.raises(GiftError) as raised:
        merge_gift(quiz, "Ordre {T}\n\n1844 ? {T}\n", "fr", "fr.gift")
    assert raised.value.problems == [
        (
            "fr.gift",
            1,
            "question 1 ('order'): the quiz has an ordering question here, which GIFT cannot hold",
        ),
        (
            "fr.gift",
            3,
            "question 2 ('rochdale'): the quiz writes this text without a language "
            "(a one-language course); write its texts as maps such as {en: ...} before "
            "adding a language (its text)",
        ),
    ]


# -- The commands ----------------------------------------------------------------------------


def run(*args: str):
    return CliRunner().invoke(quizzes, list(args))


def test_from_gift_prints_yaml():
    result = run("from-gift", str(SAMPLES / "11-windows-bom.gift"), "--lang", "fr")
    assert result.exit_code == 0, result.output
    assert yaml.safe_load(result.stdout) == parse_sample("11-windows-bom.gift", "fr")
    assert "Économie" in result.stdout  # allow_unicode: no \xC9 escapes
    assert result.stdout.startswith("title:\n")  # keys in the file's order


def test_from_gift_into_and_to_gift_write_files(tmp_path):
    english = tmp_path / "01-check.quiz.yaml"
    result = run(
        "from-gift",
        str(SAMPLES / "20-translation.en.gift"),
        "--lang",
        "en",
        "--output",
        str(english),
    )
    assert result.exit_code == 0, result.output
    both = tmp_path / "both.quiz.yaml"
    french = str(SAMPLES / "20-translation.fr.gift")
    result = run("from-gift", french, "--lang", "fr", "--into", str(english), "--output", str(both))
    assert result.exit_code == 0, result.output
    assert yaml.safe_load(both.read_text(encoding="utf-8")) == merged_translation()
    gift = tmp_path / "fr.gift"
    result = run("to-gift", str(both), "--lang", "fr", "--output", str(gift))
    assert result.exit_code == 0, result.output
    assert parse_gift(gift.read_text(encoding="utf-8"), "fr") == only("fr", merged_translation())


def test_to_gift_prints_gift(tmp_path):
    quiz = tmp_path / "q.quiz.yaml"
    quiz.write_text(yaml.safe_dump(parse_sample("01-single-choice.gift")), encoding="utf-8")
    result = run("to-gift", str(quiz), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("$CATEGORY: Cooperative basics\n\n::definition::[markdown]")


def test_errors_go_to_stderr_with_status_1_and_nothing_is_written(tmp_path):
    output = tmp_path / "out.quiz.yaml"
    result = run(
        "from-gift", str(SAMPLES / "error-essay.gift"), "--lang", "en", "--output", str(output)
    )
    assert result.exit_code == 1
    assert result.stderr == f"{SAMPLES / 'error-essay.gift'}:3: error: {ESSAY}\n"
    assert result.stdout == ""
    assert not output.exists()


@pytest.mark.parametrize(
    ("files", "args", "expected"),
    [
        (
            {},
            ["from-gift", "none.gift", "--lang", "en"],
            "none.gift:1: error: cannot read the file",
        ),
        (
            {"bad.gift": b"Q {T}\n\n\xff {F}\n"},
            ["from-gift", "bad.gift", "--lang", "en"],
            "bad.gift:3: error: the file is not UTF-8 text",
        ),
        (
            {"q.gift": b"Q {T}\n", "bad.quiz.yaml": b"title: {en: [\n"},
            ["from-gift", "q.gift", "--lang", "en", "--into", "bad.quiz.yaml"],
            "bad.quiz.yaml:2: error: YAML syntax: expected the node content",
        ),
        (
            {"q.quiz.yaml": b"title: {en: T}\nquestions:\n  - id: a\n    type: ordering\n"},
            ["to-gift", "q.quiz.yaml", "--lang", "en"],
            "q.quiz.yaml:3: error: question 1 ('a'): ordering questions cannot be written in GIFT",
        ),
    ],
)
def test_command_errors(files, args, expected, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # messages name the files as they were given
    for name, content in files.items():
        Path(name).write_bytes(content)
    result = run(*args)
    assert result.exit_code == 1
    assert result.stderr.startswith(expected)
    assert result.stdout == ""


def test_a_language_must_look_like_one():
    result = run("from-gift", str(SAMPLES / "03-true-false.gift"), "--lang", "english!")
    assert result.exit_code == 2
    assert "language code" in result.stderr


def test_the_group_lists_both_commands():
    result = run("--help")
    assert "from-gift" in result.stdout
    assert "to-gift" in result.stdout


# -- Fuzzing ----------------------------------------------------------------------------------

GIFT_BITS = [
    "::T::", "::", "{", "}", "=", "~", "#", "####", "->", " -> ", "%50%", "%-100%", "%200%",
    "T", "FALSE", "\\", "\\{", "\\n", "\\:", "\\\\", "\n", "\n\n", "//", "$CATEGORY: a/b//c\n",
    "[html]", "[plain]", "[moodle]", "[markdown]", "<script>x</script>", "<b>", "</p>", "<a href=",
    "1..5", "3.5:0.1", ":", "..", "1e9999", "-", "_____", "\ufffc", "\ufeff", "\r\n", "\r", " ",
    "\t", "x", "é", "*", "\\*", "&amp;", "`",
]  # fmt: skip
gift_texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(GIFT_BITS), max_size=40).map("".join),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=gift_texts)
def test_any_text_gives_a_quiz_or_a_gift_error(text):
    try:
        quiz, found = parse_gift(text, "en", "fuzz.gift"), []
    except GiftError as error:
        quiz, found = None, error.problems
    if quiz is None:
        assert found
        assert all(path == "fuzz.gift" and line >= 1 for path, line, _ in found)
        return
    ids = [question["id"] for question in quiz["questions"]]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(ID_PATTERN, i) and len(i) <= MAX_ID_LENGTH for i in ids)
    # Whatever reads, writes back to GIFT that reads the same.
    assert parse_gift(write_gift(quiz, "en"), "en", "fuzz.gift") == quiz


TEXT_BITS = [
    "a", "Coop", " ", "é", "\\~", "\\=", "\\#", "\\{", "\\}", "\\:", "\\n", "\\\\", "*", "_",
    "<b>", "</b>", "<p>", "<br>", "&amp;", "`", "[", "]", "(", ")", "%", "->", "//", "_____",
    "\n", ":", "..", "1", "-", "\\*", "[html]",
]  # fmt: skip
words = st.lists(st.sampled_from(TEXT_BITS), min_size=1, max_size=6).map("".join)
feedback = st.one_of(st.just(""), words.map(lambda text: "#" + text))
choice = st.tuples(
    st.sampled_from(["=", "~", "~%50%", "~%-25%", "~%100%", "=%50%"]), words, feedback
)
answer_blocks = st.one_of(
    st.lists(choice, min_size=1, max_size=5).map(lambda cs: " ".join(map("".join, cs))),
    st.tuples(st.sampled_from(["T", "FALSE"]), feedback, feedback).map("".join),
    st.lists(st.sampled_from(["1", "=2.5:0.5", "=%50%-3..4", "1e3", "=x"]), min_size=1, max_size=3)
    .map(" ".join)
    .map(lambda numbers: "#" + numbers),
    st.lists(st.tuples(st.just("="), words, st.just(" -> "), words), min_size=1, max_size=4).map(
        lambda pairs: " ".join(map("".join, pairs))
    ),
    st.tuples(words, feedback).map(lambda short: "=" + "".join(short)),
)
questions = st.builds(
    "{}{}{} {{{}{}}}{}".format,
    st.one_of(st.just(""), words.map(lambda title: f"::{title}::")),
    st.sampled_from(["", "[html]", "[plain]", "[moodle]", "[markdown]"]),
    words,
    answer_blocks,
    st.one_of(st.just(""), words.map(lambda text: "####" + text)),
    st.one_of(st.just(""), words),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(gift=st.lists(questions, min_size=1, max_size=4).map("\n\n".join))
def test_gift_that_reads_writes_back_the_same(gift):
    try:
        quiz = parse_gift(gift, "en")
    except GiftError:
        return
    assert parse_gift(write_gift(quiz, "en"), "en") == quiz

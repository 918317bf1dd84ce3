"""Writing GIFT: settings as comments, weights for credits, and what cannot be written.

GIFT holds less than a quiz file, so these tests check what becomes a comment, what is
written in an equivalent form, and what is refused with the quiz file's line.
"""

from __future__ import annotations

import pytest
import yaml

from academy.packagefiles.yamlfile import load
from academy.quizzes.gift import GiftError, merge_gift, parse_gift, write_gift
from tests.quizzes.gift_files import SPEC_EXAMPLE, en


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

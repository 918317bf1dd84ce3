"""GIFT round trips: what is written as GIFT reads back as the same quiz.

Writing and reading are tested together here because a translator's file must come
back unchanged, ids included, for the merge to find its questions.
"""

from __future__ import annotations

import pytest
import yaml

from academy.quizzes.gift import merge_gift, parse_gift, write_gift
from tests.quizzes.gift_files import SAMPLES, SPEC_EXAMPLE, parse_sample

GOOD_SAMPLES = sorted(path.name for path in SAMPLES.glob("[0-9]*.gift"))


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

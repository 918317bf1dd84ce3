"""Matching and ordering questions in a quiz file: pairs, distractors, items.

Both types list prompts or items with their own ids, so their problems are about
those lists: too short, ids used twice, texts missing or the same.
"""

from __future__ import annotations

import pytest

from tests.quizzes.quiz_files import REASON, error, problems_of, question, warning

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

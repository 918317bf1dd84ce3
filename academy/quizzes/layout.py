"""The order an attempt shows: drawn once from a seed, kept in the attempt, read back.

No Flask and no database: the start view stores make_layout's result in the
attempt, and pages.shown_questions reads it back with in_layout.
"""

from __future__ import annotations

import random
import secrets

from academy.packagefiles.quiz_types import (
    MatchingQuestion,
    MultipleQuestion,
    OrderingQuestion,
    QuizDefinition,
    SingleQuestion,
)


def shuffled(ids: list[str], seed: str, question_id: str) -> list[str]:
    """ids in a uniformly random order drawn from the attempt's seed and the question.

    Fisher-Yates (random.shuffle) over a generator seeded with both, so a
    question's order is the same on every page of one attempt, differs between
    attempts, and any order, the written one too, can come out.
    """
    order = list(ids)
    random.Random(f"{seed}\x00{question_id}").shuffle(order)  # noqa: S311  (not a secret)
    return order


def make_layout(definition: QuizDefinition, seed: str | None = None) -> dict:
    """The order an attempt shows: a uniform shuffle per question, seeded per attempt.

    Items to order and matches to choose from are always shuffled (the quiz
    file writes them in the correct order). Every order is equally likely,
    the written one included: refusing it would tell the learner something.
    The seed is kept in the layout, so the attempt shows one order throughout.
    """
    seed = seed or secrets.token_hex(16)
    layout: dict = {"seed": seed, "options": {}}
    if definition.shuffle_questions:
        ids = [question.id for question in definition.questions]
        layout["questions"] = shuffled(ids, seed, "")
    for question in definition.questions:
        if isinstance(question, SingleQuestion | MultipleQuestion):
            if definition.shuffle_choices:
                ids = [choice.id for choice in question.choices]
                layout["options"][question.id] = shuffled(ids, seed, question.id)
        elif isinstance(question, OrderingQuestion):
            ids = [item.id for item in question.items]
            layout["options"][question.id] = shuffled(ids, seed, question.id)
        elif isinstance(question, MatchingQuestion):
            ids = [p.id for p in question.pairs] + [d.id for d in question.distractors]
            layout["options"][question.id] = shuffled(ids, seed, question.id)
    return layout


def in_layout(
    ids: list[str], shown: list | None, seed: str | None = None, question_id: str = ""
) -> list[str]:
    """ids in the layout's order; ids the layout does not know come last.

    Without a stored order, ids that must be shuffled (seed given) are shuffled
    from the attempt's seed rather than shown in the written, correct order.
    """
    if not isinstance(shown, list):
        return shuffled(ids, seed, question_id) if seed is not None else list(ids)
    known = [i for i in shown if i in ids]
    return known + [i for i in ids if i not in known]

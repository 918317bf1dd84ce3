"""The order an attempt shows: uniform over every order, stable within an attempt."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from academy.quizzes.layout import make_layout
from academy.quizzes.pages import shown_questions
from tests.quizzes.quiz_files import EVERY_TYPE, parse
from tests.quizzes.quiz_pages import attempts_of_quiz, enrolled_learner, import_quiz, start

SEEDS = [f"seed-{n}" for n in range(3000)]


def labels(html: str) -> list[str]:
    """Every label of the attempt form, in the order the page shows them."""
    return re.findall(r"<label[^>]*>(.*?)</label>", html, re.S)


@pytest.fixture(scope="module")
def definition():
    quiz, problems = parse(EVERY_TYPE)
    assert problems == []
    return quiz


def shown_order(definition, layout: dict, question_id: str) -> tuple[str, ...]:
    """The ids of the rows (ordering) or options (matching) in the order shown."""
    for shown in shown_questions(definition, layout, "en"):
        if shown.question.id == question_id:
            return tuple(o.id for o in (shown.rows if shown.type == "ordering" else shown.options))
    raise AssertionError(question_id)


@pytest.mark.parametrize(
    ("question_id", "written"),
    [("steps", ("meet", "draft", "register")), ("pairs", ("coop", "mutual", "state"))],
)
def test_every_order_comes_out_about_equally_often(definition, question_id, written):
    orders = Counter(
        shown_order(definition, make_layout(definition, s), question_id) for s in SEEDS
    )
    # 3 items: 6 orders, each expected 500 times in 3000 (sd about 20); the
    # written (correct) order is one of them, neither favoured nor refused.
    assert len(orders) == 6
    assert written in orders
    assert all(400 < count < 600 for count in orders.values()), orders


def test_each_item_takes_each_position(definition):
    positions = Counter()
    for seed in SEEDS:
        for place, item in enumerate(
            shown_order(definition, make_layout(definition, seed), "steps")
        ):
            positions[item, place] += 1
    assert len(positions) == 9
    assert all(850 < count < 1150 for count in positions.values()), positions


def test_two_items_are_not_always_reversed(definition):
    text = EVERY_TYPE.replace("      - {id: register, text: {en: Register, fr: Enregistrer}}\n", "")
    two, problems = parse(text)
    assert problems == []
    orders = Counter(shown_order(two, make_layout(two, s), "steps") for s in SEEDS)
    assert set(orders) == {("meet", "draft"), ("draft", "meet")}
    assert 1350 < orders["meet", "draft"] < 1650


def test_the_order_depends_on_the_seed_only(definition):
    assert make_layout(definition, "one") == make_layout(definition, "one")
    layouts = [make_layout(definition, seed)["options"]["steps"] for seed in SEEDS[:50]]
    assert len({tuple(order) for order in layouts}) == 6


def test_a_layout_without_a_stored_order_is_shuffled_from_its_seed(definition):
    orders = {shown_order(definition, {"seed": s}, "steps") for s in SEEDS[:100]}
    assert len(orders) == 6
    assert shown_order(definition, {"seed": "x"}, "steps") == shown_order(
        definition, {"seed": "x"}, "steps"
    )


def test_an_attempt_shows_one_order_on_every_reload(client, tmp_path):
    import_quiz(tmp_path)
    enrolled_learner(client)
    page = start(client)
    first = labels(client.get(page).text)
    assert "Draft statutes" in first
    assert labels(client.get(page).text) == first
    assert start(client) == page
    assert labels(client.get(page).text) == first


def test_each_attempt_draws_its_own_seed(client, tmp_path):
    import_quiz(tmp_path)
    enrolled_learner(client)
    client.post(start(client), data={})
    client.post(start(client), data={})
    seeds = [attempt.layout["seed"] for attempt in attempts_of_quiz()]
    assert len(seeds) == 2
    assert seeds[0] != seeds[1]

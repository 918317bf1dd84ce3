"""Fuzzing GIFT: any text gives a quiz or a GiftError, and what reads writes back the same.

Hypothesis writes both arbitrary text and GIFT built from its own syntax, since the
reader must never crash on a trainer's file and every quiz it reads must round-trip.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from academy.packagefiles.fields import ID_PATTERN, MAX_ID_LENGTH
from academy.quizzes.gift import GiftError, parse_gift, write_gift

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

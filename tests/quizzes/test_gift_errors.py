"""Refusing GIFT: every problem of a file reported with its line, like a compiler.

Trainers fix a GIFT file from these messages alone, so each refusal is checked with
its exact line and text, and a file with several problems reports them all.
"""

from __future__ import annotations

import pytest

from academy.quizzes.gift import GiftError, parse_gift
from academy.quizzes.gift_parser import read_gift
from tests.quizzes.gift_files import DESCRIPTION, ESSAY, sample

NO_GRADED = "the file has no question that can be graded automatically"


def problems(text: str, language: str = "en", path: str = "t.gift") -> list[str]:
    with pytest.raises(GiftError) as raised:
        parse_gift(text, language, path)
    return [f"{p}:{line}: {message}" for p, line, message in raised.value.problems]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # Only an essay: it is left out, and nothing is left to convert.
        ("error-essay.gift", [f"error-essay.gift:1: {NO_GRADED}"]),
        (
            # Two correct choices (line 1) and a short answer's feedback (line 13) convert.
            "error-several.gift",
            [
                "error-several.gift:7: 'seven' is not a number (write 3.5, with a point)",
                "error-several.gift:9: the answer block opened here is not closed with }",
                "error-several.gift:11: the * wildcard cannot be imported: SSE Academy "
                "compares short answers as written (write \\* for a star)",
            ],
        ),
    ],
)
def test_error_samples_report_every_problem_with_its_line(name, expected):
    assert problems(sample(name), path=name) == expected


def test_gift_error_prints_like_a_compiler():
    with pytest.raises(GiftError, match=r"^e\.gift:1: error: the file has no question that"):
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
        ("Q {####only feedback}", 1, NO_GRADED),
        ("Q {~a ~b}", 1, "no choice is marked correct: write = before the correct one"),
        ("Q {~a}", 1, "a choice question needs at least two choices"),
        ("Q\n{\n=a\n~\n}", 4, "this choice has no text"),
        (
            "Q {=%50%a ~b}",
            1,
            "write a weight after ~ (~%50%answer); = marks a correct choice",
        ),
        ("Q {\n~%150%a\n~b\n}", 2, "a choice's weight must be from -100% to 100%"),
        (
            "Q {~%50%a ~b}",
            1,
            "the positive weights add up to 50%, so no learner can get full marks",
        ),
        ("Q {=a ~b ~%-150%c}", 1, "a choice's weight must be from -100% to 100%"),
        ("Q {=a -> 1}", 1, "a matching question needs at least two pairs"),
        ("Q {\n=a -> 1\n=b\n}", 3, "a matching pair needs 'prompt -> match'"),
        ("Q {=a -> 1 =b ->}", 1, "this pair has nothing after ->"),
        ("Q {=%0%a}", 1, "no accepted answer is worth 100%"),
        ("Q {=a =%-5%b}", 1, "a short answer's weight must be from 0% to 100%"),
        ("Q {=}", 1, "this accepted answer is empty"),
        ("Q {#=%50%3}", 1, "at least one numeric answer must be worth 100%"),
        ("Q {#=3 =%-1%4}", 1, "a numeric answer's weight must be from 0% to 100%"),
        ("Q {#5..1}", 1, "the range ends below its start"),
        ("Q {#3:-1}", 1, "a tolerance cannot be negative"),
        ("Q {#3,5}", 1, "'3,5' is not a number (write 3.5, with a point)"),
        ("Q {#1e400}", 1, "1e400 is too large"),
        ("Q {#}", 1, "the numeric question has no answer"),
        ("Q {#~#wrong}", 1, "the numeric question has no answer"),
    ],
)
def test_refusals_name_the_line(gift, line, message):
    found = problems(gift)
    assert len(found) == 1
    assert found[0].startswith(f"t.gift:{line}: {message}")


def test_a_file_with_problems_reports_them_all_and_comment_lines_keep_their_numbers():
    gift = "// a comment\n\nQ {T}\n\n// another\nNo block here\n\nR {=%0%a}\n\nS {#x}\n"
    assert problems(gift) == [
        "t.gift:8: no accepted answer is worth 100%",
        "t.gift:10: 'x' is not a number (write 3.5, with a point)",
    ]


def test_essays_and_descriptions_are_left_out_with_a_warning_naming_their_line():
    gift = "// a comment\n\nQ {T}\n\n// another\nNo block here\n\nR {}\n"
    read = read_gift(gift, "en", "t.gift")
    assert [question["text"] for question in read.quiz["questions"]] == [{"en": "Q"}]
    assert (read.total, read.lines) == (3, [3])
    assert read.warnings == [("t.gift", 6, DESCRIPTION), ("t.gift", 8, ESSAY)]

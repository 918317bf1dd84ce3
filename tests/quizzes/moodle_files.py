"""Moodle XML samples for the question bank tests, and helpers to convert and check them.

The samples in moodle_samples/ are written for SSE Academy (never copied from
Moodle); together with gift_samples/ they cover every case of Moodle's own GIFT
and XML import tests (the table is in docs/decisions.md, "Question banks from
Moodle (issue 12)").
"""

from __future__ import annotations

from pathlib import Path

import yaml

from academy.packagefiles.problems import Problems
from academy.packagefiles.quiz import parse_quiz
from academy.packagefiles.yamlfile import load
from academy.quizzes.question_bank import BankConversion, convert_question_bank

XML_SAMPLES = Path(__file__).parent / "moodle_samples"
GIFT_SAMPLES = Path(__file__).parent / "gift_samples"

LEFT_OUT = "this question of type %s was left out: the quiz file format has no such question"
FILES = "images and files are not carried over; add them by hand"


def convert(name: str, language: str = "en", into: dict | None = None) -> BankConversion:
    folder = GIFT_SAMPLES if name.endswith(".gift") else XML_SAMPLES
    return convert_question_bank((folder / name).read_bytes(), name, language, into)


def problems_of_quiz(quiz: dict, languages: tuple[str, ...] = ("en",)) -> list[str]:
    """What `academy courses check` would say about the converted quiz file."""
    problems = Problems()
    text = yaml.safe_dump(quiz, allow_unicode=True, sort_keys=False)
    parse_quiz(load(text), "q.quiz.yaml", list(languages), languages[0], problems)
    return [str(problem) for problem in problems.sorted()]


def by_id(quiz: dict) -> dict[str, dict]:
    return {question["id"]: question for question in quiz["questions"]}

"""What from-gift writes is a valid quiz file, and the command is part of `academy`."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from academy.packagefiles.problems import Problems
from academy.packagefiles.quiz import parse_quiz
from academy.packagefiles.yamlfile import load
from academy.quizzes.gift import merge_gift, parse_gift

SAMPLES = Path(__file__).with_name("gift_samples")
VALID = sorted(p for p in SAMPLES.glob("[0-9]*.gift") if not p.name.startswith("20-"))


@pytest.mark.parametrize("sample", VALID, ids=lambda p: p.stem)
def test_every_converted_sample_passes_the_quiz_checks(sample):
    quiz = parse_gift(sample.read_text(encoding="utf-8-sig"), "en", str(sample))
    text = yaml.safe_dump(quiz, allow_unicode=True, sort_keys=False)
    problems = Problems()
    definition = parse_quiz(load(text), "check.quiz.yaml", ["en"], "en", problems)
    assert [str(p) for p in problems.errors] == []
    assert definition is not None


def test_a_merged_translation_passes_the_quiz_checks():
    english = parse_gift((SAMPLES / "20-translation.en.gift").read_text("utf-8"), "en")
    both = merge_gift(english, (SAMPLES / "20-translation.fr.gift").read_text("utf-8"), "fr")
    problems = Problems()
    text = yaml.safe_dump(both, allow_unicode=True, sort_keys=False)
    assert parse_quiz(load(text), "check.quiz.yaml", ["en", "fr"], "en", problems) is not None
    assert problems.errors == []


def test_the_quizzes_commands_are_registered(runner):
    result = runner.invoke(
        args=["quizzes", "from-gift", str(SAMPLES / "03-true-false.gift"), "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    assert "type: true_false" in result.output

"""`academy quizzes from-moodle` (and from-gift, the same command) on Moodle XML files."""

from __future__ import annotations

import pytest
import yaml
from click.testing import CliRunner

from academy.quizzes.cli import quizzes
from academy.quizzes.gift_parser import DESCRIPTION, ESSAY
from tests.quizzes.moodle_files import FILES, XML_SAMPLES, convert


def run(*args: str):
    return CliRunner().invoke(quizzes, list(args))


@pytest.mark.parametrize("command", ["from-moodle", "from-gift"])
def test_a_moodle_export_prints_the_quiz_and_the_report(command):
    sample = XML_SAMPLES / "01-export.xml"
    result = run(command, str(sample), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert yaml.safe_load(result.stdout) == convert("01-export.xml").quiz
    assert result.stderr.splitlines() == [
        "5 of 7 questions converted",
        f"{sample}:33: warning: the feedback for correct, partly correct and incorrect "
        "answers is not carried over: the quiz format shows each answer's feedback and the "
        "general feedback",
        f"{sample}:61: warning: hints are not carried over: the quiz format has no hints",
        f"{sample}:196: warning: {FILES}",
        f"{sample}:238: warning: {DESCRIPTION}",
        f"{sample}:255: warning: {ESSAY}",
    ]


def test_a_translation_merges_into_a_quiz_file_with_output(tmp_path):
    english = tmp_path / "03-check.quiz.yaml"
    result = run(
        "from-moodle",
        str(XML_SAMPLES / "05-translation.en.xml"),
        "--lang",
        "en",
        "--output",
        str(english),
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    french = str(XML_SAMPLES / "05-translation.fr.xml")
    args = ["from-moodle", french, "--lang", "fr", "--into", str(english)]
    result = run(*args, "--output", str(english))
    assert result.exit_code == 0, result.output
    written = yaml.safe_load(english.read_text(encoding="utf-8"))
    english_quiz = convert("05-translation.en.xml").quiz
    assert written == convert("05-translation.fr.xml", "fr", into=english_quiz).quiz
    assert result.stderr.startswith("5 of 6 questions converted\n")


def test_a_refused_file_writes_nothing_and_exits_1(tmp_path):
    output = tmp_path / "out.quiz.yaml"
    sample = XML_SAMPLES / "error-billion-laughs.xml"
    result = run("from-moodle", str(sample), "--lang", "en", "--output", str(output))
    assert result.exit_code == 1
    assert result.stderr == (
        f"{sample}:2: error: the file declares a DOCTYPE or an ENTITY, which is refused "
        "for safety; Moodle's own exports have none\n"
    )
    assert result.stdout == ""
    assert not output.exists()

"""The from-gift and to-gift commands: files in and out, and errors on stderr.

The conversion itself is tested in the other GIFT modules; these check what a trainer
sees at the command line: output, exit status, and messages naming the given files.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from academy.quizzes.cli import quizzes
from academy.quizzes.gift import parse_gift
from tests.quizzes.gift_files import (
    DESCRIPTION,
    ESSAY,
    SAMPLES,
    merged_translation,
    only,
    parse_sample,
)


def run(*args: str):
    return CliRunner().invoke(quizzes, list(args))


def test_from_gift_prints_yaml():
    result = run("from-gift", str(SAMPLES / "11-windows-bom.gift"), "--lang", "fr")
    assert result.exit_code == 0, result.output
    assert yaml.safe_load(result.stdout) == parse_sample("11-windows-bom.gift", "fr")
    assert "Économie" in result.stdout  # allow_unicode: no \xC9 escapes
    assert result.stdout.startswith("title:\n")  # keys in the file's order


def test_from_gift_into_and_to_gift_write_files(tmp_path):
    english = tmp_path / "01-check.quiz.yaml"
    result = run(
        "from-gift",
        str(SAMPLES / "20-translation.en.gift"),
        "--lang",
        "en",
        "--output",
        str(english),
    )
    assert result.exit_code == 0, result.output
    both = tmp_path / "both.quiz.yaml"
    french = str(SAMPLES / "20-translation.fr.gift")
    result = run("from-gift", french, "--lang", "fr", "--into", str(english), "--output", str(both))
    assert result.exit_code == 0, result.output
    assert yaml.safe_load(both.read_text(encoding="utf-8")) == merged_translation()
    gift = tmp_path / "fr.gift"
    result = run("to-gift", str(both), "--lang", "fr", "--output", str(gift))
    assert result.exit_code == 0, result.output
    assert parse_gift(gift.read_text(encoding="utf-8"), "fr") == only("fr", merged_translation())


def test_to_gift_prints_gift(tmp_path):
    quiz = tmp_path / "q.quiz.yaml"
    quiz.write_text(yaml.safe_dump(parse_sample("01-single-choice.gift")), encoding="utf-8")
    result = run("to-gift", str(quiz), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("$CATEGORY: Cooperative basics\n\n::definition::[markdown]")


def test_errors_go_to_stderr_with_status_1_and_nothing_is_written(tmp_path):
    output = tmp_path / "out.quiz.yaml"
    result = run(
        "from-gift", str(SAMPLES / "error-essay.gift"), "--lang", "en", "--output", str(output)
    )
    assert result.exit_code == 1
    assert result.stderr == (
        f"{SAMPLES / 'error-essay.gift'}:1: error: "
        "the file has no question that can be graded automatically\n"
    )
    assert result.stdout == ""
    assert not output.exists()


@pytest.mark.parametrize(
    ("files", "args", "expected"),
    [
        (
            {},
            ["from-gift", "none.gift", "--lang", "en"],
            "none.gift:1: error: cannot read the file",
        ),
        (
            {"bad.gift": b"Q {T}\n\n\xff {F}\n"},
            ["from-gift", "bad.gift", "--lang", "en"],
            "bad.gift:3: error: the file is not UTF-8 text",
        ),
        (
            {"q.gift": b"Q {T}\n", "bad.quiz.yaml": b"title: {en: [\n"},
            ["from-gift", "q.gift", "--lang", "en", "--into", "bad.quiz.yaml"],
            "bad.quiz.yaml:2: error: YAML syntax: expected the node content",
        ),
        (
            {"q.quiz.yaml": b"title: {en: T}\nquestions:\n  - id: a\n    type: ordering\n"},
            ["to-gift", "q.quiz.yaml", "--lang", "en"],
            "q.quiz.yaml:3: error: question 1 ('a'): ordering questions cannot be written in GIFT",
        ),
    ],
)
def test_command_errors(files, args, expected, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # messages name the files as they were given
    for name, content in files.items():
        Path(name).write_bytes(content)
    result = run(*args)
    assert result.exit_code == 1
    assert result.stderr.startswith(expected)
    assert result.stdout == ""


def test_a_language_must_look_like_one():
    result = run("from-gift", str(SAMPLES / "03-true-false.gift"), "--lang", "english!")
    assert result.exit_code == 2
    assert "language code" in result.stderr


def test_the_group_lists_every_command():
    result = run("--help")
    assert "from-gift" in result.stdout
    assert "from-moodle" in result.stdout
    assert "to-gift" in result.stdout


def test_from_gift_reports_what_came_across_and_what_was_left_out_on_stderr():
    sample = SAMPLES / "13-left-out.gift"
    result = run("from-gift", str(sample), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert [q["id"] for q in yaml.safe_load(result.stdout)["questions"]] == ["rochdale", "founded"]
    assert result.stderr == (
        "2 of 4 questions converted\n"
        f"{sample}:1: warning: {DESCRIPTION}\n"
        f"{sample}:5: warning: {ESSAY}\n"
    )

"""`quizzes from-gift|from-moodle|to-gift`: convert quizzes between Moodle and quiz files.

Thin over academy.quizzes.question_bank and academy.quizzes.gift. `from-gift`
and `from-moodle` are one command: both read GIFT or Moodle XML, told apart by
the content. Every problem is printed on stderr as `file:line: error: message`,
with exit status 1, and then nothing is written; a conversion prints its report
("12 of 14 questions converted", then `file:line: warning: message`) on stderr.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import NoReturn

import click
from flask_babel import gettext as _

from academy.packagefiles.yamlfile import YamlError, load
from academy.quizzes.gift import GiftError, write_gift
from academy.quizzes.question_bank import convert_question_bank

_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


def _language(_context, _parameter, value: str) -> str:
    if not _LANGUAGE.fullmatch(value):
        # TRANSLATORS: en, fr and pt-BR are language codes; keep them as they are.
        raise click.BadParameter(_("give a language code such as en, fr or pt-BR"))
    return value


_LANG_OPTION = click.option(
    "--lang", "language", required=True, callback=_language, help="Language of the texts."
)
_OUTPUT_OPTION = click.option(
    "--output",
    type=click.Path(dir_okay=False),
    help="Write the result to this file instead of standard output.",
)


@click.group(help="Convert quizzes between Moodle (GIFT, Moodle XML) and quiz files (.quiz.yaml).")
def quizzes() -> None:
    pass


@click.argument("file", type=click.Path(dir_okay=False))
@_LANG_OPTION
@click.option(
    "--into",
    type=click.Path(dir_okay=False),
    help="A quiz file to add the texts to as another language, matching questions by order.",
)
@_OUTPUT_OPTION
def from_moodle(file: str, language: str, into: str | None, output: str | None) -> None:
    """Convert the GIFT or Moodle XML FILE into a quiz file (YAML)."""
    try:
        data = _read_bytes(file)
        quiz = _load_quiz(into) if into else None
        conversion = convert_question_bank(data, file, language, quiz, into_path=into or "")
    except GiftError as error:
        _fail(error)
    _write(conversion.yaml, output)
    click.echo(conversion.summary, err=True)
    for path, line, message in conversion.warnings:
        click.echo(f"{path}:{line}: warning: {message}", err=True)


# One command under two names: the name people know, and the one that says it all.
quizzes.add_command(quizzes.command("from-moodle")(from_moodle), "from-gift")


@quizzes.command("to-gift")
@click.argument("quiz", type=click.Path(dir_okay=False))
@_LANG_OPTION
@_OUTPUT_OPTION
def to_gift(quiz: str, language: str, output: str | None) -> None:
    """Write one language of the quiz file QUIZ as GIFT."""
    try:
        text = write_gift(_load_quiz(quiz), language, quiz)
    except GiftError as error:
        _fail(error)
    _write(text, output)


def _read_bytes(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        message = _("cannot read the file: %(reason)s", reason=error.strerror)
        raise GiftError([(path, 1, message)]) from None


def _read(path: str) -> str:
    data = _read_bytes(path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise GiftError([(path, line, _("the file is not UTF-8 text"))]) from None


def _load_quiz(path: str):
    try:
        return load(_read(path))
    except YamlError as error:
        raise GiftError([(path, error.line, error.message)]) from None


def _write(text: str, output: str | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as error:
        message = _("cannot write the file: %(reason)s", reason=error.strerror)
        _fail(GiftError([(output, 1, message)]))


def _fail(error: GiftError) -> NoReturn:
    for path, line, message in error.problems:
        click.echo(f"{path}:{line}: error: {message}", err=True)
    sys.exit(1)

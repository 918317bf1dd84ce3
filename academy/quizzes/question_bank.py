"""Convert a Moodle question bank (GIFT or Moodle XML) into a quiz file, with a report.

The one entry point the command line and the trainers' pages share. The format
is told by the content, not the file name: Moodle XML starts with <?xml or
<quiz, anything else is read as GIFT. Problems raise GiftError (path, line,
message each); what came across differently, or not at all, is a warning.
Pure: no Flask, no database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from academy.messages import gettext as _
from academy.messages import ngettext
from academy.quizzes.gift import merge_bank
from academy.quizzes.gift_parser import GiftError, GiftFile, read_gift
from academy.quizzes.moodle_xml import looks_like_xml, read_moodle_xml

__all__ = ["BankConversion", "GiftError", "convert_question_bank"]


@dataclass
class BankConversion:
    """A converted question bank: the quiz, how many questions came across, warnings."""

    quiz: dict
    converted: int
    total: int
    warnings: list[tuple[str, int, str]] = field(default_factory=list)

    @property
    def yaml(self) -> str:
        """The quiz file's text."""
        return yaml.safe_dump(self.quiz, allow_unicode=True, sort_keys=False)

    @property
    def summary(self) -> str:
        """ "12 of 14 questions converted", in the reader's language."""
        return ngettext(
            "%(converted)s of %(num)s question converted",
            "%(converted)s of %(num)s questions converted",
            self.total,
            converted=self.converted,
        )


def convert_question_bank(
    data: str | bytes,
    filename: str,
    language: str,
    into: dict | None = None,
    *,
    into_path: str = "<quiz>",
) -> BankConversion:
    """Read a GIFT file or a Moodle XML export as a quiz in `language`.

    With `into` (a quiz file's data), its texts are added to that quiz as another
    language, matching questions by order; the answer key must agree.
    """
    bank = _read(data, filename, language)
    quiz = bank.quiz
    if into is not None:
        quiz = merge_bank(into, bank, language, filename, quiz_path=into_path)
    return BankConversion(quiz, len(bank.quiz["questions"]), bank.total, bank.warnings)


def _read(data: str | bytes, filename: str, language: str) -> GiftFile:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if looks_like_xml(raw):
        return read_moodle_xml(raw, language, filename)
    if isinstance(data, str):
        return read_gift(data, language, filename)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise GiftError([(filename, line, _("the file is not UTF-8 text"))]) from None
    return read_gift(text, language, filename)

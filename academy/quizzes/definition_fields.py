"""Checks shared by every part of a quiz file, each reporting with the file line.

The course-wide helpers (text_map, valid_id, unknown_keys) come from
academy.courses.fields; what is here is what quizzes add to them: every text in
every course language, numbers that are not booleans, lists of mappings with ids.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from academy.courses.fields import text_map, unknown_keys, valid_id
from academy.courses.package import MAX_ID_LENGTH
from academy.courses.problems import Problems
from academy.courses.yamlfile import LineDict

ID_MESSAGE = (
    "'id' must be lowercase letters, digits and single hyphens, starting with a letter, "
    f"at most {MAX_ID_LENGTH} characters"
)
ALL_LANGUAGES_REASON = (
    "a quiz needs every course language, because its answer key is shared "
    "and every learner must be able to answer in their own language"
)


@dataclass
class Check:
    """Where problems go, and the course languages a quiz must be written in."""

    path: str
    languages: list[str]
    default_language: str
    problems: Problems

    def error(self, line: int | None, message: str) -> None:
        self.problems.error(self.path, line, message)

    def warning(self, line: int | None, message: str) -> None:
        self.problems.warning(self.path, line, message)

    @property
    def error_count(self) -> int:
        """How many errors so far: cross-checks run only when their parts were valid."""
        return len(self.problems.errors)


def as_line_dict(data) -> LineDict:
    """data as a LineDict; a plain dict (an empty file) gets line 1 for every key."""
    if isinstance(data, LineDict):
        return data
    result = LineDict(data)
    result.lines = {}
    return result


def present(data: LineDict, key: str, check: Check) -> bool:
    """True if the required key is there; if not, say so."""
    if key in data:
        return True
    check.error(data.line, f"the required key '{key}' is missing")
    return False


def allowed(data: LineDict, keys: set[str], check: Check) -> None:
    unknown_keys(data, keys, check.path, check.problems)


def texts(data: LineDict, key: str, check: Check, needed: bool = True) -> dict[str, str]:
    """A text map with every course language; needed: the key must be there."""
    if not (present(data, key, check) if needed else key in data):
        return {}
    value = data[key]
    if value is None:
        check.error(
            data.line_of(key), f"'{key}' must map languages to text, like {key}: {{en: ...}}"
        )
        return {}
    if isinstance(value, dict) and any(
        text is None and language not in check.languages for language, text in value.items()
    ):
        # {en: Yes, we can, fr: ...} reads as {en: true, "we can": null, fr: ...}.
        check.error(
            data.line_of(key),
            f"'{key}' has text with a comma that is not in quotes: "
            f'put each text in quotes, like {key}: {{en: "Yes, it is."}}',
        )
        return {}
    result = text_map(data, key, check.path, check.languages, check.problems)
    if isinstance(value, dict):
        # Languages written but empty were reported by text_map.
        missing = [language for language in check.languages if language not in value]
        if missing:
            check.error(
                data.line_of(key),
                f"'{key}' has no {', '.join(missing)} version: {ALL_LANGUAGES_REASON}",
            )
    return result


def boolean(data: LineDict, key: str, check: Check, default: bool) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        check.error(data.line_of(key), f"'{key}' must be true or false")
        return default
    return value


def is_number(value) -> bool:
    """An int or a finite float; YAML's true/false and .nan are not numbers."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return math.isfinite(value)


def number(data: LineDict, key: str, check: Check, low, high, default, message: str):
    """A number from low to high (either may be None); message says what is expected."""
    if key not in data:
        return default
    value = data[key]
    if (
        not is_number(value)
        or (low is not None and value < low)
        or (high is not None and value > high)
    ):
        check.error(data.line_of(key), f"'{key}' must be {message}")
        return default
    return value


def whole_number(data: LineDict, key: str, check: Check, low: int, high: int | None, message):
    if key not in data:
        return None
    value = data[key]
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or value < low
        or (high is not None and value > high)
    ):
        check.error(data.line_of(key), f"'{key}' must be {message}")
        return None
    return value


def one_of(data: LineDict, key: str, check: Check, choices: tuple[str, ...]) -> str:
    value = data.get(key, choices[0])
    if value not in choices:
        names = ", ".join(choices[:-1]) + f" or {choices[-1]}"
        check.error(data.line_of(key), f"'{key}' must be {names}")
        return choices[0]
    return value


def mappings(data: LineDict, key: str, check: Check, minimum: int, expected: str):
    """The maps listed under key (at least minimum of them); expected: what to write."""
    value = data.get(key)
    if not isinstance(value, list) or len(value) < minimum:
        check.error(data.line_of(key), f"'{key}' must be {expected}")
        return []
    result = []
    for item in value:
        if isinstance(item, LineDict):
            result.append(item)
        else:
            check.error(data.line_of(key), f"each item of '{key}' must be a map of keys and values")
    return result


def item_id(item: LineDict, check: Check, seen: dict[str, int], what: str) -> str | None:
    """The item's id, valid and not already in seen (id -> line); None if not usable."""
    if not present(item, "id", check):
        return None
    value = item["id"]
    if not valid_id(value):
        check.error(item.line_of("id"), ID_MESSAGE)
        return None
    if value in seen:
        check.error(
            item.line_of("id"),
            f"the {what} id '{value}' is used twice (first at line {seen[value]})",
        )
        return None
    seen[value] = item.line_of("id")
    return value


def same_texts(items: list[tuple[int, dict[str, str]]], key: str, check: Check, what: str):
    """Warn when two items (line, texts) show learners the same text in a language."""
    for language in check.languages:
        first: dict[str, int] = {}
        for line, item_texts in items:
            text = item_texts.get(language)
            if text is None:
                continue
            if text.casefold() in first:
                check.warning(
                    line,
                    f"two {what} have the same {key} in {language} (lines "
                    f"{first[text.casefold()]} and {line}); learners cannot tell them apart",
                )
            else:
                first[text.casefold()] = line

"""Checks shared by every part of a quiz file, each reporting with the file line.

The course-wide helpers (text_map, valid_id, unknown_keys) come from
academy.packagefiles.fields; what is here is what quizzes add to them: every text in
every course language, numbers that are not booleans, lists of mappings with ids.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from academy.messages import gettext as _
from academy.messages import lazy_gettext as _l
from academy.packagefiles.fields import MAX_ID_LENGTH, text_map, unknown_keys, valid_id
from academy.packagefiles.problems import Problems
from academy.packagefiles.yamlfile import LineDict

# What item_id says when an id is used twice, for each kind of item.
USED_TWICE = {
    "question": _l("the question id '%(id)s' is used twice (first at line %(first_line)s)"),
    "choice": _l("the choice id '%(id)s' is used twice (first at line %(first_line)s)"),
    "pair": _l("the pair id '%(id)s' is used twice (first at line %(first_line)s)"),
    "distractor": _l("the distractor id '%(id)s' is used twice (first at line %(first_line)s)"),
    "item": _l("the item id '%(id)s' is used twice (first at line %(first_line)s)"),
}
# What same_texts says when two items read the same in a language, for each kind of item.
SAME_TEXTS = {
    "choices": _l(
        "two choices have the same text in %(language)s "
        "(lines %(first_line)s and %(second_line)s); learners cannot tell them apart"
    ),
    "pairs": _l(
        "two pairs have the same prompt in %(language)s "
        "(lines %(first_line)s and %(second_line)s); learners cannot tell them apart"
    ),
    "matches": _l(
        "two matches have the same text in %(language)s "
        "(lines %(first_line)s and %(second_line)s); learners cannot tell them apart"
    ),
}


def all_languages_reason() -> str:
    """Why a quiz text or answer list must be in every course language."""
    return _(
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
    # TRANSLATORS: %(key)s is a YAML key; keep the quotes around it.
    check.error(data.line, _("the required key '%(key)s' is missing", key=key))
    return False


def allowed(data: LineDict, keys: set[str], check: Check) -> None:
    unknown_keys(data, keys, check.path, check.problems)


def texts(data: LineDict, key: str, check: Check, needed: bool = True) -> dict[str, str]:
    """A text map with every course language; needed: the key must be there."""
    if not (present(data, key, check) if needed else key in data):
        return {}
    value = data[key]
    if value is None:
        # TRANSLATORS: %(key)s is a YAML key; keep the example "%(key)s: {en: ...}" as it is.
        message = _("'%(key)s' must map languages to text, like %(key)s: {en: ...}", key=key)
        check.error(data.line_of(key), message)
        return {}
    if isinstance(value, dict) and any(
        text is None and language not in check.languages for language, text in value.items()
    ):
        # {en: Yes, we can, fr: ...} reads as {en: true, "we can": null, fr: ...}.
        check.error(
            data.line_of(key),
            # TRANSLATORS: %(key)s is a YAML key; keep the YAML example after "like" as it is.
            _(
                "'%(key)s' has text with a comma that is not in quotes: "
                'put each text in quotes, like %(key)s: {en: "Yes, it is."}',
                key=key,
            ),
        )
        return {}
    result = text_map(data, key, check.path, check.languages, check.problems)
    if isinstance(value, dict):
        # Languages written but empty were reported by text_map.
        missing = [language for language in check.languages if language not in value]
        if missing:
            check.error(
                data.line_of(key),
                # TRANSLATORS: %(key)s is a YAML key; %(languages)s language codes like "fr, es";
                # %(reason)s is the sentence "a quiz needs every course language, because ...".
                _(
                    "'%(key)s' has no %(languages)s version: %(reason)s",
                    key=key,
                    languages=", ".join(missing),
                    reason=all_languages_reason(),
                ),
            )
    return result


def boolean(data: LineDict, key: str, check: Check, default: bool) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        check.error(data.line_of(key), must_be_true_or_false(key))
        return default
    return value


def must_be_true_or_false(key: str) -> str:
    # TRANSLATORS: %(key)s is a YAML key; true and false are YAML values: keep them in English.
    return _("'%(key)s' must be true or false", key=key)


def must_be(key: str, expected) -> str:
    """'key' must be expected: what to write instead, like "a number from 0 to 100"."""
    # TRANSLATORS: %(key)s is a YAML key; %(expected)s says what to write, like
    # "a number from 0 to 100" or "a list of at least 2 choices".
    return _("'%(key)s' must be %(expected)s", key=key, expected=expected)


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
        check.error(data.line_of(key), must_be(key, message))
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
        check.error(data.line_of(key), must_be(key, message))
        return None
    return value


def one_of(data: LineDict, key: str, check: Check, choices: tuple[str, ...]) -> str:
    value = data.get(key, choices[0])
    if value not in choices:
        # TRANSLATORS: %(key)s is a YAML key; %(choices)s and %(last)s are YAML values
        # (like "after_each_attempt, once_passed" and "never"): keep them in English.
        message = _(
            "'%(key)s' must be %(choices)s or %(last)s",
            key=key,
            choices=", ".join(choices[:-1]),
            last=choices[-1],
        )
        check.error(data.line_of(key), message)
        return choices[0]
    return value


def mappings(data: LineDict, key: str, check: Check, minimum: int, expected: str):
    """The maps listed under key (at least minimum of them); expected: what to write."""
    value = data.get(key)
    if not isinstance(value, list) or len(value) < minimum:
        check.error(data.line_of(key), must_be(key, expected))
        return []
    result = []
    for item in value:
        if isinstance(item, LineDict):
            result.append(item)
        else:
            # TRANSLATORS: %(key)s is a YAML key; keep the quotes around it.
            message = _("each item of '%(key)s' must be a map of keys and values", key=key)
            check.error(data.line_of(key), message)
    return result


def item_id(item: LineDict, check: Check, seen: dict[str, int], what: str) -> str | None:
    """The item's id, valid and not already in seen (id -> line); None if not usable."""
    if not present(item, "id", check):
        return None
    value = item["id"]
    if not valid_id(value):
        # TRANSLATORS: 'id' is a YAML key; keep it in English.
        message = _(
            "'id' must be lowercase letters, digits and single hyphens, starting with a letter, "
            "at most %(max_length)s characters",
            max_length=MAX_ID_LENGTH,
        )
        check.error(item.line_of("id"), message)
        return None
    if value in seen:
        message = str(USED_TWICE[what]) % {"id": value, "first_line": seen[value]}
        check.error(item.line_of("id"), message)
        return None
    seen[value] = item.line_of("id")
    return value


def same_texts(items: list[tuple[int, dict[str, str]]], check: Check, what: str):
    """Warn when two items (line, texts) show learners the same text in a language.

    what: choices, pairs (the same prompt) or matches (see SAME_TEXTS).
    """
    for language in check.languages:
        first: dict[str, int] = {}
        for line, item_texts in items:
            text = item_texts.get(language)
            if text is None:
                continue
            if text.casefold() in first:
                lines = {"first_line": first[text.casefold()], "second_line": line}
                check.warning(line, str(SAME_TEXTS[what]) % {"language": language, **lines})
            else:
                first[text.casefold()] = line

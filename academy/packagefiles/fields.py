"""Field helpers shared by every YAML file of a course package, quizzes included.

Each check reports through Problems with the file and line, and returns a usable
value (or nothing) so one run reports every problem. The checks of one file's own
keys live beside it: course.yaml in academy.courses.course_fields, module.yaml and
lesson front matter in academy.courses.outline_fields, quiz files in
academy.packagefiles.quiz_fields; what they share is here, so a text map or an id
is checked the same way everywhere.
"""

from __future__ import annotations

import re

from babel import Locale, UnknownLocaleError

from academy.messages import gettext as _
from academy.packagefiles.problems import Problems
from academy.packagefiles.yamlfile import LineDict

# Ids: lowercase words joined by single hyphens, starting with a letter.
ID_PATTERN = r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*"
ID_RE = re.compile(rf"^{ID_PATTERN}$")
MAX_ID_LENGTH = 60


def valid_language(code) -> bool:
    if not isinstance(code, str) or not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", code):
        return False
    try:
        Locale.parse(code, sep="-")
    except (UnknownLocaleError, ValueError, TypeError):
        return False
    return True


def valid_id(value) -> bool:
    return isinstance(value, str) and len(value) <= MAX_ID_LENGTH and bool(ID_RE.match(value))


def unknown_keys(data: LineDict, allowed: set[str], path: str, problems: Problems) -> None:
    for key in data:
        if key not in allowed:
            hint = ", ".join(sorted(allowed))
            # TRANSLATORS: the key and the allowed ones are YAML keys; keep them in English.
            message = _("unknown key '%(key)s' (allowed: %(allowed)s)", key=key, allowed=hint)
            problems.error(path, data.line_of(key), message)


def text_map(data: LineDict, key: str, path: str, languages, problems: Problems) -> dict[str, str]:
    """A map language -> non-empty text, in course languages only."""
    value = data.get(key)
    line = data.line_of(key)
    if value is None:
        return {}
    if isinstance(value, str) and len(languages) == 1:
        value = {languages[0]: value}
    if not isinstance(value, dict):
        # TRANSLATORS: %(key)s is a YAML key; "%(key)s: {en: ...}" is YAML to type as it is.
        message = _("'%(key)s' must map languages to text, like %(key)s: {en: ...}", key=key)
        problems.error(path, line, message)
        return {}
    result = {}
    for language, text in value.items():
        where = value.line_of(language) if isinstance(value, LineDict) else line
        if language not in languages:
            # TRANSLATORS: %(language)s is a language code, %(key)s a YAML key.
            message = _(
                "'%(language)s' in '%(key)s' is not a course language", language=language, key=key
            )
            problems.error(path, where, message)
        elif not isinstance(text, str) or not text.strip():
            # TRANSLATORS: %(key)s is a YAML key, %(language)s a language code.
            message = _(
                "'%(key)s' in '%(language)s' must be non-empty text", key=key, language=language
            )
            problems.error(path, where, message)
        else:
            result[language] = text.strip()
    return result


def required_map(data, key, path, languages, default, problems) -> dict[str, str]:
    """A text_map that must have the default language; others missing are warnings."""
    result = text_map(data, key, path, languages, problems)
    if default not in result:
        # TRANSLATORS: %(key)s is a YAML key, %(default_language)s a language code.
        message = _(
            "'%(key)s' must have the default language (%(default_language)s)",
            key=key,
            default_language=default,
        )
        problems.error(path, data.line_of(key), message)
    for language in languages:
        if language != default and language not in result and default in result:
            # TRANSLATORS: %(key)s is a YAML key, %(language)s a language code.
            message = _("'%(key)s' is not translated into %(language)s", key=key, language=language)
            problems.warning(path, data.line_of(key), message)
    return result

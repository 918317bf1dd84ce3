"""The achievement a course's certificate describes, from certificate: in course.yaml.

description, criteria, tags and alignment are what an Open Badges 3.0 credential
says of the achievement, in the certificate's language. Texts are maps language
-> text, like the rest of the course; a tag list or an alignment's name or
framework may also be written once for every language (acronyms, names of
tools). Each key is optional; once written, it must have the default language,
and a language it misses is a warning, like a title.
"""

from __future__ import annotations

import re

from academy.messages import gettext as _
from academy.packagefiles.fields import text_map, unknown_keys
from academy.packagefiles.problems import Problems
from academy.packagefiles.yamlfile import LineDict

ACHIEVEMENT_KEYS = {"description", "criteria", "tags", "alignment"}
ALIGNMENT_KEYS = {"name", "url", "framework", "code"}
MAX_TAGS = 10
MAX_TAG_LENGTH = 40
MAX_URL_LENGTH = 500
URL_RE = re.compile(r"https?://[^\s<>\"'`]+\.[^\s<>\"'`]+")


class _Reader:
    """Reads the keys of one mapping, reporting against the course's languages."""

    def __init__(self, path: str, languages: list[str], default: str, problems: Problems):
        self.path, self.languages, self.default = path, languages, default
        self.problems = problems

    def translated(self, data: LineDict, key: str) -> dict[str, str]:
        """A text map that, once written, has the default language; others missing warn."""
        result = text_map(data, key, self.path, self.languages, self.problems)
        if result:
            self.coverage(data, key, result)
        return result

    def neutral_or_translated(self, data: LineDict, key: str) -> dict[str, str]:
        """Text written once for every language, or a map language -> text."""
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            return dict.fromkeys(self.languages, value.strip())
        if value is not None and not isinstance(value, dict):
            # TRANSLATORS: %(key)s is a YAML key; keep it in English.
            message = _("'%(key)s' must be text, or map languages to text", key=key)
            self.problems.error(self.path, data.line_of(key), message)
            return {}
        return self.translated(data, key)

    def coverage(self, data: LineDict, key: str, result: dict) -> None:
        line = data.line_of(key)
        if self.default not in result:
            # TRANSLATORS: %(key)s is a YAML key, %(default_language)s a language code.
            message = _(
                "'%(key)s' must have the default language (%(default_language)s)",
                key=key,
                default_language=self.default,
            )
            self.problems.error(self.path, line, message)
            return
        for language in self.languages:
            if language not in result:
                # TRANSLATORS: %(key)s is a YAML key, %(language)s a language code.
                message = _(
                    "'%(key)s' is not translated into %(language)s", key=key, language=language
                )
                self.problems.warning(self.path, line, message)

    def tags(self, data: LineDict) -> dict[str, list[str]]:
        value = data.get("tags")
        if value is None:
            return {}
        if isinstance(value, list):
            tags = self._tag_list(value, data.line_of("tags"))
            return dict.fromkeys(self.languages, tags) if tags else {}
        if not isinstance(value, dict):
            self._tags_shape(data.line_of("tags"))
            return {}
        result = {}
        for language, tags in value.items():
            line = value.line_of(language) if isinstance(value, LineDict) else data.line_of("tags")
            if language not in self.languages:
                # TRANSLATORS: %(language)s is a language code, 'tags' a YAML key.
                message = _(
                    "'%(language)s' in '%(key)s' is not a course language",
                    language=language,
                    key="tags",
                )
                self.problems.error(self.path, line, message)
            elif not isinstance(tags, list):
                self._tags_shape(line)
            elif checked := self._tag_list(tags, line):
                result[language] = checked
        if result:
            self.coverage(data, "tags", result)
        return result

    def _tags_shape(self, line: int) -> None:
        # TRANSLATORS: 'tags' is a YAML key; "[ILO, Think.COOP]" is YAML to type as it is.
        message = _(
            "'tags' must be a list of short texts like [ILO, Think.COOP], "
            "or map languages to such lists"
        )
        self.problems.error(self.path, line, message)

    def _tag_list(self, tags: list, line: int) -> list[str]:
        if len(tags) > MAX_TAGS or not all(
            isinstance(tag, str) and tag.strip() and len(tag.strip()) <= MAX_TAG_LENGTH
            for tag in tags
        ):
            # TRANSLATORS: 'tags' is a YAML key; keep it in English.
            message = _(
                "'tags' must hold at most %(max_tags)s texts of at most %(max_length)s "
                "characters each",
                max_tags=MAX_TAGS,
                max_length=MAX_TAG_LENGTH,
            )
            self.problems.error(self.path, line, message)
            return []
        return list(dict.fromkeys(tag.strip() for tag in tags))

    def alignments(self, data: LineDict) -> list[dict]:
        value = data.get("alignment")
        if value is None:
            return []
        if not isinstance(value, list):
            # TRANSLATORS: 'alignment', name and url are YAML keys; keep them in English.
            message = _("'alignment' must be a list, each item with a name and a url")
            self.problems.error(self.path, data.line_of("alignment"), message)
            return []
        found = [self._alignment(item, data.line_of("alignment")) for item in value]
        return [item for item in found if item is not None]

    def _alignment(self, item, line: int) -> dict | None:
        if not isinstance(item, LineDict) or "name" not in item or "url" not in item:
            # TRANSLATORS: 'alignment', name and url are YAML keys; keep them in English.
            message = _("each item of 'alignment' needs a name and a url")
            self.problems.error(self.path, getattr(item, "line", line), message)
            return None
        unknown_keys(item, ALIGNMENT_KEYS, self.path, self.problems)
        url = item["url"]
        if not isinstance(url, str) or len(url) > MAX_URL_LENGTH or not URL_RE.fullmatch(url):
            # TRANSLATORS: 'url' is a YAML key; keep it in English.
            message = _("'url' must be a web address starting with https:// or http://")
            self.problems.error(self.path, item.line_of("url"), message)
            url = None
        code = item.get("code")
        if code is not None and (not isinstance(code, str) or not code.strip()):
            # TRANSLATORS: 'code' is a YAML key; "code: \"1.2\"" is YAML to type as it is.
            message = _("'code' must be text in quotes, like code: \"1.2\"")
            self.problems.error(self.path, item.line_of("code"), message)
            code = None
        name = self.neutral_or_translated(item, "name")
        framework = self.neutral_or_translated(item, "framework")
        if not name or url is None:
            return None
        return {
            "name": name,
            "url": url,
            "framework": framework,
            "code": code.strip() if code else None,
        }


def achievement_settings(
    data: LineDict, path: str, languages: list[str], default: str, problems: Problems
) -> dict:
    """The achievement keys of certificate: (data), checked; missing ones are empty."""
    reader = _Reader(path, languages, default, problems)
    return {
        "description": reader.translated(data, "description"),
        "criteria": reader.translated(data, "criteria"),
        "tags": reader.tags(data),
        "alignments": reader.alignments(data),
    }

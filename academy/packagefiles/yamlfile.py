"""YAML that remembers where each key was written, for file:line messages."""

from __future__ import annotations

import yaml

from academy.messages import gettext as _


class LineDict(dict):
    """A mapping from YAML with the line of the mapping and of each key."""

    line: int = 1
    lines: dict

    def line_of(self, key) -> int:
        return self.lines.get(key, self.line)


class DuplicateKey(yaml.MarkedYAMLError):
    pass


class _Loader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    mapping.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str | int | float | bool) and key is not None:
            raise yaml.constructor.ConstructorError(
                None, None, _("keys must be plain text"), key_node.start_mark
            )
        if key in mapping:
            # TRANSLATORS: %(key)s is a YAML key, in quotes.
            message = _("the key %(key)s is written twice", key=repr(key))
            raise DuplicateKey(None, None, message, key_node.start_mark)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.lines[key] = key_node.start_mark.line + 1
    return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


class YamlError(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def load(text: str, first_line: int = 1):
    """Parse YAML text that starts at first_line of its file.

    Lines everywhere (errors, LineDict.lines) are lines of the file.
    """
    text = "\n" * (first_line - 1) + text
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if error.context_mark and mark and mark.index >= len(text.rstrip()):
            # "Unexpected end of file": where the unclosed thing began helps more.
            mark = error.context_mark
        line = (mark.line if mark else 0) + first_line
        problem = error.problem or error.context or _("the text cannot be read")
        raise YamlError(line, _yaml_syntax(problem)) from error
    except (yaml.YAMLError, RecursionError, ValueError, TypeError) as error:
        # Deeply nested or otherwise unusable documents, without a position.
        raise YamlError(first_line, _yaml_syntax(type(error).__name__)) from error


def _yaml_syntax(problem: str) -> str:
    # TRANSLATORS: %(problem)s is PyYAML's own description, in English, or a Python error name.
    return _("YAML syntax: %(problem)s", problem=problem)

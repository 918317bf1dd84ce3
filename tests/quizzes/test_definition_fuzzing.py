"""Fuzzing the quiz file check: whatever the file holds, it reports problems, never crashes.

Hypothesis writes documents from the format's own keys, and replaces values of a valid
file; a quiz that passes must also survive the JSON round trip the importer relies on.
"""

from __future__ import annotations

import contextlib
import copy
import json

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from academy.packagefiles.problems import Problems
from academy.packagefiles.quiz import QuizDefinition, parse_quiz
from academy.packagefiles.yamlfile import load
from tests.quizzes.quiz_files import EVERY_TYPE, PATH

KEYS = [
    "title", "questions", "id", "type", "text", "choices", "correct", "credit", "answer",
    "answers", "tolerance", "value", "pairs", "prompt", "match", "items", "distractors",
    "points", "pass_mark", "max_attempts", "feedback", "scoring", "en", "fr", "ignore_case",
]  # fmt: skip
TYPES = ["single", "multiple", "true_false", "short", "numeric", "matching", "ordering"]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(TYPES + ["a", "b", "unlimited", "", "partial"]),
    st.text(max_size=10),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(KEYS), children, max_size=6),
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=st.dictionaries(st.sampled_from(KEYS), documents, max_size=6))
def test_the_check_only_ever_reports_problems(document):
    text = yaml.safe_dump(document, allow_unicode=True)
    problems = Problems()
    quiz = parse_quiz(load(text), PATH, ["en", "fr"], "en", problems)
    if quiz is None:
        assert problems.errors
    else:
        assert not problems.errors
        assert QuizDefinition.from_dict(json.loads(json.dumps(quiz.to_dict()))) == quiz


VALID = yaml.safe_load(EVERY_TYPE)


def paths(node, prefix=()):
    """Every place in a YAML document: tuples of keys and list indexes."""
    if isinstance(node, dict):
        items = node.items()
    elif isinstance(node, list):
        items = enumerate(node)
    else:
        return
    for key, value in items:
        yield (*prefix, key)
        yield from paths(value, (*prefix, key))


def replaced(document, path, value):
    """document with the value at path replaced (unchanged if the path has gone)."""
    node = document
    for key in path[:-1]:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            return document
    if isinstance(node, dict | list):
        with contextlib.suppress(IndexError, TypeError):
            node[path[-1]] = value
    return document


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changes=st.lists(st.tuples(st.sampled_from(list(paths(VALID))), documents), max_size=3))
def test_any_value_of_a_valid_quiz_replaced_is_reported_never_a_crash(changes):
    document = copy.deepcopy(VALID)
    for path, value in changes:
        document = replaced(document, path, value)
    problems = Problems()
    text = yaml.safe_dump(document, allow_unicode=True)
    quiz = parse_quiz(load(text), PATH, ["en", "fr"], "en", problems)
    assert (quiz is None) == bool(problems.errors)
    if quiz is not None:
        assert QuizDefinition.from_dict(json.loads(json.dumps(quiz.to_dict()))) == quiz

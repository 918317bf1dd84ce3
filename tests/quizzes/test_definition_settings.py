"""A quiz file's top level: its keys, its texts in every course language, its settings.

Problems with the file as a whole are reported against the top-level lines, apart from
the checks of each question, which have their own modules.
"""

from __future__ import annotations

import pytest

from academy.packagefiles.problems import Problems
from academy.packagefiles.quiz import parse_quiz
from tests.quizzes.quiz_files import (
    PATH,
    REASON,
    TRUE_FALSE,
    error,
    parse,
    problems_of,
    question,
)


def test_an_empty_file_misses_title_and_questions():
    problems = Problems()
    assert parse_quiz({}, PATH, ["en"], "en", problems) is None
    assert [str(p) for p in problems.sorted()] == [
        error(1, "the required key 'questions' is missing"),
        error(1, "the required key 'title' is missing"),
    ]


def test_a_list_is_not_a_quiz():
    quiz, problems = parse("- title: x\n")
    assert quiz is None
    assert problems == [error(1, "must be a map of keys and values")]


def test_unknown_top_level_key():
    assert problems_of(question(TRUE_FALSE) + "pass_mrak: 80\n") == [
        error(
            7,
            "unknown key 'pass_mrak' (allowed: feedback, introduction, max_attempts, pass_mark, "
            "questions, shuffle_choices, shuffle_questions, time_limit_minutes, title)",
        )
    ]


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("{en: Check}", f"'title' has no fr version: {REASON}"),
        ("{fr: Vérification}", f"'title' has no en version: {REASON}"),
        ("{}", f"'title' has no en, fr version: {REASON}"),
        ("Check", "'title' must map languages to text, like title: {en: ...}"),
        ("", "'title' must map languages to text, like title: {en: ...}"),
        ("{en: Check, fr: ''}", "'title' in 'fr' must be non-empty text"),
        ("{en: Check, fr: Vérif, es: Control}", "'es' in 'title' is not a course language"),
        (
            "{en: Yes, we can, fr: Oui}",
            "'title' has text with a comma that is not in quotes: "
            'put each text in quotes, like title: {en: "Yes, it is."}',
        ),
    ],
)
def test_every_text_needs_every_course_language(title, message):
    text = question(TRUE_FALSE).replace("{en: Check, fr: Vérification}", title)
    assert problems_of(text) == [error(1, message)]


def test_a_missing_translation_in_a_question_is_an_error_with_its_line():
    text = question(TRUE_FALSE.replace('{en: "Open?", fr: "Ouverte ?"}', '{en: "Open?"}'))
    assert problems_of(text) == [error(5, f"'text' has no fr version: {REASON}")]


def test_languages_are_checked_against_the_default_language_too():
    text = question(TRUE_FALSE)
    assert problems_of(text, languages=("fr", "en"), default="fr") == []
    assert problems_of(text, languages=("fr", "en", "es"), default="fr") == [
        error(1, f"'title' has no es version: {REASON}"),
        error(5, f"'text' has no es version: {REASON}"),
    ]


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("pass_mark: 101", "'pass_mark' must be a number from 0 to 100"),
        ("pass_mark: -1", "'pass_mark' must be a number from 0 to 100"),
        ("pass_mark: '70'", "'pass_mark' must be a number from 0 to 100"),
        ("pass_mark: true", "'pass_mark' must be a number from 0 to 100"),
        ("pass_mark: .nan", "'pass_mark' must be a number from 0 to 100"),
        ("pass_mark:", "'pass_mark' must be a number from 0 to 100"),
        ("max_attempts: 0", "'max_attempts' must be a whole number of at least 1, or unlimited"),
        ("max_attempts: 2.5", "'max_attempts' must be a whole number of at least 1, or unlimited"),
        ("max_attempts: many", "'max_attempts' must be a whole number of at least 1, or unlimited"),
        ("max_attempts: true", "'max_attempts' must be a whole number of at least 1, or unlimited"),
        ("shuffle_questions: 'yes'", "'shuffle_questions' must be true or false"),
        ("shuffle_choices: 1", "'shuffle_choices' must be true or false"),
        ("feedback: always", "'feedback' must be after_each_attempt, once_passed or never"),
        ("time_limit_minutes: 0", "'time_limit_minutes' must be a whole number from 1 to 600"),
        ("time_limit_minutes: 601", "'time_limit_minutes' must be a whole number from 1 to 600"),
        ("time_limit_minutes: 1.5", "'time_limit_minutes' must be a whole number from 1 to 600"),
        ("time_limit_minutes: false", "'time_limit_minutes' must be a whole number from 1 to 600"),
    ],
)
def test_settings_out_of_range(setting, message):
    quiz, problems = parse(question(TRUE_FALSE) + setting + "\n")
    assert quiz is None
    assert problems == [error(7, message)]


@pytest.mark.parametrize(
    ("setting", "field", "value"),
    [
        ("pass_mark: 0", "pass_mark", 0),
        ("pass_mark: 100", "pass_mark", 100),
        ("pass_mark: 66.67", "pass_mark", 66.67),
        ("max_attempts: 1", "max_attempts", 1),
        ("max_attempts: unlimited", "max_attempts", None),
        ("time_limit_minutes: 1", "time_limit_minutes", 1),
        ("time_limit_minutes: 600", "time_limit_minutes", 600),
        ("feedback: never", "feedback", "never"),
    ],
)
def test_settings_at_their_limits(setting, field, value):
    quiz, problems = parse(question(TRUE_FALSE) + setting + "\n")
    assert problems == []
    assert getattr(quiz, field) == value


@pytest.mark.parametrize(
    ("questions", "message"),
    [
        ("questions: []", "'questions' must be a list of at least one question"),
        ("questions:", "'questions' must be a list of at least one question"),
        ("questions: {id: q}", "'questions' must be a list of at least one question"),
        ("questions: [open]", "each item of 'questions' must be a map of keys and values"),
    ],
)
def test_questions_must_be_a_list_of_maps(questions, message):
    assert problems_of(f"title: {{en: Check, fr: Vérif}}\n{questions}\n") == [error(2, message)]

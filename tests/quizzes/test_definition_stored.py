"""The definition as the importer stores it: JSON round trips and rendered texts.

Pages rebuild a quiz from the JSON the importer stored, with its texts already rendered,
so these tests check that nothing is lost on the way and that rendering reaches every
text once, escaped.
"""

from __future__ import annotations

import json

import pytest

from academy.courses.rendering import render_inline
from academy.packagefiles.quiz import QuizDefinition, render_texts
from tests.quizzes.quiz_files import EVERY_TYPE, SINGLE, parse, question


def test_definition_round_trips_through_json():
    quiz, _ = parse(EVERY_TYPE)
    data = json.loads(json.dumps(quiz.to_dict()))
    assert data["format"] == 1
    assert data["max_attempts"] == 3
    assert data["questions"][0]["type"] == "single"
    assert data["questions"][4]["answers"]["en"][1] == {
        "text": "ballot",
        "credit": 50,
        "feedback": {},
    }
    assert QuizDefinition.from_dict(data) == quiz


def test_an_unknown_stored_format_is_refused():
    quiz, _ = parse(EVERY_TYPE)
    with pytest.raises(ValueError, match="format"):
        QuizDefinition.from_dict({**quiz.to_dict(), "format": 2})


def test_render_texts_renders_every_text_and_keeps_answers_as_written():
    quiz, _ = parse(EVERY_TYPE)
    rendered = render_texts(quiz, render_inline)
    assert rendered.rendered
    assert not quiz.rendered
    assert rendered.title["en"] == "Check your <em>understanding</em>"
    assert rendered.question("pairs").distractors[0].text["fr"] == "L'État"
    assert rendered.question("definition").choices[0].feedback["en"] == "Yes, members own it."
    assert rendered.question("pairs").pairs[0].match == {"en": "Members", "fr": "Membres"}
    assert rendered.question("steps").items[2].text["fr"] == "Enregistrer"
    assert rendered.question("open").feedback_true == {"en": "Right.", "fr": "Exact."}
    assert rendered.question("principle").answers == quiz.question("principle").answers
    assert QuizDefinition.from_dict(json.loads(json.dumps(rendered.to_dict()))) == rendered


TEXT_KEYS = {"title", "introduction", "text", "feedback", "feedback_true", "feedback_false"}
TEXT_KEYS |= {"prompt", "match", "feedback_other"}


def text_maps(data, found):
    """Every text map in a stored definition: (key, map) pairs."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in TEXT_KEYS and isinstance(value, dict):
                found.append((key, value))
            else:
                text_maps(value, found)
    elif isinstance(data, list):
        for item in data:
            text_maps(item, found)
    return found


def test_render_texts_reaches_every_text_map():
    quiz, _ = parse(EVERY_TYPE)
    rendered = render_texts(quiz, lambda text: f"<p>{text}</p>")
    before, after = text_maps(quiz.to_dict(), []), text_maps(rendered.to_dict(), [])
    assert len(before) == len(after) > 40
    for (key, source), (_, html) in zip(before, after, strict=True):
        assert html == {language: f"<p>{text}</p>" for language, text in source.items()}, key


def test_render_texts_renders_the_feedback_of_typed_answers():
    text = (
        "  - id: principle\n    type: short\n    text: {en: One, fr: Un}\n"
        "    answers:\n      en: [{text: vote, feedback: '*Yes*'}]\n      fr: [voix]\n"
        "    feedback_other: {en: '*No*', fr: '*Non*'}\n"
        "  - id: year\n    type: numeric\n    text: {en: When, fr: Quand}\n"
        "    answers:\n      - {value: 1995, feedback: {en: '*Yes*', fr: '*Oui*'}}\n"
    )
    quiz, problems = parse(question(text))
    assert problems == []
    rendered = render_texts(quiz, render_inline)
    short, numeric = rendered.questions
    assert short.answers["en"][0].feedback == {"en": "<em>Yes</em>"}
    assert short.answers["en"][0].text == "vote"
    assert short.feedback_other == {"en": "<em>No</em>", "fr": "<em>Non</em>"}
    assert numeric.answers[0].feedback == {"en": "<em>Yes</em>", "fr": "<em>Oui</em>"}


def test_render_texts_escapes_what_trainers_write_as_html():
    quiz, _ = parse(question(SINGLE.replace("What?", "<script>alert(1)</script>")))
    rendered = render_texts(quiz, render_inline)
    assert rendered.questions[0].text["en"] == "&lt;script&gt;alert(1)&lt;/script&gt;"


def test_rendering_twice_is_refused():
    quiz, _ = parse(EVERY_TYPE)
    with pytest.raises(ValueError, match="already rendered"):
        render_texts(render_texts(quiz, render_inline), render_inline)

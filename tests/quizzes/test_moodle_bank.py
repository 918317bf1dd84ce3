"""convert_question_bank: GIFT or Moodle XML told apart by content, merging, the report."""

from __future__ import annotations

import pytest

from academy.packagefiles.problems import Problems
from academy.packagefiles.quiz import parse_quiz
from academy.packagefiles.yamlfile import load
from academy.quizzes.gift_parser import ESSAY, GiftError
from academy.quizzes.grading import grade_question
from academy.quizzes.question_bank import convert_question_bank
from tests.quizzes.moodle_files import XML_SAMPLES, by_id, convert, problems_of_quiz

TRUE_FALSE_XML = (
    "<quiz><question type='truefalse'><name><text>Open</text></name>"
    "<questiontext><text>Open?</text></questiontext>"
    "<answer fraction='100'><text>true</text></answer>"
    "<answer fraction='0'><text>false</text></answer></question></quiz>"
)


@pytest.mark.parametrize(
    "data",
    [
        TRUE_FALSE_XML.encode(),
        b"\xef\xbb\xbf  \n" + TRUE_FALSE_XML.encode(),
        b'<?xml version="1.0" encoding="UTF-8"?>\n' + TRUE_FALSE_XML.encode(),
        b"<!-- exported -->\n" + TRUE_FALSE_XML.encode(),
        TRUE_FALSE_XML,
    ],
)
def test_moodle_xml_is_told_by_its_content(data):
    conversion = convert_question_bank(data, "bank.txt", "en")
    assert conversion.quiz["questions"] == [
        {"id": "open", "type": "true_false", "text": {"en": "Open?"}, "answer": True}
    ]


@pytest.mark.parametrize("data", [b"::Open::Open? {T}", "::Open::Open? {T}"])
def test_anything_else_is_gift(data):
    conversion = convert_question_bank(data, "bank.xml", "en")
    assert conversion.quiz == {
        "title": {"en": "bank"},
        "questions": [
            {"id": "open", "type": "true_false", "text": {"en": "Open?"}, "answer": True}
        ],
    }
    assert (conversion.converted, conversion.total, conversion.warnings) == (1, 1, [])


def test_gift_that_is_not_utf8_is_refused_with_its_line():
    with pytest.raises(GiftError) as raised:
        convert_question_bank(b"Q {T}\n\nR {\xe9}", "latin.gift", "en")
    assert raised.value.problems == [("latin.gift", 3, "the file is not UTF-8 text")]


def test_the_report_counts_questions_in_the_singular_too():
    conversion = convert_question_bank("Q {T}", "one.gift", "en")
    assert conversion.summary == "1 of 1 question converted"
    assert conversion.yaml.startswith("title:\n  en: one\nquestions:\n")


def merged():
    english = convert("05-translation.en.xml")
    return convert("05-translation.fr.xml", "fr", into=english.quiz)


def test_a_moodle_xml_translation_merges_into_the_quiz_with_every_feedback():
    conversion = merged()
    quiz = conversion.quiz
    assert quiz["title"] == {"en": "Check your understanding", "fr": "Vérifiez vos acquis"}
    assert (conversion.converted, conversion.total) == (5, 6)
    assert conversion.warnings == [("05-translation.fr.xml", 15, ESSAY)]
    questions = by_id(quiz)
    assert questions["definition"]["choices"][1]["feedback"] == {
        "en": "No: it is autonomous.",
        "fr": "Non : elle est autonome.",
    }
    assert questions["principle"]["answers"]["fr"] == [
        {"text": "voix", "feedback": "Oui."},
        {"text": "part", "credit": 0, "feedback": "Non : les voix ne suivent pas les parts."},
    ]
    assert questions["principle"]["feedback_other"] == {
        "en": "Think of democracy.",
        "fr": "Pensez à la démocratie.",
    }
    assert questions["founded"]["answers"][1]["feedback"] == {
        "en": "That is Rochdale.",
        "fr": "C'est Rochdale.",
    }
    assert questions["founded"]["feedback_other"]["fr"] == "C'était le centenaire de l'ACI."
    assert questions["owners"]["distractors"] == [
        {"id": "d1", "text": {"en": "Shareholders", "fr": "Des actionnaires"}}
    ]
    assert problems_of_quiz(quiz, ("en", "fr")) == []


@pytest.mark.parametrize(
    ("question", "response", "feedback"),
    [
        ("principle", "part", {"fr": "Non : les voix ne suivent pas les parts."}),
        ("principle", "bulletin", {"en": "Think of democracy.", "fr": "Pensez à la démocratie."}),
        ("founded", "1844", {"en": "That is Rochdale.", "fr": "C'est Rochdale."}),
    ],
)
def test_a_french_learner_gets_the_feedback_moodle_would_show(question, response, feedback):
    problems = Problems()
    text = merged().yaml
    quiz = parse_quiz(load(text), "q.quiz.yaml", ["en", "fr"], "en", problems)
    result = grade_question(quiz.question(question), response, "fr", "fr", "en")
    assert (result.score, result.feedback) == (0, (feedback,))


def test_feedback_on_a_compact_numeric_answer_turns_it_into_a_list():
    quiz = {
        "title": {"en": "Dates"},
        "questions": [
            {"id": "founded", "type": "numeric", "text": {"en": "When?"}, "answer": 1995}
        ],
    }
    french = (
        "<quiz><question type='numerical'><questiontext><text>Quand ?</text></questiontext>"
        "<answer fraction='100'><text>1995</text><feedback><text>Oui.</text></feedback>"
        "</answer></question></quiz>"
    )
    conversion = convert_question_bank(french, "fr.xml", "fr", quiz)
    assert conversion.quiz["questions"][0] == {
        "id": "founded",
        "type": "numeric",
        "text": {"en": "When?", "fr": "Quand ?"},
        "answers": [{"value": 1995, "feedback": {"fr": "Oui."}}],
    }


def test_a_translation_with_another_answer_key_is_refused_by_line():
    english = convert("05-translation.en.xml")
    text = (XML_SAMPLES / "05-translation.fr.xml").read_text(encoding="utf-8")
    text = text.replace("<text>1844</text>", "<text>1845</text>")
    with pytest.raises(GiftError) as raised:
        convert_question_bank(text, "fr.xml", "fr", english.quiz, into_path="q.quiz.yaml")
    assert raised.value.problems == [
        (
            "fr.xml",
            27,
            "question 3 ('founded'): the numeric answers differ: 1995 ± 0, 1844 ± 0 (0%) "
            "in the quiz, 1995 ± 0, 1845 ± 0 (0%) here",
        )
    ]

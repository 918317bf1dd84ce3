"""GIFT samples and quizzes for the GIFT conversion tests, with helpers to read them.

The tests of academy.quizzes.gift are split by direction (parse, write, merge, round
trips, errors, commands, fuzzing); what more than one of them needs is here: the sample
folder, the essay refusal, the spec example and the merged French translation.
"""

from __future__ import annotations

from pathlib import Path

from academy.quizzes.gift import merge_gift, parse_gift

SAMPLES = Path(__file__).parent / "gift_samples"
ESSAY = (
    "this essay question was left out: a person grades essays, and SSE Academy grades "
    "every answer automatically"
)
DESCRIPTION = "this description was left out: it is not a question; put its text in a lesson"


def sample(name: str) -> str:
    return (SAMPLES / name).read_bytes().decode("utf-8")  # keeps \r\n


def parse_sample(name: str, language: str = "en") -> dict:
    return parse_gift(sample(name), language, name)


def en(text: str) -> dict:
    return {"en": text}


def merged_translation() -> dict:
    english = parse_sample("20-translation.en.gift")
    return merge_gift(english, sample("20-translation.fr.gift"), "fr", "fr.gift")


def only(language: str, data):
    """The part of a merged quiz in one language (texts and short answers)."""
    if isinstance(data, list):
        return [only(language, item) for item in data]
    if not isinstance(data, dict):
        return data
    if set(data) <= {"en", "fr"}:
        return {language: data[language]} if language in data else None
    return {key: only(language, value) for key, value in data.items()}


SPEC_EXAMPLE = """
title: {en: Check your understanding, fr: Vérifiez vos acquis}
pass_mark: 70
max_attempts: 3
feedback: after_each_attempt
questions:
  - id: definition
    type: single
    text: {en: "What is a cooperative?", fr: "Qu'est-ce qu'une coopérative ?"}
    choices:
      - id: owned
        correct: true
        text: {en: An enterprise its members own and control,
               fr: Une entreprise que ses membres possèdent et contrôlent}
        feedback: {en: "Yes, members own it together.",
                   fr: "Oui, les membres la possèdent ensemble."}
      - id: state
        text: {en: A state agency, fr: Un organisme public}
        feedback: {en: "No, cooperatives are autonomous.",
                   fr: "Non, les coopératives sont autonomes."}
  - id: founded
    type: numeric
    text: {en: "In which year was the ICA Statement on the Cooperative Identity adopted?",
           fr: "En quelle année la Déclaration sur l'identité coopérative a-t-elle été adoptée ?"}
    answer: 1995
  - id: principle
    type: short
    text: {en: "Name the principle: one member, one ...", fr: "Complétez : un membre, une ..."}
    answers: {en: [vote], fr: [voix]}
"""

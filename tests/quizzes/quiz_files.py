"""Quiz files for the definition tests: a valid file of every type, and helpers to check them.

The tests of academy.packagefiles.quiz are split by part of the file (settings, each
question type, storing, fuzzing); they share the file path, the message reason, the
question snippets and `parse`, which turns problems into the compiler-style lines the
course check prints, so every module compares against the same text.
"""

from __future__ import annotations

from academy.packagefiles.problems import Problems
from academy.packagefiles.quiz import parse_quiz
from academy.packagefiles.yamlfile import load

PATH = "01-start/03-check.quiz.yaml"
REASON = (
    "a quiz needs every course language, because its answer key is shared "
    "and every learner must be able to answer in their own language"
)

# Line 3 onwards: the questions.
HEAD = """\
title: {en: Check, fr: Vérification}
questions:
"""

EVERY_TYPE = """\
title: {en: Check your *understanding*, fr: Vérifiez vos acquis}
introduction: {en: Ten minutes., fr: Dix minutes.}
pass_mark: 66.67
max_attempts: 3
shuffle_questions: true
shuffle_choices: true
feedback: once_passed
time_limit_minutes: 20
questions:
  - id: definition
    type: single
    points: 2
    text: {en: "What is a cooperative?", fr: "Qu'est-ce qu'une coopérative ?"}
    feedback: {en: See lesson 1., fr: Voir la leçon 1.}
    choices:
      - id: owned
        correct: true
        text: {en: An enterprise its members own, fr: Une entreprise que ses membres possèdent}
        feedback: {en: "Yes, members own it.", fr: "Oui, les membres la possèdent."}
      - id: state
        text: {en: A state agency, fr: Un organisme public}
  - id: values
    type: multiple
    scoring: partial
    text: {en: "Which are cooperative values?", fr: "Lesquelles sont des valeurs coopératives ?"}
    choices:
      - {id: solidarity, correct: true, text: {en: Solidarity, fr: Solidarité}}
      - {id: equity, correct: true, text: {en: Equity, fr: Équité}}
      - {id: profit, text: {en: Profit first, fr: Le profit d'abord}}
  - id: weights
    type: multiple
    text: {en: Pick the principles, fr: Choisissez les principes}
    choices:
      - {id: a, credit: 50, text: {en: Democracy, fr: Démocratie}}
      - {id: b, credit: 50, text: {en: Autonomy, fr: Autonomie}}
      - {id: c, credit: -100, text: {en: Secrecy, fr: Secret}}
      - {id: d, text: {en: Size, fr: Taille}}
  - id: open
    type: true_false
    answer: true
    text: {en: Membership is open., fr: L'adhésion est ouverte.}
    feedback_true: {en: Right., fr: Exact.}
    feedback_false: {en: It is open., fr: Elle est ouverte.}
  - id: principle
    type: short
    ignore_accents: true
    text: {en: "One member, one ...", fr: "Un membre, une ..."}
    answers:
      en: [vote, {text: ballot, credit: 50}]
      fr: [voix]
  - id: founded
    type: numeric
    text: {en: "Year of the Statement?", fr: "Année de la Déclaration ?"}
    answer: 1995
  - id: share
    type: numeric
    text: {en: "Share in percent?", fr: "Part en pourcentage ?"}
    answers:
      - {value: 12.5, tolerance: 0.5}
      - {value: 12.5, tolerance: 2.5, credit: 50}
  - id: pairs
    type: matching
    text: {en: Match them, fr: Associez-les}
    pairs:
      - {id: coop, prompt: {en: Cooperative, fr: Coopérative}, match: {en: Members, fr: Membres}}
      - {id: mutual, prompt: {en: Mutual, fr: Mutuelle}, match: {en: Holders, fr: Sociétaires}}
    distractors:
      - {id: state, text: {en: The state, fr: L'État}}
  - id: steps
    type: ordering
    text: {en: Put in order, fr: Mettez dans l'ordre}
    items:
      - {id: meet, text: {en: Meet, fr: Se réunir}}
      - {id: draft, text: {en: Draft statutes, fr: Rédiger les statuts}}
      - {id: register, text: {en: Register, fr: Enregistrer}}
"""


def parse(text: str, languages=("en", "fr"), default="en"):
    problems = Problems()
    quiz = parse_quiz(load(text, first_line=1), PATH, list(languages), default, problems)
    return quiz, [str(problem) for problem in problems.sorted()]


def problems_of(text: str, languages=("en", "fr"), default="en") -> list[str]:
    return parse(text, languages, default)[1]


def error(line: int, message: str) -> str:
    return f"{PATH}:{line}: error: {message}"


def warning(line: int, message: str) -> str:
    return f"{PATH}:{line}: warning: {message}"


def question(body: str) -> str:
    """A quiz with one question, whose first line is line 3."""
    return HEAD + body


TRUE_FALSE = """\
  - id: open
    type: true_false
    text: {en: "Open?", fr: "Ouverte ?"}
    answer: true
"""

SINGLE = """\
  - id: pick
    type: single
    text: {en: "What?", fr: "Quoi ?"}
    choices:
      - {id: right, correct: true, text: {en: Right, fr: Juste}}
      - {id: wrong, text: {en: Wrong, fr: Faux}}
"""

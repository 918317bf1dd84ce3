"""Merging a GIFT translation into a quiz: texts added, answer key unchanged.

A translation is matched to the quiz by question order, so every difference in the
answer key is refused with the translation's line rather than merged.
"""

from __future__ import annotations

import pytest
import yaml

from academy.quizzes.gift import GiftError, merge_gift
from tests.quizzes.gift_files import en, merged_translation, only, parse_sample, sample


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if needle in line)


def test_merging_adds_the_other_language_and_keeps_the_first():
    merged = merged_translation()
    assert merged["title"] == {"en": "Check your understanding", "fr": "Vérifiez vos acquis"}
    assert only("en", merged) == parse_sample("20-translation.en.gift")
    # Ids and the answer key come from the quiz; the texts are those of the French file.
    french = parse_sample("20-translation.fr.gift", "fr")
    assert [q["id"] for q in french["questions"]][:2] == ["definition", "principes"]
    for theirs, mine in zip(french["questions"], merged["questions"], strict=True):
        theirs["id"] = mine["id"]
    assert only("fr", merged) == french
    principle = next(q for q in merged["questions"] if q["id"] == "principle")
    assert principle["answers"] == {
        "en": ["vote", {"text": "voice", "credit": 50}],
        "fr": ["voix", {"text": "vote", "credit": 50}],
    }


def test_merging_does_not_change_the_quiz_it_is_given():
    english = parse_sample("20-translation.en.gift")
    before = yaml.safe_dump(english)
    merge_gift(english, sample("20-translation.fr.gift"), "fr")
    assert yaml.safe_dump(english) == before


def test_merging_a_language_again_replaces_its_texts_and_drops_stale_feedback():
    merged = merged_translation()
    updated = sample("20-translation.fr.gift").replace("\t####Voir la définition de l'ACI.\n", "")
    updated = updated.replace("Un organisme public", "Une administration")
    again = merge_gift(merged, updated, "fr")
    definition = again["questions"][0]
    assert definition["feedback"] == en("See the ICA definition.")
    assert definition["choices"][1]["text"] == {"en": "A state agency", "fr": "Une administration"}


FRENCH = sample("20-translation.fr.gift")


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        (
            "\t~Un organisme public#Non, les coopératives sont autonomes.\n",
            "\t~Un organisme public\n\t~Une association\n",
            "::Définition::",
            "question 1 ('definition'): the number of choices differs: 2 in the quiz, 3 here",
        ),
        (
            "\t=Une entreprise que ses membres possèdent et contrôlent#Oui, les membres la "
            "possèdent ensemble.\n\t~Un organisme public#",
            "\t~Une entreprise que ses membres possèdent et contrôlent#Oui, les membres la "
            "possèdent ensemble.\n\t=Un organisme public#",
            "::Définition::",
            "question 1 ('definition'): choice 1 is correct in the quiz, not here",
        ),
        (
            "~%50%Adhésion volontaire et ouverte à tous\n\t~%50%",
            "~%60%Adhésion volontaire et ouverte à tous\n\t~%40%",
            "::Principes::",
            "question 2 ('principles'): choice 1 is worth 50% in the quiz, 60% here",
        ),
        (
            "{TRUE#Revoyez",
            "{FALSE#Revoyez",
            "::Rochdale::",
            "question 3 ('rochdale'): the answer is true in the quiz, false here",
        ),
        (
            "=%50%1995:1",
            "=%50%1995:2",
            "::Fondation::",
            "question 4 ('founded'): the numeric answers differ: 1995 ± 0, 1995 ± 1 (50%) "
            "in the quiz, 1995 ± 0, 1995 ± 2 (50%) here",
        ),
        (
            "\t= -> fondation\n",
            "\t=Une fondation -> fondation\n",
            "::Familles::",
            "question 5 ('families'): the number of pairs differs: 2 in the quiz, 3 here",
        ),
        (
            "\t= -> fondation\n",
            "",
            "::Familles::",
            "question 5 ('families'): the number of extra matches (= -> ...) differs: "
            "1 in the quiz, 0 here",
        ),
        (
            "{=voix =%50%vote}",
            "{T}",
            "::Principe::",
            "question 6 ('principle'): the type differs: short in the quiz, true_false here",
        ),
    ],
)
def test_merging_refuses_a_translation_whose_key_differs(old, new, needle, message):
    assert old in FRENCH
    changed = FRENCH.replace(old, new)
    with pytest.raises(GiftError) as raised:
        merge_gift(parse_sample("20-translation.en.gift"), changed, "fr", "fr.gift")
    assert raised.value.problems == [("fr.gift", line_of(changed, needle), message)]


def test_merging_refuses_a_different_number_of_questions():
    last = FRENCH.rindex("\n\nLes Pionniers")
    shorter = FRENCH[:last] + "\n"
    with pytest.raises(GiftError) as raised:
        merge_gift(parse_sample("20-translation.en.gift"), shorter, "fr", "fr.gift")
    assert raised.value.problems == [
        (
            "fr.gift",
            line_of(shorter, "::Principe::"),
            "the number of questions differs: 7 in the quiz, 6 here; "
            "questions are matched by order",
        )
    ]
    longer = FRENCH + "\nUne question de plus {T}\n"
    with pytest.raises(GiftError) as raised:
        merge_gift(parse_sample("20-translation.en.gift"), longer, "fr", "fr.gift")
    assert raised.value.problems[0][1] == line_of(longer, "Une question de plus")


def test_merging_refuses_ordering_questions_and_one_language_quizzes():
    quiz = {
        "title": "T",
        "questions": [
            {"id": "order", "type": "ordering", "text": "Order", "items": []},
            {"id": "rochdale", "type": "true_false", "text": "1844?", "answer": True},
        ],
    }
    with pytest.raises(GiftError) as raised:
        merge_gift(quiz, "Ordre {T}\n\n1844 ? {T}\n", "fr", "fr.gift")
    assert raised.value.problems == [
        (
            "fr.gift",
            1,
            "question 1 ('order'): the quiz has an ordering question here, which GIFT cannot hold",
        ),
        (
            "fr.gift",
            3,
            "question 2 ('rochdale'): the quiz writes this text without a language "
            "(a one-language course); write its texts as maps such as {en: ...} before "
            "adding a language (its text)",
        ),
    ]

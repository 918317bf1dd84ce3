"""A small course with one quiz of every question type, and helpers to take it by form."""

from __future__ import annotations

import re

from sqlalchemy import select

from academy.courses.models import Course, Quiz
from academy.extensions import db
from academy.quizzes.models import Attempt
from tests.conftest import import_package
from tests.courses.packages import package
from tests.factories import make_user, sign_in

EVERY_TYPE = """\
title: {en: "Check", fr: "Vérifiez"}
introduction: {en: "A short *check*.", fr: "Une courte *vérification*."}
pass_mark: 60
feedback: FEEDBACK
questions:
  - id: definition
    type: single
    text: {en: "What is a cooperative?", fr: "Qu'est-ce qu'une coopérative ?"}
    feedback: {en: "See lesson one.", fr: "Voir la leçon un."}
    choices:
      - id: owned
        correct: true
        text: {en: Owned by its members, fr: Possédée par ses membres}
        feedback: {en: Yes indeed., fr: Oui.}
      - id: state
        text: {en: A state agency, fr: Un organisme public}
        feedback: {en: No it is not., fr: Non.}
  - id: values
    type: multiple
    text: {en: "Which are cooperative values?", fr: "Lesquelles sont des valeurs ?"}
    choices:
      - {id: solidarity, correct: true, text: {en: Solidarity, fr: Solidarité}}
      - {id: equity, correct: true, text: {en: Equity, fr: Équité}}
      - {id: profit, text: {en: Profit first, fr: Le profit d'abord}}
  - id: open
    type: true_false
    answer: true
    text: {en: "Membership is open.", fr: "L'adhésion est ouverte."}
  - id: principle
    type: short
    text: {en: "One member, one ...", fr: "Un membre, une ..."}
    answers: {en: [vote], fr: [voix]}
  - id: share
    type: numeric
    text: {en: "Share in percent?", fr: "Part en pourcentage ?"}
    answers:
      - {value: 12.5, tolerance: 0}
  - id: pairs
    type: matching
    text: {en: Match them, fr: Associez-les}
    pairs:
      - id: coop
        prompt: {en: Cooperative, fr: Coopérative}
        match: {en: Members, fr: Membres}
      - id: mutual
        prompt: {en: Mutual, fr: Mutuelle}
        match: {en: Holders, fr: Sociétaires}
    distractors:
      - {id: nobody, text: {en: The state, fr: L'État}}
  - id: steps
    type: ordering
    text: {en: Put in order, fr: Mettez dans l'ordre}
    items:
      - {id: meet, text: {en: Meet, fr: Se réunir}}
      - {id: draft, text: {en: Draft statutes, fr: Rédiger les statuts}}
      - {id: register, text: {en: Register, fr: Enregistrer}}
"""

SIMPLE = """\
title: {en: "Quick check", fr: "Petite vérification"}
pass_mark: 100
feedback: FEEDBACK
SETTINGS
questions:
  - id: definition
    type: single
    text: {en: "What is a cooperative?", fr: "Qu'est-ce qu'une coopérative ?"}
    choices:
      - {id: owned, correct: true, text: {en: Owned by its members, fr: Possédée par ses membres}}
      - id: state
        text: {en: A state agency, fr: Un organisme public}
        feedback: {en: Think again about who owns it., fr: Réfléchissez.}
"""

COURSE_URL = "/courses/tiny/"
QUIZ_URL = "/courses/tiny/quizzes/check"


def import_quiz(tmp_path, text: str = EVERY_TYPE, feedback="after_each_attempt", settings=""):
    body = text.replace("FEEDBACK", feedback).replace("SETTINGS", settings)
    import_package(package(tmp_path, {"01-start/03-check.quiz.yaml": body}))
    return db.session.scalar(select(Quiz).where(Quiz.slug == "check"))


def course() -> Course:
    return db.session.scalar(select(Course).where(Course.slug == "tiny"))


def enrolled_learner(client, **options):
    user = make_user(**options)
    sign_in(client, user.email)
    response = client.post("/learning/tiny/enrol", data={"next": COURSE_URL})
    assert response.status_code == 302
    return user


def start(client) -> str:
    """Start (or continue) an attempt; the attempt page's path."""
    response = client.post(f"{QUIZ_URL}/attempts")
    assert response.status_code == 302, response.text
    return response.headers["Location"]


def form_fields(html: str) -> dict:
    """Each control's name and its options as {label text: value}, read from the form."""
    labels = dict(re.findall(r'<label for="([^"]+)"[^>]*>(.*?)</label>', html, re.S))
    fields: dict = {}
    for _kind, attrs in re.findall(r"<(input|select)\b([^>]*)>", html):
        name = re.search(r'name="([^"]+)"', attrs)
        if not name or name.group(1) == "csrf_token":
            continue
        ident = re.search(r'id="([^"]+)"', attrs)
        value = re.search(r'value="([^"]*)"', attrs)
        label = re.sub(r"<[^>]+>", "", labels.get(ident.group(1) if ident else "", "")).strip()
        fields.setdefault(name.group(1), {})[label] = value.group(1) if value else None
    return fields


def select_options(html: str, name: str) -> dict[str, str]:
    """{option text: value} of the select called name."""
    block = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return {
        text.strip(): value
        for value, text in re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)<', block)
    }


def control_for(html: str, label: str) -> str:
    """The name of the control labelled label (a prompt of a matching or ordering question)."""
    ident = re.search(rf'<label for="([^"]+)"[^>]*>{re.escape(label)}</label>', html).group(1)
    return re.search(rf'id="{ident}" name="([^"]+)"', html).group(1)


def answers_by_label(html: str, right: bool = True) -> dict:
    """Form data answering every question of EVERY_TYPE, rightly or wrongly."""
    fields = form_fields(html)
    names = [n for n in fields if re.fullmatch(r"q\d+", n)]
    data: dict = {}
    for name in names:
        options = fields[name]
        if "Owned by its members" in options:
            data[name] = options["Owned by its members" if right else "A state agency"]
        elif "Solidarity" in options:
            picked = ["Solidarity", "Equity"] if right else ["Profit first"]
            data[name] = [options[label] for label in picked]
        elif "True" in options:
            data[name] = options["True" if right else "False"]
    data[_typed(html, "One member, one ...")] = "vote" if right else "money"
    data[_typed(html, "Share in percent?")] = "12.5" if right else "99"
    for prompt, match in (("Cooperative", "Members"), ("Mutual", "Holders")):
        name = control_for(html, prompt)
        choice = match if right else "The state"
        data[name] = select_options(html, name)[choice]
    for position, item in enumerate(("Meet", "Draft statutes", "Register"), 1):
        name = control_for(html, item)
        data[name] = str(position if right else position % 3 + 1)
    return data


def _typed(html: str, question: str) -> str:
    """The name of the text input of the question whose text is question."""
    at = html.index(question)
    return re.search(r'<input type="text" id="[^"]+" name="([^"]+)"', html[at:]).group(1)


def attempts_of_quiz() -> list[Attempt]:
    db.session.expire_all()
    return list(db.session.scalars(select(Attempt).order_by(Attempt.id)))

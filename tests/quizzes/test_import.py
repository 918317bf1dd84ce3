"""Quiz files are checked with the package and imported with it."""

from __future__ import annotations

from sqlalchemy import select

from academy.courses.building import check_package
from academy.courses.models import Course, Quiz
from academy.extensions import db
from academy.packagefiles.quiz import QuizDefinition
from tests.courses.packages import package
from tests.courses.test_importing import run

QUIZ = """\
title:
  en: "Check"
  fr: "Vérifiez"
pass_mark: 60
questions:
  - id: definition
    type: single
    text:
      en: "What is a *cooperative*?"
      fr: "Qu'est-ce qu'une *coopérative* ?"
    choices:
      - id: owned
        correct: true
        text: {en: "Owned by its members", fr: "Possédée par ses membres"}
      - id: state
        text: {en: "A state agency", fr: "Un organisme public"}
"""


def test_quiz_problems_are_reported_with_their_line(tmp_path):
    broken = QUIZ.replace("pass_mark: 60", "pass_mark: 160")
    root = package(tmp_path, {"01-start/03-check.quiz.yaml": broken})
    _built, problems = check_package(root)
    [problem] = [str(p) for p in problems.errors]
    assert problem.startswith("01-start/03-check.quiz.yaml:4: error: ")


def test_a_quiz_is_imported_with_its_texts_rendered(app, runner, tmp_path):
    root = package(tmp_path, {"01-start/03-check.quiz.yaml": QUIZ})
    result = run(runner, "import", str(root))
    assert result.exit_code == 0, result.output
    quiz = db.session.scalar(select(Quiz))
    assert (quiz.slug, quiz.module_slug, quiz.position) == ("check", "start", 3)
    definition = QuizDefinition.from_dict(quiz.definition)
    assert definition.pass_mark == 60
    assert definition.questions[0].text["fr"] == "Qu'est-ce qu'une <em>coopérative</em> ?"
    course = db.session.scalar(select(Course))
    [item] = [i for i in course.outline[0]["items"] if i["type"] == "quiz"]
    assert item == {
        "type": "quiz",
        "id": "check",
        "pk": quiz.id,
        "title": {"en": "Check", "fr": "Vérifiez"},
    }


def test_reimport_keeps_the_quiz_row_and_retires_removed_quizzes(app, runner, tmp_path):
    root = package(tmp_path, {"01-start/03-check.quiz.yaml": QUIZ})
    run(runner, "import", str(root))
    first = db.session.scalar(select(Quiz.id))
    (root / "01-start" / "03-check.quiz.yaml").write_text(QUIZ.replace("60", "80"))
    run(runner, "import", str(root))
    quiz = db.session.scalar(select(Quiz))
    assert quiz.id == first
    assert quiz.definition["pass_mark"] == 80
    (root / "01-start" / "03-check.quiz.yaml").unlink()
    run(runner, "import", str(root))
    assert db.session.scalar(select(Quiz.position)) is None

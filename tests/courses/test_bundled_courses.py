"""The courses shipped in courses/: clean, complete, importable, passable, and certifying.

These tests read the real packages, so a trainer's edit that breaks a rule of the
curriculum (a module without a quiz or an activity, a missing translation, a quiz
that cannot be passed) fails here before it reaches learners.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from sqlalchemy import select

from academy.certificates.models import Certificate
from academy.courses.building import Built
from academy.courses.importing import container_labels
from academy.courses.models import Course, Quiz
from academy.extensions import db
from academy.package_check import check_course_package
from academy.packagefiles.quiz_types import (
    MatchingQuestion,
    MultipleQuestion,
    NumericQuestion,
    OrderingQuestion,
    QuizDefinition,
    ShortQuestion,
    SingleQuestion,
    TrueFalseQuestion,
)
from academy.quizzes.grading import grade_quiz
from academy.quizzes.models import Attempt
from academy.quizzes.pages import shown_questions
from tests.conftest import import_package
from tests.factories import make_user, sign_in

COURSES = Path(__file__).resolve().parents[2] / "courses"
BUNDLED = sorted(path for path in COURSES.iterdir() if (path / "course.yaml").is_file())
EXPECTED = {
    "sse-introduction": ["en", "fr", "es", "ar"],
    "understanding-cooperatives": ["en", "fr", "es"],
}
# Reference lessons, read as needed rather than in one sitting.
REFERENCE_LESSONS = {"glossary", "references"}
ACTIVITY = re.compile(r"^:{3,} activity \S", re.M)
TIME_BOX = re.compile(r"^\s*[-*] \*\*\d+ \S+\.?\*\*", re.M)


@cache
def built(name: str) -> tuple[Built | None, tuple]:
    result, problems = check_course_package(COURSES / name, container_labels)
    return result, tuple(problems.sorted())


each_course = pytest.mark.parametrize("name", list(EXPECTED))


def test_the_bundled_courses_are_there():
    assert {path.name for path in BUNDLED} >= set(EXPECTED)


@pytest.mark.parametrize("name", [path.name for path in BUNDLED])
def test_every_bundled_package_checks_without_errors_or_warnings(name):
    result, problems = built(name)
    assert result is not None
    assert [str(problem) for problem in problems] == []


@each_course
def test_every_declared_language_is_complete(name):
    result, _problems = built(name)
    assert result.package.languages == EXPECTED[name]
    for language, lessons_done, lessons, modules_done, modules in result.coverage():
        assert (language, lessons_done, modules_done) == (language, lessons, modules)


@each_course
def test_the_course_has_the_shape_of_the_curriculum(name):
    package = built(name)[0].package
    assert 4 <= len(package.modules) <= 6
    for module in package.modules:
        lessons = [lesson.id for lesson in module.lessons if lesson.id not in REFERENCE_LESSONS]
        assert 3 <= len(lessons) <= 5, module.id
        assert len(module.quizzes) == 1, module.id
    ids = [lesson.id for lesson in package.lessons]
    assert {"glossary", "references"} <= set(ids)
    assert package.certificate.get("issue", "automatic") == "automatic"
    assert package.completion in ({}, {"lessons": "all", "quizzes": "all"})


@each_course
def test_lessons_take_ten_to_twenty_minutes_in_every_language(name):
    package = built(name)[0].package
    for lesson in package.lessons:
        if lesson.id in REFERENCE_LESSONS:
            continue
        for language, text in lesson.texts.items():
            assert text.duration_minutes is not None, (lesson.id, language)
            assert 10 <= text.duration_minutes <= 20, (lesson.id, language)


@each_course
def test_every_module_has_a_timed_group_activity_in_every_language(name):
    package = built(name)[0].package
    for module in package.modules:
        for language in package.languages:
            bodies = [lesson.texts[language].body for lesson in module.lessons]
            activities = [body for body in bodies if ACTIVITY.search(body)]
            assert activities, (module.id, language)
            assert all(TIME_BOX.search(body) for body in activities), (module.id, language)


@each_course
def test_language_versions_share_their_structure(name):
    """Same headings, boxes, images and footnotes in every language of a lesson.

    A glossary is sorted, and often headed by letter, in each language's own
    alphabet, so only its other parts are compared.
    """
    package = built(name)[0].package

    def shape(body: str, lesson_id: str) -> tuple:
        return (
            [] if lesson_id == "glossary" else re.findall(r"^(#{2,6}) ", body, re.M),
            re.findall(r"^:{3,} (note|tip|warning|activity)\b", body, re.M),
            re.findall(r"!\[[^\]]+\]\(([^)]+)\)", body),
            len(set(re.findall(r"\[\^([^\]]+)\]:", body))),
        )

    for lesson in package.lessons:
        default = shape(lesson.texts[package.default_language].body, lesson.id)
        for language, text in lesson.texts.items():
            assert shape(text.body, lesson.id) == default, (lesson.id, language)


@each_course
def test_quizzes_follow_the_curriculum_settings(name):
    result = built(name)[0]
    for quiz_id, quiz in result.quizzes.items():
        assert quiz.pass_mark == 70, quiz_id
        assert len({question.type for question in quiz.questions}) >= 3, quiz_id
        for question in quiz.questions:
            if isinstance(question, SingleQuestion | MultipleQuestion):
                assert all(choice.feedback for choice in question.choices), (quiz_id, question.id)


# Answering from the key --------------------------------------------------------------


def right_response(question, language: str):
    if isinstance(question, SingleQuestion):
        return next(choice.id for choice in question.choices if choice.correct)
    if isinstance(question, MultipleQuestion):
        return [choice.id for choice in question.choices if _earns(question, choice)]
    if isinstance(question, TrueFalseQuestion):
        return "true" if question.answer else "false"
    if isinstance(question, ShortQuestion):
        answers = question.answers[language]
        return max(answers, key=lambda answer: answer.credit).text
    if isinstance(question, NumericQuestion):
        return str(max(question.answers, key=lambda answer: answer.credit).value)
    if isinstance(question, MatchingQuestion):
        return {pair.id: pair.id for pair in question.pairs}
    if isinstance(question, OrderingQuestion):
        return {item.id: position for position, item in enumerate(question.items, 1)}
    raise AssertionError(question.type)


def _earns(question: MultipleQuestion, choice) -> bool:
    return (choice.credit or 0) > 0 if question.uses_credit else choice.correct


def wrong_response(question, language: str):
    if isinstance(question, SingleQuestion):
        return next(choice.id for choice in question.choices if not choice.correct)
    if isinstance(question, MultipleQuestion):
        return [choice.id for choice in question.choices if not _earns(question, choice)]
    if isinstance(question, TrueFalseQuestion):
        return "false" if question.answer else "true"
    if isinstance(question, ShortQuestion | NumericQuestion):
        return "12345"
    if isinstance(question, MatchingQuestion):
        ids = [pair.id for pair in question.pairs]
        return dict(zip(ids, ids[1:] + ids[:1], strict=True))
    if isinstance(question, OrderingQuestion):
        count = len(question.items)
        return {item.id: count - position for position, item in enumerate(question.items)}
    raise AssertionError(question.type)


def quizzes_of(name: str) -> list[tuple[str, QuizDefinition]]:
    return sorted(built(name)[0].quizzes.items())


@each_course
def test_every_quiz_is_passed_with_the_key_in_every_language(name):
    for quiz_id, quiz in quizzes_of(name):
        for language in EXPECTED[name]:
            responses = {q.id: right_response(q, language) for q in quiz.questions}
            result = grade_quiz(quiz, responses, language, language)
            assert result.passed, (quiz_id, language)
            assert float(result.score_percent) == 100, (quiz_id, language)


@each_course
def test_every_quiz_is_failed_without_the_key(name):
    for quiz_id, quiz in quizzes_of(name):
        for language in EXPECTED[name]:
            wrong = {q.id: wrong_response(q, language) for q in quiz.questions}
            assert not grade_quiz(quiz, wrong, language, language).passed, (quiz_id, language)
            assert not grade_quiz(quiz, {}, language, language).passed, (quiz_id, language)


def test_a_wrong_answer_to_every_question_is_really_wrong():
    """No question of the bundled quizzes accepts the wrong answers these tests give."""
    for name in EXPECTED:
        for quiz_id, quiz in quizzes_of(name):
            for question in quiz.questions:
                for language in EXPECTED[name]:
                    responses = {question.id: wrong_response(question, language)}
                    result = grade_quiz(quiz, responses, language, language)
                    assert result.points == 0, (quiz_id, question.id, language)


# The whole course, as a learner takes it ------------------------------------------------


def form_for(questions, language: str, right: bool) -> dict:
    """What the attempt form sends when a learner answers from the key, or against it."""
    data: dict = {}
    answer = right_response if right else wrong_response
    for shown in questions:
        response = answer(shown.question, language)
        value_of = {option.id: option.value for option in shown.options}
        if shown.type in ("single", "true_false"):
            data[shown.name] = value_of[response]
        elif shown.type == "multiple":
            data[shown.name] = [value_of[choice] for choice in response]
        elif shown.type in ("short", "numeric"):
            data[shown.name] = response
        else:
            for row in shown.rows:
                chosen = response[row.id]
                value = value_of[chosen] if shown.type == "matching" else str(chosen)
                data[f"{shown.name}-{row.value}"] = value
    return data


def take_quiz(client, course: Course, quiz: Quiz, user, language: str, right: bool) -> Attempt:
    url = f"/courses/{course.slug}/quizzes/{quiz.slug}/attempts"
    response = client.post(url)
    assert response.status_code == 302, response.text
    attempt_url = response.headers["Location"]
    assert client.get(attempt_url).status_code == 200
    attempt = db.session.scalar(
        select(Attempt)
        .where(Attempt.user_id == user.id, Attempt.quiz_id == quiz.id)
        .order_by(Attempt.number.desc())
    )
    definition = QuizDefinition.from_dict(quiz.definition)
    questions = shown_questions(definition, attempt.layout, language)
    response = client.post(attempt_url, data=form_for(questions, language, right))
    assert response.status_code == 302, response.text
    db.session.expire_all()
    return db.session.get(Attempt, attempt.id)


JOURNEYS = [(name, language) for name, languages in EXPECTED.items() for language in languages]


@pytest.mark.parametrize(("name", "language"), JOURNEYS)
def test_a_learner_completes_the_course_in_their_language_and_is_certified(
    app, client, outbox, name, language
):
    import_package(COURSES / name)
    course = db.session.scalar(select(Course).where(Course.slug == name))
    user = make_user(locale=language)
    sign_in(client, user.email)
    assert client.post(f"/learning/{name}/enrol").status_code == 302
    for item in (item for module in course.outline for item in module["items"]):
        if item["type"] == "lesson":
            page = client.get(f"/courses/{name}/lessons/{item['id']}")
            assert page.status_code == 200
            assert f'lang="{language}"' in page.text
            client.post(f"/learning/{name}/lessons/{item['id']}/complete")
        else:
            quiz = db.session.scalar(
                select(Quiz).where(Quiz.course_id == course.id, Quiz.slug == item["id"])
            )
            failed = take_quiz(client, course, quiz, user, language, right=False)
            assert (failed.state, failed.passed) == ("submitted", False), item["id"]
            passed = take_quiz(client, course, quiz, user, language, right=True)
            assert (passed.passed, passed.language) == (True, language), item["id"]
    certificate = db.session.scalar(select(Certificate).where(Certificate.user_id == user.id))
    assert certificate is not None
    assert certificate.language == language
    assert certificate.course_title == course.title[language]
    assert any(user.email in str(mail["To"]) for mail in outbox.messages())
    # The learner downloads it, and anyone can verify it.
    pdf = client.get(f"/certificates/{certificate.public_id}.pdf")
    assert pdf.status_code == 200
    assert pdf.content_type == "application/pdf"
    assert client.get(f"/verify/{certificate.public_id}").status_code == 200

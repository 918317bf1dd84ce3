"""A course is complete when its rule is met; the completion is recorded once."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from academy.courses.models import Course, Quiz
from academy.extensions import db
from academy.learning.completion import completion_met, completion_of, record_completion
from academy.learning.models import CourseCompletion, LessonCompletion
from academy.quizzes.models import Attempt
from tests.factories import make_user

LESSONS = ["welcome", "working-together", "local-examples", "principles", "summary"]


def lesson_pks(course: Course) -> dict[str, int]:
    return {item["id"]: item["pk"] for module in course.outline for item in module["items"]}


def complete(user, course, slugs):
    pks = lesson_pks(course)
    for slug in slugs:
        db.session.add(LessonCompletion(user_id=user.id, lesson_id=pks[slug]))
    db.session.commit()


def required_quiz(course: Course) -> Quiz:
    """The sample course's practice quiz, made a requirement of completion."""
    course.completion = {"lessons": "all", "quizzes": "all"}
    db.session.commit()
    return db.session.scalar(select(Quiz).where(Quiz.course_id == course.id, Quiz.slug == "check"))


def test_every_lesson_completes_a_course_that_requires_no_quiz(sample_course):
    learner = make_user()
    complete(learner, sample_course, LESSONS[:-1])
    assert not completion_met(learner.id, sample_course)
    assert not record_completion(learner.id, sample_course)
    complete(learner, sample_course, LESSONS[-1:])
    assert record_completion(learner.id, sample_course)
    assert not record_completion(learner.id, sample_course)
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(CourseCompletion)) == 1
    assert completion_of(learner.id, sample_course).completed_at is not None


def test_quizzes_must_be_passed_too(sample_course):
    quiz = required_quiz(sample_course)
    learner = make_user()
    complete(learner, sample_course, LESSONS)
    db.session.add(
        Attempt(
            user_id=learner.id,
            quiz_id=quiz.id,
            number=1,
            language="en",
            state="submitted",
            passed=False,
            score_percent=40,
        )
    )
    db.session.commit()
    assert not completion_met(learner.id, sample_course)
    db.session.add(
        Attempt(
            user_id=learner.id,
            quiz_id=quiz.id,
            number=2,
            language="en",
            state="submitted",
            passed=True,
            score_percent=80,
        )
    )
    db.session.commit()
    assert completion_met(learner.id, sample_course)


def test_a_rule_naming_some_lessons(sample_course):
    sample_course.completion = {"lessons": ["welcome"], "quizzes": []}
    db.session.commit()
    learner = make_user()
    complete(learner, sample_course, ["welcome"])
    assert completion_met(learner.id, sample_course)


@pytest.mark.database
def test_marking_the_last_lesson_records_the_completion(client, sample_course, database_backend):
    from tests.factories import sign_in

    learner = make_user()
    sign_in(client, learner.email)
    client.post("/learning/sample-course/enrol")
    for slug in LESSONS:
        response = client.post(f"/learning/sample-course/lessons/{slug}/complete")
        assert response.status_code == 302
    assert completion_of(learner.id, sample_course) is not None

"""Cohorts made directly with the models, and their learners, for the following tests."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select

from academy.courses.models import Course, CourseOwner, Lesson, Quiz
from academy.database import utcnow
from academy.extensions import db
from academy.learning import services as learning
from academy.learning.models import Cohort, CohortTrainer, CourseCompletion, LessonCompletion
from academy.quizzes.models import SUBMITTED, Attempt
from tests.factories import make_user

COHORT_TRAINER = "cohort-trainer@example.org"


def make_cohort(course: Course, trainer=None, **fields) -> Cohort:
    values = {
        "name": "SSE Academy 2027, online",
        "content_language": "en",
        "starts_on": date(2027, 3, 1),
        "ends_on": date(2027, 6, 30),
        "joining": "key",
    }
    values.update(fields)
    cohort = Cohort(course_id=course.id, **values)
    db.session.add(cohort)
    db.session.flush()
    if trainer is not None:
        db.session.add(CohortTrainer(cohort_id=cohort.id, user_id=trainer.id))
    db.session.commit()
    return cohort


def make_owner(course: Course, email: str = "owner@example.org"):
    owner = make_user(email, role="trainer", name="Olu Owner")
    db.session.add(CourseOwner(course_id=course.id, user_id=owner.id))
    db.session.commit()
    return owner


def join(cohort: Cohort, course: Course, **profile):
    """A new learner enrolled in course, in cohort."""
    learner = make_user(**profile)
    enrolment, _ = learning.enrol(learner, course, learner.locale)
    enrolment.cohort_id = cohort.id
    db.session.commit()
    return learner


def lesson_pks(course: Course) -> dict[str, int]:
    return dict(
        db.session.execute(
            select(Lesson.slug, Lesson.id).where(Lesson.course_id == course.id)
        ).all()
    )


def complete_lessons(learner, course: Course, slugs, at: datetime | None = None) -> None:
    pks = lesson_pks(course)
    for number, slug in enumerate(slugs):
        moment = (at or utcnow()) + timedelta(minutes=number)
        db.session.add(
            LessonCompletion(user_id=learner.id, lesson_id=pks[slug], completed_at=moment)
        )
    db.session.commit()


def quiz_of(course: Course, slug: str = "check") -> Quiz:
    return db.session.scalar(select(Quiz).where(Quiz.course_id == course.id, Quiz.slug == slug))


def submitted_attempt(learner, quiz: Quiz, number: int, score: float, passed: bool, at=None):
    moment = at or utcnow()
    db.session.add(
        Attempt(
            user_id=learner.id,
            quiz_id=quiz.id,
            number=number,
            language="en",
            state=SUBMITTED,
            started_at=moment - timedelta(minutes=5),
            submitted_at=moment,
            score_percent=score,
            passed=passed,
        )
    )
    db.session.commit()


def completed(learner, course: Course, at: datetime | None = None) -> None:
    db.session.add(
        CourseCompletion(user_id=learner.id, course_id=course.id, completed_at=at or utcnow())
    )
    db.session.commit()


def cohort_with_a_nameless_completion(course: Course):
    """A trainer's cohort where two learners completed: one whose name is their email.

    Returns (trainer, cohort, nameless, named), committed.
    """
    trainer = make_user("cohort.trainer@example.org", role="trainer", name="Tess Trainer")
    cohort = make_cohort(course, trainer=trainer)
    nameless = make_user("nameless@example.org", name="nameless@example.org")
    named = make_user("named@example.org", name="Awa Ba")
    for learner in (nameless, named):
        learning.enrol(learner, course, "en")
        learning.find_enrolment(learner, course).cohort_id = cohort.id
        db.session.add(CourseCompletion(user_id=learner.id, course_id=course.id))
    db.session.commit()
    return trainer, cohort, nameless, named

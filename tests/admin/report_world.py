"""A small world whose report totals are counted by hand (see each table in the tests).

Course "sample-course" (imported) and "other-course" (a bare row). In 2026:
  6 women (Senegal, workers), 5 men (France, government), 2 who chose not to
  say ("undisclosed", Jordan, employers), 1 who gave nothing, and 1 deleted
  account, all enrolled in sample-course; the women w1-w4 in French, the rest in English.
Outside 2026: a 6th man enrolled in 2025; w1 enrolled in other-course in 2025.
Completions of sample-course in 2026: w1-w4, m1-m5, u1, the deleted one (11).
Certificates in 2026: w1-w4 and m1-m5 valid (9), u1's revoked (1).
Attempts at quiz "check" (submitted in 2026): each woman once; questions q1
  (correct for w1, w2) and q2 (correct for all six); scores 50, 50, 100... see SCORES.
Cohort "Dakar 2026" of sample-course holds the women.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from academy.account.services import delete_account
from academy.certificates.models import Certificate
from academy.courses.models import Course, Lesson, Quiz
from academy.extensions import db
from academy.learning.models import Cohort, CourseCompletion, Enrolment, LessonCompletion
from academy.quizzes.models import Attempt
from academy.quizzes.outcomes import record_outcomes
from tests.factories import make_user

SCORES = (100.0, 100.0, 50.0, 50.0, 50.0, 50.0)  # w1..w6; pass mark met by w1, w2
_serial = iter(range(1, 10_000))


def at(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(tzinfo=UTC)


def other_course() -> Course:
    course = Course(
        slug="other-course",
        version="1",
        default_language="en",
        languages=["en"],
        title={"en": "Other"},
        content_hash="0" * 64,
        outline=[],
    )
    db.session.add(course)
    db.session.flush()
    return course


def _certificate(user, course, day, state="issued"):
    db.session.add(
        Certificate(
            public_id=f"report-{next(_serial)}",
            user_id=user.id,
            course_id=course.id,
            recipient_name=user.name or "x",
            course_slug=course.slug,
            course_version="1.0",
            course_title="t",
            language="en",
            issued_at=at(day),
            issuer="SSE Academy",
            state=state,
            revoked_at=at(day) if state == "revoked" else None,
        )
    )


def _attempt(user, quiz, number, score, q1):
    results = [
        {"question_id": "q1", "correct": q1, "score": float(q1)},
        {"question_id": "q2", "correct": True, "score": 1.0},
    ]
    attempt = Attempt(
        user_id=user.id,
        quiz_id=quiz.id,
        number=number,
        language="fr" if number else "en",
        state="submitted",
        started_at=at("2026-04-01T10:00"),
        submitted_at=at("2026-04-01T10:20"),
        results={"score_percent": score, "results": results},
        score_percent=score,
        passed=score >= 100,
    )
    db.session.add(attempt)
    db.session.flush()
    # Grading writes the question outcomes beside the attempt (attempts.submit_attempt).
    record_outcomes(attempt.id, quiz.id, attempt.submitted_at, attempt.language, attempt.results)


def build(course: Course) -> dict:
    """The world above; returns its people by name."""
    other = other_course()
    cohort = Cohort(course_id=course.id, name="Dakar 2026", content_language="fr")
    db.session.add(cohort)
    db.session.flush()
    people = {}
    for i in range(1, 7):
        people[f"w{i}"] = make_user(
            sex="woman", country="SN", constituent_group="workers", commit=False
        )
    for i in range(1, 7):
        people[f"m{i}"] = make_user(
            sex="man", country="FR", constituent_group="government", commit=False
        )
    for i in range(1, 3):
        people[f"u{i}"] = make_user(
            sex="undisclosed", country="JO", constituent_group="employers", commit=False
        )
    people["n1"] = make_user(sex=None, country=None, constituent_group=None, commit=False)
    people["d1"] = make_user(sex="woman", country="SN", constituent_group="workers", commit=False)
    db.session.flush()
    for name, user in people.items():
        women = name.startswith("w")
        day = "2025-06-01" if name == "m6" else "2026-03-01T09:00"
        db.session.add(
            Enrolment(
                user_id=user.id,
                course_id=course.id,
                content_language="fr" if name in ("w1", "w2", "w3", "w4") else "en",
                enrolled_at=at(day),
                cohort_id=cohort.id if women else None,
            )
        )
    db.session.add(
        Enrolment(
            user_id=people["w1"].id,
            course_id=other.id,
            content_language="en",
            enrolled_at=at("2025-12-01"),
        )
    )
    for name in ("w1", "w2", "w3", "w4", "m1", "m2", "m3", "m4", "m5", "u1", "d1"):
        db.session.add(
            CourseCompletion(
                user_id=people[name].id, course_id=course.id, completed_at=at("2026-06-30T23:59")
            )
        )
    for name in ("w1", "w2", "w3", "w4", "m1", "m2", "m3", "m4", "m5"):
        _certificate(people[name], course, "2026-07-01")
    _certificate(people["u1"], course, "2026-07-01", state="revoked")
    quiz = db.session.scalar(select(Quiz).where(Quiz.course_id == course.id))
    for i, score in enumerate(SCORES, start=1):
        _attempt(people[f"w{i}"], quiz, 1, score, q1=i <= 2)
    lesson = db.session.scalar(select(Lesson).where(Lesson.course_id == course.id))
    for name in ("m1", "m2", "m3", "m4", "m5", "u1", "n1"):
        db.session.add(
            LessonCompletion(
                user_id=people[name].id, lesson_id=lesson.id, completed_at=at("2026-05-05")
            )
        )
    delete_account(people["d1"])
    db.session.commit()
    people["cohort"] = cohort
    people["other"] = other
    return people

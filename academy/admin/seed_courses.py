"""The courses and cohorts `academy dev seed` fills with learners.

The bundled packages (courses/) go through the importer, exactly as
`academy courses import` stores them; each is also stored again as a
variant for another audience (its own id and title, the same content), so
that learners can enrol in about three courses each, as at the Turin Centre.
"""

from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from academy.config import PROJECT_ROOT
from academy.courses.content_languages import pick
from academy.courses.importing import container_labels, import_built
from academy.courses.models import Course, Quiz
from academy.extensions import db
from academy.learning.models import Cohort
from academy.package_check import build_course_package
from academy.packagefiles.quiz_types import QuizDefinition

BUNDLED = PROJECT_ROOT / "courses"
# Variant id suffix -> its title suffix per language.
AUDIENCES = {
    "for-policy-makers": {
        "en": " — for policy makers",
        "fr": " — pour les décideurs",
        "es": " — para responsables de políticas",
        "ar": " — لصانعي السياسات",
    },
    "for-trade-unions": {
        "en": " — for trade unions",
        "fr": " — pour les syndicats",
        "es": " — para sindicatos",
        "ar": " — للنقابات",
    },
}
# How many learners choose each course, relative to the others (originals first).
ORIGINAL_POPULARITY = 3.0
VARIANT_POPULARITY = 1.5
COHORTS_PER_LANGUAGE = 3
# The example: one question in module 3 that only a third answer correctly.
HARD_MODULE = 2  # index: the third module


@dataclass
class SeedQuiz:
    pk: int
    pass_mark: float
    # (question id, points, chance a learner answers it correctly)
    questions: list[tuple[str, float, float]]


@dataclass
class SeedCourse:
    course: Course
    popularity: float
    # Course order: ("lesson", pk) or ("quiz", SeedQuiz).
    items: list[tuple[str, object]]
    titles: dict[str, str]
    cohorts: dict[str, list[Cohort]] = dataclasses.field(default_factory=dict)

    @property
    def lesson_count(self) -> int:
        return sum(1 for kind, _item in self.items if kind == "lesson")

    def language_for(self, locale: str) -> str:
        return locale if locale in self.course.languages else self.course.default_language


def import_courses() -> list[Course]:
    """Import every bundled package and its variants; returns the Course rows."""
    slugs = []
    for folder in sorted(p for p in BUNDLED.iterdir() if (p / "course.yaml").is_file()):
        built = build_course_package(folder, container_labels)
        import_built(built)
        slugs.append(built.package.id)
        for suffix, titles in AUDIENCES.items():
            package = built.package
            title = {
                language: text + titles.get(language, titles["en"])
                for language, text in package.title.items()
            }
            variant = dataclasses.replace(package, id=f"{package.id}-{suffix}", title=title)
            import_built(dataclasses.replace(built, package=variant))
            slugs.append(variant.id)
    db.session.flush()
    return [db.session.scalar(select(Course).where(Course.slug == slug)) for slug in slugs]


def _quiz(row: Quiz, rng: random.Random, hard: bool) -> SeedQuiz:
    definition = QuizDefinition.from_dict(row.definition)
    questions = []
    for index, question in enumerate(definition.questions):
        chance = 0.33 if hard and index == 0 else round(rng.uniform(0.55, 0.95), 2)
        questions.append((question.id, float(question.points), chance))
    return SeedQuiz(row.id, float(definition.pass_mark), questions)


def prepare(courses: list[Course], rng: random.Random, today: date) -> list[SeedCourse]:
    """Each course's items in order, its quizzes' difficulty, and its cohorts."""
    prepared = []
    for course in courses:
        quizzes = {
            q.id: q for q in db.session.scalars(select(Quiz).where(Quiz.course_id == course.id))
        }
        items: list[tuple[str, object]] = []
        hard_left = True
        for index, module in enumerate(course.outline or []):
            for item in module.get("items", []):
                if item.get("type") == "lesson":
                    items.append(("lesson", item["pk"]))
                elif item.get("type") == "quiz":
                    hard = hard_left and index == HARD_MODULE
                    hard_left = hard_left and not hard
                    items.append(("quiz", _quiz(quizzes[item["pk"]], rng, hard)))
        variant = any(course.slug.endswith(suffix) for suffix in AUDIENCES)
        popularity = VARIANT_POPULARITY if variant else ORIGINAL_POPULARITY
        titles = {
            language: str(pick(course.title, language, course.default_language) or course.slug)
            for language in course.languages
        }
        seeded = SeedCourse(course, popularity, items, titles)
        seeded.cohorts = _cohorts(course, today)
        prepared.append(seeded)
    db.session.flush()
    return prepared


def _cohorts(course: Course, today: date) -> dict[str, list[Cohort]]:
    """Runs a year apart, the last one the latest that has started, in each language."""
    cohorts: dict[str, list[Cohort]] = {}
    for language in course.languages:
        runs = []
        month, day = (3, 1) if language in ("en", "ar") else (4, 15)
        years = [y for y in range(today.year - COHORTS_PER_LANGUAGE, today.year + 1)]
        years = [y for y in years if date(y, month, day) <= today][-COHORTS_PER_LANGUAGE:]
        for year in years:
            starts = date(year, month, day)
            cohort = Cohort(
                course_id=course.id,
                name=f"SSE Academy {year} ({language})",
                content_language=language,
                enrolment_opens_at=datetime(year, 1, 15, tzinfo=UTC),
                enrolment_closes_at=datetime.combine(starts, datetime.min.time(), UTC),
                starts_on=starts,
                ends_on=starts + timedelta(weeks=10),
                capacity=None,
                joining="invitation",
                on_certificates=True,
                created_at=datetime(year, 1, 10, tzinfo=UTC),
            )
            db.session.add(cohort)
            runs.append(cohort)
        cohorts[language] = runs
    return cohorts

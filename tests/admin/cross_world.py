"""The hand-counted world of report_world.py, plus people of other-course in 2026 whose
sex and constituent group cross (the tables in test_report_crosses.py are counted from this).

other-course, all enrolled on 2026-02-01, in English but the workers' women (French):
  group       country  sex       people  completed in 2026  valid certificates 2026
  workers     SN       woman        7          5                  5
  workers     SN       man          3          3                  3
  workers     KE       another      2          0                  0
  government  FR       man          6          6                  0
  government  FR       woman        1          1                  0
  (none)      BR       woman        1          1                  0
  erased account (was a man, government, FR): 1, completed, 1 valid certificate
"""

from __future__ import annotations

from academy.account.services import delete_account
from academy.extensions import db
from academy.learning.models import CourseCompletion, Enrolment
from tests.admin.report_world import _certificate, at, build
from tests.factories import make_user

PEOPLE = (
    # (constituent group, country, sex, how many, completed, with a certificate)
    ("workers", "SN", "woman", 7, 5, 5),
    ("workers", "SN", "man", 3, 3, 3),
    ("workers", "KE", "another", 2, 0, 0),
    ("government", "FR", "man", 6, 6, 0),
    ("government", "FR", "woman", 1, 1, 0),
    (None, "BR", "woman", 1, 1, 0),
    ("government", "FR", "man", 1, 1, 1),  # erased below
)


def build_crossed(course) -> dict:
    world = build(course)
    other = world["other"]
    erased = None
    for group, country, sex, count, completed, certified in PEOPLE:
        for index in range(count):
            person = make_user(sex=sex, country=country, constituent_group=group, commit=False)
            db.session.flush()
            french = group == "workers" and sex == "woman"
            db.session.add(
                Enrolment(
                    user_id=person.id,
                    course_id=other.id,
                    content_language="fr" if french else "en",
                    enrolled_at=at("2026-02-01T08:00"),
                )
            )
            if index < completed:
                db.session.add(
                    CourseCompletion(
                        user_id=person.id, course_id=other.id, completed_at=at("2026-08-01")
                    )
                )
            if index < certified:
                _certificate(person, other, "2026-08-02")
            erased = person
    delete_account(erased)
    db.session.commit()
    world["erased"] = erased
    return world

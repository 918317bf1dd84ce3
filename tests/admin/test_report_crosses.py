"""Two breakdowns at once against the hand-counted worlds of report_world.py and cross_world.py.

Run on SQLite and on PostgreSQL: the same GROUP BY must give the same pairs.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from academy.admin import report_crosses as x
from academy.admin import report_queries as q
from academy.certificates.models import Certificate, Participant
from academy.extensions import db
from tests.admin.cross_world import build_crossed
from tests.factories import make_user

pytestmark = pytest.mark.database

OTHER = q.Filters(course_slug="other-course", start=date(2026, 1, 1), end=date(2026, 12, 31))
YEAR = q.Filters(course_slug="sample-course", start=date(2026, 1, 1), end=date(2026, 12, 31))
GROUP, REGION, COUNTRY = "sex_within_constituent_group", "sex_within_region", "sex_within_country"


@pytest.fixture
def world(app, sample_course):
    return build_crossed(sample_course)


def test_enrolments_by_sex_within_constituent_group(world):
    # The erased account was a man in government: now counted, unnamed, in "not given" twice.
    assert x.enrolments(OTHER, GROUP) == {
        ("government", "woman"): 1,
        ("government", "man"): 6,
        ("workers", "woman"): 7,
        ("workers", "man"): 3,
        ("workers", "another"): 2,
        (None, "woman"): 1,
        (None, None): 1,
    }


def test_enrolments_by_sex_within_region_and_country(world):
    assert x.enrolments(OTHER, REGION) == {
        ("africa", "woman"): 7,
        ("africa", "man"): 3,
        ("africa", "another"): 2,
        ("americas", "woman"): 1,
        ("europe_central_asia", "man"): 6,
        ("europe_central_asia", "woman"): 1,
        (None, None): 1,
    }
    assert x.enrolments(OTHER, COUNTRY) == {
        ("SN", "woman"): 7,
        ("SN", "man"): 3,
        ("KE", "another"): 2,
        ("BR", "woman"): 1,
        ("FR", "man"): 6,
        ("FR", "woman"): 1,
        (None, None): 1,
    }


def test_people_who_chose_not_to_say_and_gave_nothing(world):
    # sample-course in 2026: u1, u2 "undisclosed" employers; n1 gave nothing; d1 erased.
    assert x.enrolments(YEAR, GROUP) == {
        ("employers", "undisclosed"): 2,
        ("government", "man"): 5,
        ("workers", "woman"): 6,
        (None, None): 2,
    }


def test_completions_by_sex_within_group(world):
    assert x.completions(OTHER, GROUP) == {
        ("government", "woman"): 1,
        ("government", "man"): 6,
        ("workers", "woman"): 5,
        ("workers", "man"): 3,
        (None, "woman"): 1,
        (None, None): 1,
    }
    # sample-course: w1-w4, m1-m5, u1 and the erased d1 completed in 2026.
    assert x.completions(YEAR, GROUP) == {
        ("employers", "undisclosed"): 1,
        ("government", "man"): 5,
        ("workers", "woman"): 4,
        (None, None): 1,
    }


def test_active_learners_by_sex_within_region(world):
    # Attempts: w1-w6 (Senegal); lessons: m1-m5 (France), u1 (Jordan), n1 (none).
    assert x.active_learners(YEAR, REGION) == {
        ("africa", "woman"): 6,
        ("arab_states", "undisclosed"): 1,
        ("europe_central_asia", "man"): 5,
        (None, None): 1,
    }


def test_certificates_still_valid_by_sex_within_group(world):
    # u1's certificate is revoked: not counted; the erased man's stays, unnamed.
    assert x.certificates_issued(YEAR, GROUP) == {
        ("government", "man"): 5,
        ("workers", "woman"): 4,
    }
    assert x.certificates_issued(OTHER, GROUP) == {
        ("workers", "woman"): 5,
        ("workers", "man"): 3,
        (None, None): 1,
    }


def test_cohort_language_and_no_dates(world):
    dakar = q.Filters(cohort_id=world["cohort"].id)
    assert x.enrolments(dakar, GROUP) == {("workers", "woman"): 6}
    assert x.certificates_issued(dakar, GROUP) == {("workers", "woman"): 4}
    # French: w1-w4 of sample-course and the 7 workers' women of other-course.
    assert x.enrolments(q.Filters(language="fr"), GROUP) == {("workers", "woman"): 11}
    # Without dates, w1's 2025 enrolment in other-course counts too.
    assert x.enrolments(q.Filters(course_slug="other-course"), GROUP)[("workers", "woman")] == 8


def test_a_trainers_scope(world):
    other = q.Filters(course_ids=(world["other"].id,), cohort_ids=())
    assert sum(x.enrolments(other, GROUP).values()) == 22
    cohort = q.Filters(course_ids=(), cohort_ids=(world["cohort"].id,))
    assert x.enrolments(cohort, REGION) == {("africa", "woman"): 6}
    assert x.completions(cohort, GROUP) == {("workers", "woman"): 4}


@pytest.mark.parametrize(
    ("cross", "rows", "single"),
    [
        (GROUP, "constituent_group", "sex"),
        (REGION, "region", "sex"),
        (COUNTRY, "country", "sex"),
    ],
)
def test_the_margins_are_the_single_breakdowns(world, cross, rows, single):
    for filters in (OTHER, YEAR):
        for crossed, alone, key in (
            (x.enrolments, q.enrolments, "enrolments"),
            (x.active_learners, q.active_learners, "learners"),
        ):
            counts = crossed(filters, cross)
            for by, position in ((rows, 0), (single, 1)):
                margin: dict = {}
                for pair, n in counts.items():
                    margin[pair[position]] = margin.get(pair[position], 0) + n
                assert margin == {row["group"]: row[key] for row in alone(filters, by)}


def _face_to_face(course, user=None, **listed):
    """A certificate issued from a workshop's list, with what the list said of the person."""
    certificate = Certificate(
        public_id=f"workshop-{len(listed)}-{user.id if user else 'none'}-{listed.get('sex')}",
        user_id=user.id if user else None,
        course_id=course.id,
        recipient_name="Awa Ndiaye",
        course_slug=course.slug,
        course_version="1.0",
        course_title="t",
        language="en",
        issued_at=datetime(2026, 6, 1, 10, tzinfo=UTC),
        issuer="SSE Academy",
        face_to_face=True,
        state="issued",
    )
    db.session.add(certificate)
    db.session.flush()
    db.session.add(
        Participant(
            certificate_id=certificate.id,
            email="awa@example.org",
            attended_on=date(2026, 6, 1),
            **listed,
        )
    )
    db.session.flush()


def issued_by_region(filters) -> dict:
    return {row["group"]: row["issued"] for row in q.certificates_issued(filters, "region")}


def test_face_to_face_certificates_count_what_their_list_said(world, sample_course):
    by_sex = {row["group"]: row["issued"] for row in q.certificates_issued(YEAR, "sex")}
    regions = issued_by_region(YEAR)
    # Never registered: the list's answers count.
    _face_to_face(sample_course, sex="woman", constituent_group="workers", country="SN")
    # Nothing on the list: "not given".
    _face_to_face(sample_course)
    # Registered later: the profile's answers win over the list's.
    profiled = make_user(sex="man", constituent_group="government", country="SN")
    _face_to_face(sample_course, profiled, sex="woman", constituent_group="workers")

    assert x.certificates_issued(YEAR, GROUP) == {
        ("government", "man"): 6,
        ("workers", "woman"): 5,
        (None, None): 1,
    }
    after = {row["group"]: row["issued"] for row in q.certificates_issued(YEAR, "sex")}
    assert after == {
        **by_sex,
        "man": by_sex.get("man", 0) + 1,
        "woman": by_sex.get("woman", 0) + 1,
        None: by_sex.get(None, 0) + 1,
    }
    assert issued_by_region(YEAR) == {
        **regions,
        "africa": regions.get("africa", 0) + 2,
        None: regions.get(None, 0) + 1,
    }

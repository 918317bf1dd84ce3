"""The reports' numbers against the hand-counted world of tests/admin/report_world.py.

Run on SQLite and on PostgreSQL: the same SQL must give the same groups.
"""

from __future__ import annotations

from datetime import date

import pytest

from academy.admin import report_queries as q
from tests.admin.report_world import build

pytestmark = pytest.mark.database

YEAR = q.Filters(course_slug="sample-course", start=date(2026, 1, 1), end=date(2026, 12, 31))


@pytest.fixture
def world(app, sample_course):
    return build(sample_course)


def test_enrolments_by_sex_count_undisclosed_and_deleted_apart(world):
    # woman w1-w6; man m1-m5 (m6 enrolled in 2025); u1, u2; n1 and the deleted d1 gave none.
    assert q.enrolments(YEAR, "sex") == [
        {"group": "man", "enrolments": 5},
        {"group": "undisclosed", "enrolments": 2},
        {"group": "woman", "enrolments": 6},
        {"group": None, "enrolments": 2},
    ]


def test_enrolments_without_breakdown_and_without_dates(world):
    assert q.enrolments(YEAR) == [{"group": q.ALL, "enrolments": 15}]
    # m6's 2025 enrolment, and w1's in the other course.
    assert q.enrolments(q.Filters()) == [{"group": q.ALL, "enrolments": 17}]


def test_the_range_includes_both_days(world):
    day = q.Filters(start=date(2026, 3, 1), end=date(2026, 3, 1))
    assert q.enrolments(day) == [{"group": q.ALL, "enrolments": 15}]
    before = q.Filters(end=date(2026, 2, 28))
    assert q.enrolments(before) == [{"group": q.ALL, "enrolments": 2}]


def test_enrolments_by_language_cohort_and_language_filter(world):
    assert q.enrolments(YEAR, "language") == [
        {"group": "en", "enrolments": 11},
        {"group": "fr", "enrolments": 4},
    ]
    dakar = q.Filters(cohort_id=world["cohort"].id)
    assert q.enrolments(dakar) == [{"group": q.ALL, "enrolments": 6}]
    french = q.Filters(language="fr")
    assert q.enrolments(french, "sex") == [{"group": "woman", "enrolments": 4}]


def test_active_learners_by_region(world):
    # Attempts: w1-w6 (Senegal); lessons: m1-m5 (France), u1 (Jordan), n1 (none).
    assert q.active_learners(YEAR, "region") == [
        {"group": "africa", "learners": 6},
        {"group": "arab_states", "learners": 1},
        {"group": "europe_central_asia", "learners": 5},
        {"group": None, "learners": 1},
    ]
    assert q.active_learners(YEAR) == [{"group": q.ALL, "learners": 13}]


def test_completions_and_rate_by_sex(world):
    assert q.completions(YEAR, "sex") == [
        {"group": "man", "enrolments": 5, "completions": 5, "rate": 1.0},
        {"group": "undisclosed", "enrolments": 2, "completions": 1, "rate": 0.5},
        {"group": "woman", "enrolments": 6, "completions": 4, "rate": 4 / 6},
        {"group": None, "enrolments": 2, "completions": 1, "rate": 0.5},
    ]


def test_completions_by_constituent_group(world):
    assert q.completions(YEAR, "constituent_group") == [
        {"group": "employers", "enrolments": 2, "completions": 1, "rate": 0.5},
        {"group": "government", "enrolments": 5, "completions": 5, "rate": 1.0},
        {"group": "workers", "enrolments": 6, "completions": 4, "rate": 4 / 6},
        {"group": None, "enrolments": 2, "completions": 1, "rate": 0.5},
    ]


def test_certificates_valid_and_revoked_by_country(world):
    assert q.certificates_issued(YEAR, "country") == [
        {"group": "FR", "issued": 5, "revoked": 0},
        {"group": "JO", "issued": 0, "revoked": 1},
        {"group": "SN", "issued": 4, "revoked": 0},
    ]
    assert q.certificates_issued(q.Filters(end=date(2026, 6, 30))) == [
        {"group": q.ALL, "issued": 0, "revoked": 0}
    ]


def test_quiz_results(world):
    [row] = q.quiz_results(YEAR)
    assert row | {"average_score": round(row["average_score"], 2)} == {
        "course": "sample-course",
        "quiz": "check",
        "group": q.ALL,
        "attempts": 6,
        "learners": 6,
        "average_score": 66.67,
        "pass_rate": pytest.approx(2 / 6),
    }


def test_question_results_across_languages(world):
    assert q.question_results(YEAR) == [
        {
            "course": "sample-course",
            "quiz": "check",
            "group": q.ALL,
            "question": "q1",
            "answers": 6,
            "learners": 6,
            "share_correct": pytest.approx(1 / 3),
        },
        {
            "course": "sample-course",
            "quiz": "check",
            "group": q.ALL,
            "question": "q2",
            "answers": 6,
            "learners": 6,
            "share_correct": 1.0,
        },
    ]


def test_a_trainers_scope_leaves_out_other_courses(world, sample_course):
    scoped = q.Filters(course_ids=(sample_course.id,), cohort_ids=())
    assert q.enrolments(scoped) == [{"group": q.ALL, "enrolments": 16}]
    only_cohort = q.Filters(course_ids=(), cohort_ids=(world["cohort"].id,))
    assert q.enrolments(only_cohort) == [{"group": q.ALL, "enrolments": 6}]
    assert q.certificates_issued(only_cohort) == [{"group": q.ALL, "issued": 4, "revoked": 0}]
    assert [row["attempts"] for row in q.quiz_results(only_cohort)] == [6]


def test_an_unknown_breakdown_is_refused(world):
    with pytest.raises(ValueError, match="unknown breakdown"):
        q.enrolments(YEAR, "age")


def test_regions_fold_countries_with_exact_rates_and_averages(world):
    """By region, counts add up and ratios are recomputed, never averaged."""
    # Completions: m1-m5 (France) all completed; u1/u2 (Jordan) and w1-w6 (Senegal) as by sex.
    by_country = {row["group"]: row for row in q.completions(YEAR, "country")}
    by_region = {row["group"]: row for row in q.completions(YEAR, "region")}
    assert by_region["europe_central_asia"] == by_country["FR"] | {"group": "europe_central_asia"}
    assert by_region["africa"] == by_country["SN"] | {"group": "africa"}
    total = q.completions(YEAR)[0]
    assert sum(row["enrolments"] for row in by_region.values()) == total["enrolments"]
    assert sum(row["completions"] for row in by_region.values()) == total["completions"]
    # Every attempt is from Senegal: Africa's quiz figures are the whole quiz's.
    [africa] = q.quiz_results(YEAR, "region")
    [whole] = q.quiz_results(YEAR)
    assert africa["group"] == "africa"
    assert africa["attempts"] == whole["attempts"]
    assert africa["average_score"] == pytest.approx(whole["average_score"])
    assert africa["pass_rate"] == pytest.approx(whole["pass_rate"])

"""The public catalogue: every course with its facts, filters, and your language first."""

from __future__ import annotations

import re

import pytest

from tests.i18n import translated
from tests.learning.course_packages import import_course


@pytest.fixture
def courses(sample_course, tmp_path):
    """The sample course (en, fr), plus one in Spanish only and one in English and Arabic."""
    import_course(
        tmp_path,
        "cooperativas",
        {"es": "Cooperativas de ahorro"},
        level="advanced",
        tags=("finance",),
        hours=3,
    )
    import_course(
        tmp_path,
        "mutual-aid",
        {"en": "Mutual aid societies", "ar": "جمعيات التعاون المتبادل"},
        level="intermediate",
        tags=("sse", "insurance"),
    )
    return sample_course


def course_titles(html: str) -> list[str]:
    return re.findall(r'<h3[^>]*><a href="/courses/[^"]+/">([^<]+)</a></h3>', html)


def test_catalogue_lists_every_course_with_its_facts(client, courses):
    response = client.get("/courses/")
    assert response.status_code == 200
    html = response.text
    assert html.count("<h1>") == 1
    assert "Working together: a first look at cooperatives" in html
    assert "A short course on why people form cooperatives" in html
    assert "English and French" in html
    assert "1.5 hours" in html
    assert "Introductory" in html
    assert "<li>cooperatives</li>" in html
    assert 'href="/courses/sample-course/"' in html


def test_catalogue_speaks_the_interface_language(client, courses):
    html = client.get("/courses/?lang=fr").text
    assert "Travailler ensemble : premiers pas dans les coopératives" in html
    assert "anglais et français" in html
    assert "1,5\u00a0heure" in html
    assert translated("Introductory", "fr") in html
    assert translated("Course language", "fr") in html


def test_a_title_not_in_the_interface_language_says_its_language(client, courses):
    html = client.get("/courses/?lang=fr").text
    assert '<h3 lang="es" dir="ltr"><a href="/courses/cooperativas/">Cooperativas de ahorro' in html
    assert '<h3><a href="/courses/sample-course/">' in html


def test_courses_in_your_language_come_first_then_by_title(client, courses):
    assert course_titles(client.get("/courses/?lang=es").text) == [
        "Cooperativas de ahorro",
        "Mutual aid societies",
        "Working together: a first look at cooperatives",
    ]
    assert course_titles(client.get("/courses/?lang=ar").text) == [
        "جمعيات التعاون المتبادل",
        "Cooperativas de ahorro",
        "Working together: a first look at cooperatives",
    ]
    assert course_titles(client.get("/courses/?lang=en").text) == [
        "Mutual aid societies",
        "Working together: a first look at cooperatives",
        "Cooperativas de ahorro",
    ]


def test_filter_options_come_from_the_courses(client, courses):
    html = client.get("/courses/").text
    assert '<label for="language">Course language</label>' in html
    for option in ('value="es">Spanish', 'value="ar">Arabic', 'value="finance">finance'):
        assert option in html
    assert 'value="advanced">Advanced' in html
    assert 'value="de"' not in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("language=fr", ["Working together: a first look at cooperatives"]),
        ("language=ar", ["Mutual aid societies"]),
        ("tag=sse", ["Mutual aid societies", "Working together: a first look at cooperatives"]),
        ("level=advanced", ["Cooperativas de ahorro"]),
        ("language=en&tag=insurance", ["Mutual aid societies"]),
    ],
)
def test_each_filter_narrows_the_list(client, courses, query, expected):
    html = client.get(f"/courses/?{query}").text
    assert course_titles(html) == expected
    assert 'href="/courses/">Clear the filters</a>' in html


def test_the_chosen_filter_stays_selected(client, courses):
    html = client.get("/courses/?level=advanced").text
    assert 'selected value="advanced"' in html


def test_filters_that_match_nothing_say_so(client, courses):
    response = client.get("/courses/?language=es&level=introductory")
    assert response.status_code == 200
    assert course_titles(response.text) == []
    assert "No course matches these filters" in response.text
    assert '<a href="/courses/">Clear the filters and show every course</a>' in response.text


def test_filters_that_match_nothing_say_so_in_french(client, courses):
    html = client.get("/courses/?language=es&level=introductory&lang=fr").text
    assert translated("No course matches these filters", "fr") in html


@pytest.mark.parametrize(
    "query",
    ["language=xx", "tag=%3Cscript%3E", "level=expert", "language=&tag=&level=", "tag=a&tag=b"],
)
def test_unknown_filter_values_are_ignored(client, courses, query):
    response = client.get(f"/courses/?{query}")
    assert response.status_code == 200
    assert len(course_titles(response.text)) == 3
    assert "<script>" not in response.text


def test_unknown_filter_values_are_reported(client, courses):
    html = client.get("/courses/?level=expert").text
    assert "Some filters in the address were not recognised, so they were ignored." in html


def test_an_empty_catalogue_says_so(client):
    html = client.get("/courses/").text
    assert "No course has been published yet." in html
    assert "<form" in html  # the language switcher only
    assert 'class="filters"' not in html


def test_header_and_home_page_link_to_the_catalogue(client):
    home = client.get("/").text
    assert '<a href="/courses/">Courses</a>' in home
    assert '<a href="/courses/">Browse the courses</a>' in home
    assert '<a href="/courses/" aria-current="page">Courses</a>' in client.get("/courses/").text

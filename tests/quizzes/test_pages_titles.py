"""Quiz titles with &, quotes and markup are escaped exactly once on every quiz page."""

from __future__ import annotations

import re

import pytest

from tests.conftest import import_package
from tests.courses.packages import COURSE_YAML, package
from tests.factories import make_user, sign_in
from tests.quizzes.quiz_pages import QUIZ_URL, SIMPLE, enrolled_learner, form_fields, start

TITLES = [
    # (title in the quiz file, as the page's HTML must carry it)
    ("Q&A", "Q&amp;A"),
    ("L'économie", "L&#39;économie"),
    ('"Fair" <trade>', "&#34;Fair&#34; &lt;trade&gt;"),
]


def heading_and_title(html: str) -> tuple[str, str]:
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    return h1, title


@pytest.mark.parametrize(("written", "escaped"), TITLES)
def test_every_quiz_page_shows_the_title_escaped_once(client, app, tmp_path, written, escaped):
    quoted = written.replace('"', '\\"')
    quiz = SIMPLE.replace("FEEDBACK", "after_each_attempt").replace("SETTINGS", "")
    quiz = quiz.replace("Quick check", quoted)
    import_package(
        package(
            tmp_path,
            {
                "course.yaml": COURSE_YAML + "trainers: [trainer@example.org]\n",
                "01-start/03-check.quiz.yaml": quiz,
            },
        )
    )
    enrolled_learner(client)
    attempt_page = start(client)
    pages = {"quiz": client.get(QUIZ_URL).text, "attempt": client.get(attempt_page).text}
    options = form_fields(pages["attempt"])["q1"]
    client.post(attempt_page, data={"q1": options["Owned by its members"]})
    pages["result"] = client.get(attempt_page).text
    trainer = app.test_client()
    make_user("trainer@example.org", role="trainer")
    sign_in(trainer, "trainer@example.org")
    pages["results"] = trainer.get(f"{QUIZ_URL}/results").text
    for name, html in pages.items():
        h1, title = heading_and_title(html)
        assert escaped in h1, (name, h1)
        assert escaped in title, (name, title)
    pages["course outline"] = client.get("/courses/tiny/").text
    for name, html in pages.items():
        assert escaped in html, name
        assert "&amp;amp;" not in html, name
        assert "&amp;#" not in html, name
        assert "&amp;lt;" not in html, name

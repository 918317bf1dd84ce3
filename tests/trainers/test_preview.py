"""The draft preview: the learners' pages, rendered from the draft, its links kept inside."""

from __future__ import annotations

import re
import shutil

import pytest
from sqlalchemy import select

from academy.courses.models import Course
from academy.extensions import db
from tests.conftest import SAMPLE_PACKAGE
from tests.factories import make_user, sign_in
from tests.trainers.workspace import published_version, stored_version


@pytest.fixture
def draft(app, client, tmp_path):
    """The sample course published, then a draft whose welcome lesson says something new."""
    trainer = make_user("trainer@example.org", role="trainer")
    published_version(SAMPLE_PACKAGE, trainer)
    root = tmp_path / "sample-course"
    shutil.copytree(SAMPLE_PACKAGE, root)
    for language, words in (("en", "Draft words only."), ("fr", "Mots du brouillon.")):
        path = root / "01-getting-started" / f"01-welcome.{language}.md"
        path.write_text(path.read_text(encoding="utf-8") + f"\n{words}\n", encoding="utf-8")
    version = stored_version(root, trainer)
    sign_in(client, "trainer@example.org")
    return version


def _links(page: str) -> list[str]:
    return re.findall(r'(?:href|src|action)="([^"]+)"', page)


def test_the_preview_shows_the_draft_not_the_published_course(client, draft):
    base = f"/trainers/versions/{draft.id}/preview"

    english = client.get(f"{base}/en/lessons/welcome").get_data(as_text=True)
    french = client.get(f"{base}/fr/lessons/welcome").get_data(as_text=True)

    assert "Draft words only." in english
    assert "Mots du brouillon." in french
    assert "learners cannot see this version until it is published." in english
    published = client.get("/courses/sample-course/lessons/welcome").get_data(as_text=True)
    assert "Draft words only." not in published


def test_links_in_the_preview_stay_in_the_preview(client, draft):
    base = f"/trainers/versions/{draft.id}/preview"
    pages = [
        client.get(f"{base}/fr/").get_data(as_text=True),
        client.get(f"{base}/en/lessons/working-together").get_data(as_text=True),
        client.get(f"{base}/fr/lessons/principles").get_data(as_text=True),
    ]
    course_links = {
        link
        for page in pages
        for link in _links(page)
        if "sample-course" in link or link.startswith(("../", "welcome", "principles"))
    }
    # Nothing points at the published course's pages.
    assert not [link for link in course_links if link.startswith("/courses/sample-course")]
    # Relative links in the stored HTML resolve inside the preview.
    working = pages[1]
    image = re.search(r'<img[^>]+src="\.\./assets/([0-9a-f]{16})/circle\.svg"', working)
    assert image
    asset = client.get(f"{base}/en/assets/{image.group(1)}/circle.svg")
    assert asset.status_code == 200
    assert asset.headers["Content-Type"].startswith("image/svg+xml")
    assert "sandbox" in asset.headers["Content-Security-Policy"]
    assert client.get(f"{base}/en/assets/0000000000000000/circle.svg").status_code == 404
    # A lesson's links keep the language it is read in.
    french = pages[2]
    assert 'href="welcome"' in french  # relative: it stays in /fr/
    assert f'href="{base}/fr/lessons/summary"' in french


def test_buttons_in_the_preview_save_nothing(client, draft):
    base = f"/trainers/versions/{draft.id}/preview"
    page = client.get(f"{base}/en/").get_data(as_text=True)
    assert f'action="/trainers/versions/{draft.id}/nothing-saved"' in page

    response = client.post(
        f"/trainers/versions/{draft.id}/nothing-saved",
        data={"next": f"{base}/en/"},
        follow_redirects=True,
    )

    assert "This is a preview: nothing was saved." in response.get_data(as_text=True)
    course = db.session.scalar(select(Course).where(Course.slug == "sample-course"))
    assert course.published_version_id != draft.id


def test_the_quiz_preview_shows_its_questions_in_each_language(client, draft):
    base = f"/trainers/versions/{draft.id}/preview"

    english = client.get(f"{base}/en/quizzes/check").get_data(as_text=True)
    french = client.get(f"{base}/fr/quizzes/check").get_data(as_text=True)

    assert "Check your understanding" in english
    assert "Vérifiez vos acquis" in french
    assert f'action="/trainers/versions/{draft.id}/nothing-saved"' in english
    assert client.get(f"{base}/en/quizzes/nothing-here").status_code == 404
    assert client.get(f"{base}/de/").status_code == 404  # not a language of the course
    assert client.get(f"{base}/").headers["Location"].endswith(f"{base}/en/")


def test_a_learner_cannot_reach_a_draft(app, draft):
    make_user("learner@example.org")
    learner = app.test_client()
    sign_in(learner, "learner@example.org")

    assert learner.get(f"/trainers/versions/{draft.id}/preview/").status_code == 403
    assert learner.get(f"/trainers/versions/{draft.id}").status_code == 403

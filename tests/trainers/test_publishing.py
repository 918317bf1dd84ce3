"""Publishing from the workspace: publish, replace keeping progress, unpublish, restore, owners."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from academy.certificates.models import AuditEntry
from academy.courses.models import Course, CourseOwner, CourseVersion, Lesson
from academy.extensions import db
from academy.learning import services as learning
from tests.courses.packages import COURSE_YAML, lesson, package
from tests.factories import make_user, reload, sign_in
from tests.trainers.workspace import published_version, stored_version

pytestmark = pytest.mark.database


def _course(slug: str = "tiny") -> Course:
    db.session.expire_all()
    return db.session.scalar(select(Course).where(Course.slug == slug))


def _trainer(client, email="trainer@example.org"):
    user = make_user(email, role="trainer")
    sign_in(client, email)
    return user


def test_publishing_a_new_course_makes_its_publisher_the_owner(app, client, tmp_path):
    trainer = _trainer(client)
    version = stored_version(package(tmp_path), trainer)
    assert _course() is None  # a draft: nothing learners can reach

    response = client.post(f"/trainers/versions/{version.id}/publish")

    assert response.status_code == 302
    assert response.headers["Location"].endswith("/trainers/courses/tiny/")
    course = _course()
    assert course.published_version_id == version.id
    assert db.session.scalars(select(CourseOwner.user_id)).all() == [trainer.id]
    actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["upload", "publish"]
    assert client.get("/courses/tiny/").status_code == 200


def test_a_new_version_replaces_the_published_one_and_learners_keep_progress(app, client, tmp_path):
    trainer = _trainer(client)
    published_version(package(tmp_path / "one"), trainer)
    learner = make_user()
    course = _course()
    learning.enrol(learner, course, "en")
    hello = db.session.scalar(select(Lesson).where(Lesson.slug == "hello"))
    learning.complete_lesson(learner, hello.id)
    db.session.commit()
    # The second edition reorders the lessons and renames the course.
    renamed = COURSE_YAML.replace("Tiny course", "Tiny course, second edition")
    second = stored_version(
        package(
            tmp_path / "two",
            {
                "course.yaml": renamed,
                "01-start/01-hello.en.md": None,
                "01-start/01-hello.fr.md": None,
                "01-start/03-hello.en.md": lesson("Hello"),
                "01-start/03-hello.fr.md": lesson("Bonjour"),
            },
        ),
        trainer,
    )

    assert client.post(f"/trainers/versions/{second.id}/publish").status_code == 302

    course = _course()
    assert course.title["en"] == "Tiny course, second edition"
    assert course.published_version_id == second.id
    assert learning.completed_lesson_ids(learner, course) == {hello.id}
    assert reload(hello).position == 2


def test_restore_brings_back_the_previous_version_in_one_step(app, client, tmp_path):
    trainer = _trainer(client)
    first = published_version(package(tmp_path / "one"), trainer)
    renamed = COURSE_YAML.replace("Tiny course", "Renamed course")
    second = published_version(package(tmp_path / "two", {"course.yaml": renamed}), trainer)
    assert _course().title["en"] == "Renamed course"

    page = client.get("/trainers/courses/tiny/").get_data(as_text=True)
    assert f"Restore the previous version (version {first.id})" in page
    response = client.post("/trainers/courses/tiny/restore")

    assert response.status_code == 302
    course = _course()
    assert course.title["en"] == "Tiny course"
    assert course.published_version_id == first.id
    # Restoring again goes back to the second: "previous" is the one published before.
    client.post("/trainers/courses/tiny/restore")
    assert _course().published_version_id == second.id
    actions = db.session.scalars(
        select(AuditEntry.action).where(AuditEntry.action == "restore")
    ).all()
    assert actions == ["restore", "restore"]


def test_restore_without_an_earlier_version_changes_nothing(app, client, tmp_path):
    trainer = _trainer(client)
    version = published_version(package(tmp_path), trainer)

    response = client.post("/trainers/courses/tiny/restore", follow_redirects=True)

    assert "There is no earlier version to restore, so nothing changed." in response.get_data(
        as_text=True
    )
    assert _course().published_version_id == version.id


def test_unpublished_courses_are_gone_for_learners_until_published_again(app, client, tmp_path):
    trainer = _trainer(client)
    version = published_version(package(tmp_path), trainer)
    learner = make_user()
    learning.enrol(learner, _course(), "en")
    db.session.commit()

    assert client.post("/trainers/courses/tiny/unpublish").status_code == 302

    visitor = app.test_client()
    assert visitor.get("/courses/tiny/").status_code == 404
    assert visitor.get("/courses/tiny/lessons/hello").status_code == 404
    assert "Tiny course" not in visitor.get("/courses/").get_data(as_text=True)
    # Nothing about the learner is deleted.
    assert learning.find_enrolment(learner, _course()).is_active
    page = client.get(f"/trainers/versions/{version.id}").get_data(as_text=True)
    assert "Publish this version again" in page

    assert client.post(f"/trainers/versions/{version.id}/publish").status_code == 302
    assert visitor.get("/courses/tiny/lessons/hello").status_code == 200
    assert _course().unpublished_at is None


def test_a_course_id_owned_by_someone_else_is_refused_by_name(app, client, tmp_path):
    intruder = _trainer(client, "intruder@example.org")
    # Drafted while the id was free; another trainer published it first.
    draft = stored_version(package(tmp_path / "two"), intruder)
    owner = make_user("owner@example.org", role="trainer")
    first = published_version(package(tmp_path / "one"), owner)

    response = client.post(f"/trainers/versions/{draft.id}/publish", follow_redirects=True)

    assert (
        "The course id tiny belongs to a course you do not own (Tiny course), so nothing "
        "changed. Change the id in course.yaml, or ask an admin to make you an owner."
    ) in re.sub(r"</?bdi>", "", response.get_data(as_text=True))
    assert _course().published_version_id == first.id
    assert reload(draft).published_at is None


def test_the_workspace_lists_only_the_courses_a_trainer_owns(app, client, tmp_path):
    other = make_user("other@example.org", role="trainer")
    published_version(package(tmp_path / "one"), other)
    _trainer(client)

    page = client.get("/trainers/").get_data(as_text=True)

    assert "Tiny course" not in page
    assert "You do not own a course yet." in page
    assert client.get("/trainers/courses/tiny/").status_code == 403


def test_admins_assign_owners_who_then_publish(app, client, tmp_path):
    admin = make_user("admin@example.org", role="admin")
    published_version(package(tmp_path), admin)
    trainer = make_user("trainer@example.org", role="trainer")
    make_user("learner@example.org")
    sign_in(client, "admin@example.org")

    refused = client.post("/trainers/courses/tiny/owners", data={"email": "learner@example.org"})
    assert refused.status_code == 400
    assert "No trainer has this email address, so nothing changed." in refused.get_data(
        as_text=True
    )
    added = client.post("/trainers/courses/tiny/owners", data={"email": "Trainer@Example.org"})
    assert added.status_code == 302

    owners = set(db.session.scalars(select(CourseOwner.user_id)))
    assert owners == {admin.id, trainer.id}


def test_the_command_line_import_is_kept_as_a_version_to_restore(app, client, runner, tmp_path):
    result = runner.invoke(args=["courses", "import", str(package(tmp_path / "one"))])
    assert result.exit_code == 0, result.output
    imported = db.session.scalar(select(CourseVersion))
    assert (imported.uploaded_by, imported.published_by) == (None, None)
    assert _course().published_version_id == imported.id
    assert db.session.scalars(select(CourseOwner)).all() == []  # admins assign owners
    admin = make_user("admin@example.org", role="admin")
    renamed = COURSE_YAML.replace("Tiny course", "Renamed course")
    published_version(package(tmp_path / "two", {"course.yaml": renamed}), admin)
    sign_in(client, "admin@example.org")

    client.post("/trainers/courses/tiny/restore")

    assert _course().title["en"] == "Tiny course"
    assert _course().published_version_id == imported.id


def test_a_version_that_no_longer_passes_the_check_is_not_published(app, client, tmp_path):
    from academy.trainers.versions import pack_folder

    trainer = _trainer(client)
    first = published_version(package(tmp_path / "one"), trainer)
    # Stored when the checker let it pass; it has grown stricter since.
    broken = package(tmp_path / "two", {"course.yaml": COURSE_YAML + "colour: green\n"})
    stale = CourseVersion(
        course_slug="tiny",
        version="2",
        content_hash="0" * 64,
        package=pack_folder(broken),
        package_size=1,
        uploaded_by=trainer.id,
    )
    db.session.add(stale)
    db.session.commit()

    response = client.post(f"/trainers/versions/{stale.id}/publish", follow_redirects=True)

    assert "This version no longer passes the check, so nothing changed." in response.get_data(
        as_text=True
    )
    assert _course().published_version_id == first.id

"""Uploading a package from the browser: the check report, the draft, and every refusal."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from sqlalchemy import func, select

from academy.courses.models import Course, CourseVersion
from academy.extensions import db
from tests.conftest import SAMPLE_PACKAGE
from tests.courses.packages import COURSE_YAML, lesson, package
from tests.courses.zipcraft import FILE_MODE, FOLDER_MODE, Member, build_zip, folder_members
from tests.factories import make_user, sign_in
from tests.trainers.workspace import published_version


def zipped(root, top: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(root.rglob("*")):
            if path.is_file():
                name = path.relative_to(root).as_posix()
                archive.writestr(f"{top}/{name}" if top else name, path.read_bytes())
    return buffer.getvalue()


def upload(client, data: bytes, name: str = "course.zip"):
    return client.post("/trainers/uploads", data={"package": (io.BytesIO(data), name)})


def text(response) -> str:
    return re.sub(r"</?bdi>", "", response.get_data(as_text=True))


def counts() -> tuple[int, int]:
    db.session.expire_all()
    return (
        db.session.scalar(select(func.count()).select_from(CourseVersion)),
        db.session.scalar(select(func.count()).select_from(Course)),
    )


@pytest.fixture
def trainer(client):
    user = make_user("trainer@example.org", role="trainer")
    sign_in(client, "trainer@example.org")
    return user


def test_a_package_that_passes_becomes_a_draft(client, trainer, tmp_path):
    response = upload(client, zipped(package(tmp_path), top="tiny"))

    version = db.session.scalar(select(CourseVersion))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/trainers/versions/{version.id}")
    assert (version.course_slug, version.uploaded_by, version.published_at) == (
        "tiny",
        trainer.id,
        None,
    )
    assert counts() == (1, 0)  # nothing published
    page = client.get(f"/trainers/versions/{version.id}").get_data(as_text=True)
    assert "Draft: learners cannot see it." in page
    assert "Preview in French" in page


def test_the_report_quotes_each_problem_with_its_file_and_line(client, trainer, tmp_path):
    broken = package(
        tmp_path,
        {
            "course.yaml": COURSE_YAML + "colour: green\n",
            "01-start/02-more.en.md": lesson("More", "See [the missing one](09-gone.en.md).\n"),
        },
    )

    response = upload(client, zipped(broken, top="tiny"))

    page = text(response)
    assert response.status_code == 400
    assert "2 errors must be fixed before this package can be published." in page
    assert '<code dir="ltr">course.yaml:8</code>' in page
    assert '<pre class="problem__line" dir="auto"><code>colour: green</code></pre>' in page
    assert '<code dir="ltr">01-start/02-more.en.md:5</code>' in page
    assert "See [the missing one](09-gone.en.md)." in page
    assert counts() == (0, 0)


def test_a_course_id_someone_else_owns_is_refused_by_name(client, trainer, tmp_path):
    owner = make_user("owner@example.org", role="trainer")
    published_version(package(tmp_path / "theirs"), owner)

    response = upload(client, zipped(package(tmp_path / "mine"), top="tiny"))

    assert response.status_code == 400
    assert (
        "The course id tiny belongs to a course you do not own (Tiny course), so nothing changed."
        in text(response)
    )
    assert counts() == (1, 1)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"This is a text file, not a zip.", "is not a zip archive"),
        (build_zip([Member("../course.yaml", b"id: x\n")]), "../course.yaml"),
        (build_zip([Member("tiny/lesson.exe", b"MZ")]), "lesson.exe"),
    ],
    ids=["not a zip", "zip slip", "a program"],
)
def test_a_refused_archive_says_why_and_changes_nothing(client, trainer, data, message):
    response = upload(client, data)

    assert response.status_code == 400
    refusal = r'<p class="flash flash--error" id="upload-refused">([^<]*)'
    refused = re.search(refusal, text(response))
    assert refused is not None
    assert message in refused.group(1)
    assert counts() == (0, 0)


def test_no_file_is_asked_for(client, trainer):
    response = client.post("/trainers/uploads", data={})

    assert response.status_code == 400
    assert "Choose the zip file of your course package." in response.get_data(as_text=True)


def test_an_upload_larger_than_the_setting_is_refused_before_it_is_read(make_app, tmp_path):
    app = make_app(PACKAGE_UPLOAD_MAX_BYTES=10_000)
    client = app.test_client()
    with app.app_context():
        make_user("trainer@example.org", role="trainer")
    sign_in(client, "trainer@example.org")

    response = upload(client, b"\0" * 20_000)

    assert response.status_code == 413


def test_the_site_wide_limit_does_not_stop_a_package_upload(make_app, tmp_path):
    """A package larger than every other form may be still uploads (the limit is its own)."""
    app = make_app(MAX_CONTENT_LENGTH=20_000)
    client = app.test_client()
    with app.app_context():
        make_user("trainer@example.org", role="trainer")
        sign_in(client, "trainer@example.org")
        root = package(tmp_path, {"assets/noise.txt": "x" * 30_000 + "\n"})
        data = zipped(root, top="tiny")
        response = upload(client, data)
        assert response.status_code == 302


def test_a_zip_from_macos_uploads_as_the_trainer_expects(client, trainer):
    members = folder_members(SAMPLE_PACKAGE, "sample-course", mode=FILE_MODE)
    members += [
        Member("sample-course/.DS_Store", b"\0\0\0\1Bud1", mode=FILE_MODE),
        Member("__MACOSX/", mode=FOLDER_MODE),
        Member("__MACOSX/sample-course/._course.yaml", b"\0\5\26\7", mode=FILE_MODE),
    ]

    response = upload(client, build_zip(members))

    assert response.status_code == 302
    assert db.session.scalar(select(CourseVersion.course_slug)) == "sample-course"


def test_an_editors_source_file_is_left_out_with_a_warning(client, trainer, tmp_path):
    root = package(tmp_path, {"assets/drawing.psd": b"8BPS\0\1"})

    response = upload(client, zipped(root, top="tiny"), "course.zip")

    version = db.session.scalar(select(CourseVersion))
    page = client.get(f"/trainers/versions/{version.id}").get_data(as_text=True)
    assert response.status_code == 302
    assert "assets/drawing.psd" in page

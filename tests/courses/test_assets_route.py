"""Package assets: served under their content hash, cached for good, SVGs sandboxed."""

from __future__ import annotations

import hashlib
import shutil

import pytest

from tests.conftest import SAMPLE_PACKAGE, import_package
from tests.i18n import translated

ASSETS = SAMPLE_PACKAGE / "assets"


def asset_url(name: str, data: bytes | None = None) -> str:
    digest = hashlib.sha256(data if data is not None else (ASSETS / name).read_bytes())
    return f"/courses/sample-course/assets/{digest.hexdigest()[:16]}/{name}"


def test_the_url_in_a_lesson_serves_the_image(client, sample_course):
    html = client.get("/courses/sample-course/lessons/working-together").text
    assert 'src="../assets/6696cf657becd45f/circle.svg"' in html
    # ../assets/... from /courses/sample-course/lessons/<lesson>
    response = client.get("/courses/sample-course/assets/6696cf657becd45f/circle.svg")
    assert response.status_code == 200
    assert response.data == (ASSETS / "circle.svg").read_bytes()


def test_an_asset_is_cached_for_a_year_under_its_hash(client, sample_course):
    data = (ASSETS / "handout.txt").read_bytes()
    response = client.get(asset_url("handout.txt"))
    assert response.status_code == 200
    assert response.data == data
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.headers["ETag"] == f'"{hashlib.sha256(data).hexdigest()}"'
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" not in response.headers["Content-Security-Policy"]


def test_an_svg_is_sandboxed(client, sample_course):
    response = client.get(asset_url("circle.svg"))
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "image/svg+xml"
    assert response.headers["Content-Security-Policy"] == (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"
    )
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_a_known_etag_gets_304_without_the_bytes(client, sample_course):
    url = asset_url("circle.svg")
    etag = client.get(url).headers["ETag"]
    response = client.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.data == b""
    assert response.headers["ETag"] == etag
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert client.get(url, headers={"If-None-Match": '"something-else"'}).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/courses/sample-course/assets/0000000000000000/circle.svg",  # another file's hash
        "/courses/sample-course/assets/6696CF657BECD45F/circle.svg",  # not as served
        "/courses/sample-course/assets/6696cf657becd45/circle.svg",  # too short
        "/courses/sample-course/assets/6696cf657becd45fe/circle.svg",  # too long
        "/courses/sample-course/assets/6696cf657becd45f/missing.svg",
        "/courses/sample-course/assets/6696cf657becd45f/../course.yaml",
        "/courses/sample-course/assets/6696cf657becd45f/",
        "/courses/no-such-course/assets/6696cf657becd45f/circle.svg",
    ],
)
def test_an_unknown_asset_is_not_found_in_the_users_language(client, sample_course, url):
    response = client.get(url + "?lang=fr")
    assert response.status_code == 404
    assert '<html lang="fr"' in response.text
    assert translated("Page not found", "fr") in response.text
    assert "immutable" not in response.headers.get("Cache-Control", "")


def test_a_stale_url_does_not_serve_new_content(client, sample_course, tmp_path):
    old_url = asset_url("handout.txt")
    package = tmp_path / "sample-course"
    shutil.copytree(SAMPLE_PACKAGE, package)
    new_data = b"The seven principles, second edition.\n"
    (package / "assets" / "handout.txt").write_bytes(new_data)
    import_package(package)
    assert client.get(old_url).status_code == 404
    response = client.get(asset_url("handout.txt", new_data))
    assert response.status_code == 200
    assert response.data == new_data

"""SVGs saved by Inkscape and draw.io show in a real browser, embedded photos included."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Locator, Page

from tests.conftest import import_package
from tests.courses.packages import COURSE_YAML, base_files, lesson, write_package

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "svg"
# The colours of the raster images embedded in the fixtures (a PNG, a JPEG).
INKSCAPE_PHOTO = (27, 110, 83)
DRAWIO_PHOTO = (200, 60, 40)


def _shows_colour(shot: bytes, colour: tuple[int, int, int]) -> bool:
    """At least a 10 x 10 patch's worth of pixels has that colour."""
    image = Image.open(io.BytesIO(shot)).convert("RGB")
    close = [
        pixel
        for pixel in image.get_flattened_data()
        if all(abs(a - b) <= 12 for a, b in zip(pixel, colour, strict=True))
    ]
    return len(close) >= 100


def _loaded(image: Locator) -> bool:
    return image.evaluate("(img) => img.complete && img.naturalWidth > 0")


@pytest.fixture
def svg_lesson(live_server, tmp_path) -> str:
    files = base_files()
    body = "![The village shop](../assets/shop.svg)\n\n![How members meet](../assets/flow.svg)\n"
    files.update(
        {
            "course.yaml": COURSE_YAML.replace("id: tiny", "id: svg-tools"),
            "01-start/02-more.en.md": lesson("More", body),
            "assets/shop.svg": (FIXTURES / "inkscape.svg").read_bytes(),
            "assets/flow.svg": (FIXTURES / "drawio.svg").read_bytes(),
        }
    )
    with live_server.app.app_context():
        import_package(write_package(tmp_path, files))
    return f"{live_server.url}/courses/svg-tools/lessons/more"


def test_svgs_show_their_embedded_images_in_a_lesson_and_alone(make_context, svg_lesson):
    page: Page = make_context(viewport={"width": 800, "height": 1000}).new_page()
    page.goto(svg_lesson)
    shop, flow = page.locator('main img[alt="The village shop"]'), page.locator("main img").nth(1)
    page.wait_for_function("() => [...document.images].every((img) => img.complete)")
    assert _loaded(shop)
    assert _loaded(flow)
    assert _shows_colour(shop.screenshot(), INKSCAPE_PHOTO)
    assert _shows_colour(flow.screenshot(), DRAWIO_PHOTO)

    # Opened on its own, under the sandboxing policy, the embedded photo still shows.
    page.goto(shop.evaluate("(img) => img.src"))
    assert _shows_colour(page.screenshot(), INKSCAPE_PHOTO)

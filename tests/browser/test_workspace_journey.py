"""A trainer publishes a course from the browser, on a phone, with the keyboard.

Upload a zip with two errors, read them on the report, fix them, upload
again, preview the Spanish version, publish it; publish a second edition,
then restore the first in one step. Every page is checked with axe-core and
must fit a 360 px screen.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from academy.auth.models import User
from academy.extensions import db
from tests.browser.test_certificate_journey import sign_in_with_keyboard
from tests.browser.test_journey import check_page, submit_with_enter, tab_to
from tests.factories import make_user

pytestmark = pytest.mark.browser

TRAINER_EMAIL = "amina.workspace@example.org"
ARABIC_TRAINER_EMAIL = "rania.workspace@example.org"
COURSE_YAML = """\
id: {course_id}
version: "{edition}"
default_language: en
languages: [en, es]
title:
  en: {title}
  es: Cooperativas paso a paso
"""
MODULE_YAML = "title:\n  en: First steps\n  es: Primeros pasos\n"


def lesson_file(title: str, body: str) -> str:
    return f"---\ntitle: {title}\nduration_minutes: 5\n---\n{body}\n"


def package_zip(
    *,
    broken: bool = False,
    title: str = "Cooperatives step by step",
    edition: str = "1",
    course_id: str = "journey-course",
) -> bytes:
    course_yaml = COURSE_YAML.format(title=title, edition=edition, course_id=course_id)
    if broken:
        course_yaml += "colour: green\n"
    link = "[the next lesson](02-gone.en.md)" if broken else "[the next lesson](02-next.en.md)"
    files = {
        "course.yaml": course_yaml,
        "01-start/module.yaml": MODULE_YAML,
        "01-start/01-hello.en.md": lesson_file("Hello", f"Read {link}."),
        "01-start/01-hello.es.md": lesson_file(
            "Hola", "Lea [la lección siguiente](02-next.es.md)."
        ),
        "01-start/02-next.en.md": lesson_file("Next", "Members decide together."),
        "01-start/02-next.es.md": lesson_file("Siguiente", "Las personas socias deciden juntas."),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(f"{course_id}/{name}", text)
    return buffer.getvalue()


@pytest.fixture
def trainer_server(live_server):
    with live_server.app.app_context():
        if db.session.scalar(select(User).where(User.email == TRAINER_EMAIL)) is None:
            make_user(TRAINER_EMAIL, role="trainer", name="Amina Workspace")
            make_user(ARABIC_TRAINER_EMAIL, role="trainer", name="رانيا حداد", locale="ar")
    return live_server


def upload(page: Page, data: bytes) -> None:
    # A file chooser is the system's own dialog: the test reaches the field
    # with the keyboard, then hands it the file as the dialog would.
    tab_to(page, "#package", max_presses=80)
    page.set_input_files(
        "#package", {"name": "course.zip", "mimeType": "application/zip", "buffer": data}
    )
    tab_to(page, 'form[action$="/trainers/uploads"] button', max_presses=5)
    submit_with_enter(page)
    page.wait_for_load_state("load")


def publish(page: Page) -> None:
    tab_to(page, 'form[action$="/publish"] button', max_presses=80)
    submit_with_enter(page)
    page.wait_for_url("**/trainers/courses/journey-course/")


def test_a_trainer_publishes_previews_and_restores_on_a_phone(make_context, trainer_server):
    base = trainer_server.url
    page = make_context(bypass_csp=True).new_page()
    sign_in_with_keyboard(page, base, TRAINER_EMAIL, "/trainers/")
    expect(page.locator("h1")).to_have_text("Trainers' workspace")
    check_page(page)

    # The first upload has two errors: the report names each with its line.
    upload(page, package_zip(broken=True))
    expect(page.locator(".check-report .flash--error")).to_contain_text("2 errors must be fixed")
    problems = page.locator(".problem--error")
    expect(problems).to_have_count(2)
    expect(problems.nth(0)).to_contain_text("01-start/01-hello.en.md:5")
    expect(problems.nth(1)).to_contain_text("course.yaml:8")
    expect(problems.nth(1).locator("pre")).to_have_text("colour: green")
    check_page(page)

    # Fixed, it becomes a draft; the Spanish preview shows the draft in Spanish.
    upload(page, package_zip())
    expect(page.locator(".flashes")).to_contain_text("Your package passed the check.")
    check_page(page)
    tab_to(page, 'a[hreflang="es"]', max_presses=80)
    page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    expect(page.locator(".preview-banner")).to_contain_text("learners cannot see this version")
    expect(page.locator("h1")).to_contain_text("Cooperativas paso a paso")
    check_page(page)
    page.locator("a", has_text="Hola").first.click()
    expect(page.locator(".lesson-content")).to_contain_text("Lea")
    page.locator(".lesson-content a").first.click()
    expect(page.locator(".lesson-content")).to_contain_text("Las personas socias deciden juntas.")
    assert page.url.endswith("/preview/es/lessons/next")
    check_page(page)
    assert page.request.get(base + "/courses/journey-course/").status == 404

    # Publish: learners see it.
    page.locator(".preview-banner a").click()
    publish(page)
    expect(page.locator(".flashes")).to_contain_text("Published.")
    check_page(page)
    assert page.request.get(base + "/courses/journey-course/").status == 200

    # A second edition, published; then the first restored in one step.
    page.goto(base + "/trainers/")
    upload(page, package_zip(title="Cooperatives, second edition", edition="2"))
    publish(page)
    visitor = make_context().new_page()
    visitor.goto(base + "/courses/journey-course/")
    expect(visitor.locator("h1")).to_have_text("Cooperatives, second edition")
    tab_to(page, 'form[action$="/restore"] button', max_presses=80)
    submit_with_enter(page)
    page.wait_for_url("**/trainers/courses/journey-course/")
    expect(page.locator(".flashes")).to_contain_text("The previous version is published again.")
    check_page(page)
    visitor.reload()
    expect(visitor.locator("h1")).to_have_text("Cooperatives step by step")


def check_arabic(page: Page) -> None:
    assert page.locator("html").get_attribute("dir") == "rtl", page.url
    check_page(page)


def test_the_workspace_pages_in_arabic_fit_a_phone_and_pass_axe(
    make_context, trainer_server
) -> None:
    """Every workspace page in Arabic (right to left): the home page, a version with its
    report, a preview, and a question bank converted."""
    base = trainer_server.url
    page = make_context(bypass_csp=True, locale="ar").new_page()
    sign_in_with_keyboard(page, base, ARABIC_TRAINER_EMAIL, "/trainers/")
    check_arabic(page)
    upload(page, package_zip(broken=True, course_id="arabic-pages"))
    expect(page.locator(".problem--error")).to_have_count(2)
    check_arabic(page)
    upload(page, package_zip(course_id="arabic-pages"))
    expect(page.locator('a[hreflang="es"]')).to_have_count(1)
    check_arabic(page)  # the version page
    version_url = page.url
    page.goto(version_url + "/preview/es/lessons/hello")
    check_arabic(page)

    page.goto(base + "/trainers/question-banks/")
    check_arabic(page)
    gift = "::check:: Members of a cooperative decide {=together ~alone}\n\n::essay:: Why? {}\n"
    tab_to(page, "#bank", max_presses=80)
    page.set_input_files(
        "#bank", {"name": "bank.gift", "mimeType": "text/plain", "buffer": gift.encode()}
    )
    page.fill("#language", "ar")
    tab_to(page, 'form[action$="/question-banks/"] button[type="submit"]', max_presses=10)
    submit_with_enter(page)
    page.wait_for_load_state("load")
    expect(page.locator(".flash--success")).to_be_visible()
    expect(page.locator(".problem--warning")).to_have_count(1)  # the essay, left out
    check_arabic(page)

"""One visitor's journey on a small phone, with the keyboard only.

Register (first with mistakes), activate the account from the emailed link,
sign out, sign in again, switch the interface to French and Arabic, open the
account page; every page is checked with axe-core and for sideways scrolling.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.axe import assert_accessible

pytestmark = pytest.mark.browser

EMAIL = "amina.diallo@example.org"
PASSWORD = "river lantern autumn 42"
NAME = "Amina Diallo"
ORGANIZATION = "Coopérative des femmes de Thiès"

SIGN_OUT_BUTTON = 'form[action$="/auth/sign-out"] button'
ACCOUNT_LINK = '.site-nav a[href$="/account/"]'
SIGN_IN_LINK = '.site-nav a[href$="/auth/sign-in"]'


# -- keyboard helpers ------------------------------------------------------------


def describe_focus(page: Page) -> str:
    return page.evaluate(
        "() => document.activeElement ? document.activeElement.outerHTML.slice(0, 160) : 'nothing'"
    )


def focus_matches(page: Page, selector: str) -> bool:
    return page.evaluate(
        "(s) => !!document.activeElement && document.activeElement.matches(s)", selector
    )


def tab_to(page: Page, selector: str, max_presses: int = 60, key: str = "Tab") -> None:
    """Press Tab until the focused element matches selector; fail after max_presses."""
    for _ in range(max_presses):
        page.keyboard.press(key)
        if focus_matches(page, selector):
            return
    pytest.fail(
        f"{max_presses} presses of {key} did not reach {selector!r} on {page.url}; "
        f"focus is on {describe_focus(page)}"
    )


def focused_value(page: Page) -> str:
    return page.evaluate("() => document.activeElement.value")


def choose_with_arrows(page: Page, value: str) -> None:
    """Move the focused <select> to value with ArrowUp/ArrowDown, as a keyboard user would."""
    current, target = page.evaluate(
        """(v) => {
          const s = document.activeElement;
          return [s.selectedIndex, [...s.options].findIndex((o) => o.value === v)];
        }""",
        value,
    )
    assert target >= 0, f"no option {value!r} in {describe_focus(page)}"
    key = "ArrowDown" if target > current else "ArrowUp"
    for _ in range(abs(target - current)):
        page.keyboard.press(key)
    assert focused_value(page) == value


def submit_with_enter(page: Page) -> None:
    """Press Enter on the focused control and wait for the page it leads to."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


# -- page checks -----------------------------------------------------------------


def assert_fits_phone(page: Page) -> None:
    scroll_width, inner_width = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert scroll_width <= inner_width, (
        f"{page.url} scrolls sideways on a {inner_width}px-wide screen "
        f"(content is {scroll_width}px wide)"
    )


def check_page(page: Page) -> None:
    page.wait_for_load_state("load")
    assert_fits_phone(page)
    assert_accessible(page)


def html_lang_dir(page: Page) -> tuple[str, str]:
    return tuple(
        page.evaluate("() => [document.documentElement.lang, document.documentElement.dir]")
    )


def switch_language(page: Page, code: str) -> None:
    """Use the header's language switcher with the keyboard (from a freshly loaded page)."""
    tab_to(page, "#switch-language")
    choose_with_arrows(page, code)
    tab_to(page, 'form.language-switcher button[type="submit"]', max_presses=3)
    submit_with_enter(page)
    expect(page.locator("html")).to_have_attribute("lang", code)


# -- the journey -----------------------------------------------------------------


def test_keyboard_journey_on_a_phone(axe_page: Page, live_server) -> None:
    page = axe_page
    base = live_server.url

    # a. Home: the first Tab reaches the skip link, Enter moves to <main>.
    page.goto(base + "/")
    assert html_lang_dir(page) == ("en", "ltr")
    check_page(page)
    page.keyboard.press("Tab")
    assert focus_matches(page, "a.skip-link"), describe_focus(page)
    skip_box = page.locator("a.skip-link").bounding_box()
    assert skip_box is not None
    assert skip_box["y"] >= 0, "the focused skip link is off screen"
    page.keyboard.press("Enter")
    page.wait_for_url(base + "/#main")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'main'")

    # b. The next Tab after <main> reaches "Create your free account"; the form sent empty.
    tab_to(page, 'main a[href$="/auth/register"]', max_presses=3)
    submit_with_enter(page)
    page.wait_for_url(base + "/auth/register")
    check_page(page)

    tab_to(page, 'form.form button[type="submit"]')
    submit_with_enter(page)
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_have_attribute("role", "alert")
    for selector in ("#email", "#password", "#name", "#country", "#constituent_group-0"):
        expect(page.locator(selector)).to_have_attribute("aria-invalid", "true")
    # Each error in the summary links to its field.
    expect(summary.locator('a[href="#email"]')).to_be_visible()
    check_page(page)

    # c. The form filled in properly.
    tab_to(page, "#email")
    page.keyboard.type(EMAIL)
    tab_to(page, "#password", max_presses=3)
    page.keyboard.type(PASSWORD)
    tab_to(page, "#name", max_presses=3)
    page.keyboard.type(NAME)
    tab_to(page, "#locale", max_presses=3)
    choose_with_arrows(page, "fr")
    tab_to(page, "#country", max_presses=3)
    page.keyboard.type("Senegal")  # type-ahead on the closed <select>
    assert focused_value(page) == "SN"
    tab_to(page, "#constituent_group-0", max_presses=3)
    for _ in range(3):  # arrows move within the radio group and select as they go
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    assert focus_matches(page, "#constituent_group-3")
    expect(page.locator("#constituent_group-3")).to_be_checked()
    tab_to(page, "#organization", max_presses=3)
    page.keyboard.type(ORGANIZATION)
    tab_to(page, "#sex-0", max_presses=3)
    page.keyboard.press("Space")
    expect(page.locator("#sex-0")).to_be_checked()
    tab_to(page, 'form.form button[type="submit"]', max_presses=3)
    submit_with_enter(page)
    page.wait_for_url(base + "/auth/check-your-inbox")
    expect(page.locator("h1")).to_be_visible()
    check_page(page)

    # d. The activation link from the mail; the "Activate" button.
    message = live_server.last_mail()
    assert message["To"] == EMAIL
    assert message["Content-Language"] == "fr"
    link = live_server.link_in_last_mail("/auth/confirm/")
    assert link.startswith(base + "/auth/confirm/")
    page.goto(link)
    check_page(page)
    tab_to(page, 'main form button[type="submit"]')
    submit_with_enter(page)
    page.wait_for_url(base + "/")
    expect(page.locator(ACCOUNT_LINK)).to_be_visible()
    # The signed-in person's preferred language wins over the browser's.
    assert html_lang_dir(page) == ("fr", "ltr")
    expect(page.locator(".flashes")).to_be_visible()
    check_page(page)

    # e. Sign out with the header button, then sign in again.
    tab_to(page, SIGN_OUT_BUTTON)
    submit_with_enter(page)
    page.wait_for_url(base + "/")
    expect(page.locator(SIGN_IN_LINK)).to_be_visible()
    expect(page.locator(ACCOUNT_LINK)).to_have_count(0)
    # Signed out, the pages stay in the language the person was reading.
    assert html_lang_dir(page) == ("fr", "ltr")

    page.goto(base + "/auth/sign-in")
    check_page(page)
    tab_to(page, "#email")
    page.keyboard.type(EMAIL)
    tab_to(page, "#password", max_presses=3)
    page.keyboard.type(PASSWORD)
    submit_with_enter(page)  # Enter in a field submits its form
    page.wait_for_url(base + "/")
    expect(page.locator(ACCOUNT_LINK)).to_be_visible()
    assert html_lang_dir(page) == ("fr", "ltr")

    # f. The language switcher: English, French, then Arabic, mirrored.
    switch_language(page, "en")
    assert html_lang_dir(page) == ("en", "ltr")
    switch_language(page, "fr")
    page.wait_for_url(base + "/")
    assert html_lang_dir(page) == ("fr", "ltr")
    assert_brand_at_start(page, "ltr")
    check_page(page)

    switch_language(page, "ar")
    page.wait_for_url(base + "/")
    assert html_lang_dir(page) == ("ar", "rtl")
    assert page.evaluate("() => getComputedStyle(document.documentElement).direction") == "rtl"
    assert page.evaluate("() => getComputedStyle(document.body).direction") == "rtl"
    assert_brand_at_start(page, "rtl")
    check_page(page)

    # g. The account page, still in Arabic: the switcher saved the preference.
    page.goto(base + "/account/")
    assert html_lang_dir(page) == ("ar", "rtl")
    expect(page.locator("#name")).to_have_value(NAME)
    expect(page.locator("#locale")).to_have_value("ar")
    expect(page.locator("#country")).to_have_value("SN")
    expect(page.locator("#constituent_group-3")).to_be_checked()
    expect(page.locator("#organization")).to_have_value(ORGANIZATION)
    check_page(page)


def assert_brand_at_start(page: Page, direction: str) -> None:
    """The brand's text starts the header: at the left in LTR, at the right in RTL.

    The text's own line boxes are measured, not the link's box: a long
    translated name wraps and its flex item then fills the whole row.
    """
    lines, width = page.evaluate(
        """() => {
          const range = document.createRange();
          range.selectNodeContents(document.querySelector(".site-header .brand"));
          const rects = [...range.getClientRects()].map((r) => [r.left, r.right]);
          return [rects, window.innerWidth];
        }"""
    )
    assert lines, "the brand has no text on screen"
    for left, right in lines:
        centre = (left + right) / 2
        if direction == "rtl":
            assert right > width - 40, f"brand not at the right: {lines}"
            assert centre > width / 2, f"brand not at the right: {lines}"
        else:
            assert left < 40, f"brand not at the left: {lines}"
            assert centre < width / 2, f"brand not at the left: {lines}"


@pytest.mark.parametrize("path", ["/", "/auth/register", "/auth/sign-in", "/does-not-exist"])
def test_pages_fit_a_phone_in_arabic(axe_page: Page, live_server, path: str) -> None:
    page = axe_page
    page.goto(f"{live_server.url}{path}?lang=ar")
    assert html_lang_dir(page) == ("ar", "rtl")
    check_page(page)


def test_skip_link_is_visible_when_focused(axe_page: Page, live_server) -> None:
    page = axe_page
    page.goto(live_server.url + "/auth/sign-in")
    skip = page.locator("a.skip-link")
    box = skip.bounding_box()
    assert box is not None
    assert box["y"] + box["height"] <= 0, "the skip link shows before it has focus"
    page.keyboard.press("Tab")
    assert focus_matches(page, "a.skip-link")
    expect(skip).to_be_in_viewport()
    assert re.search(r"\S", skip.inner_text())


def test_forms_work_without_javascript(make_context, live_server) -> None:
    """Nothing needs JavaScript: validation and the language switch happen on the server."""
    page = make_context(java_script_enabled=False).new_page()
    base = live_server.url

    page.goto(base + "/auth/register")
    with page.expect_navigation():
        page.locator('form.form button[type="submit"]').click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_have_attribute("role", "alert")
    expect(page.locator("#email")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#constituent_group-0")).to_have_attribute("aria-invalid", "true")

    page.locator("#switch-language").select_option("ar")
    with page.expect_navigation():
        page.locator('form.language-switcher button[type="submit"]').click()
    page.wait_for_url(base + "/auth/register")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")

    # The choice is remembered for the next pages.
    page.goto(base + "/")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("#switch-language")).to_have_value("ar")

"""The Content-Security-Policy holds in a real browser: nothing on our pages breaks it."""

from __future__ import annotations

import pytest
from playwright.sync_api import ConsoleMessage, expect

from tests.browser.axe import axe_violations

pytestmark = pytest.mark.browser

# Injected by the browser before any page script, so the CSP does not apply to it.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
});
"""

PAGES = [
    ("/", 200),
    ("/auth/register", 200),
    ("/auth/sign-in", 200),
    ("/does-not-exist", 404),
]


def _expected_console_noise(message: ConsoleMessage, status: int) -> bool:
    # Chromium logs the main document's own 404 as a failed resource load.
    return status == 404 and f"status of {status}" in message.text


@pytest.mark.parametrize(("path", "status"), PAGES)
def test_pages_break_no_csp_rule(make_context, live_server, path: str, status: int) -> None:
    context = make_context()  # no bypass_csp: the app's policy applies
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    console: list[ConsoleMessage] = []
    errors: list[str] = []
    page.on("console", lambda message: console.append(message))
    page.on("pageerror", lambda error: errors.append(str(error)))

    response = page.goto(live_server.url + path)
    assert response is not None
    assert response.status == status
    policy = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in policy, policy
    assert "style-src 'self'" in policy, policy
    page.wait_for_load_state("load")

    # The stylesheet is allowed and applied: the header has the brand colour.
    header_background = page.evaluate(
        "() => getComputedStyle(document.querySelector('.site-header')).backgroundColor"
    )
    assert header_background == "rgb(11, 92, 74)"

    assert page.evaluate("() => window.__cspViolations") == []
    problems = [
        f"{message.type}: {message.text}"
        for message in console
        if message.type in ("error", "warning") and not _expected_console_noise(message, status)
    ]
    assert problems == []
    assert errors == []


def test_csp_blocks_inline_script(make_context, live_server) -> None:
    """The recorder above does see violations: an inline script is refused."""
    context = make_context()
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.__inlineRan = true;";
          document.body.append(script);
        }"""
    )
    page.wait_for_function("() => window.__cspViolations.length > 0")
    assert page.evaluate("() => window.__inlineRan") is None
    assert any(v.startswith("script-src") for v in page.evaluate("() => window.__cspViolations"))


def test_axe_finds_a_known_violation(make_context) -> None:
    """The accessibility checks are not vacuous: axe reports a missing alt text."""
    page = make_context(bypass_csp=True).new_page()
    page.set_content(
        '<!doctype html><html lang="en"><head><title>t</title></head>'
        '<body><main><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        "</main></body></html>"
    )
    violations = axe_violations(page)
    assert "image-alt" in {violation["id"] for violation in violations}
    expect(page.locator("img")).to_have_count(1)

"""Run axe-core (the copy bundled with axe-playwright-python) inside a page.

The app's Content-Security-Policy forbids inline script, so pages checked
here must come from a browser context created with bypass_csp=True.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import axe_playwright_python
from playwright.sync_api import Page

AXE_SOURCE = Path(axe_playwright_python.__file__).parent / "axe.min.js"

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

_RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({
      target: n.target.map((t) => (Array.isArray(t) ? t.join(" >>> ") : String(t))),
      html: n.html,
      summary: n.failureSummary,
    })),
  }));
}"""


@cache
def axe_source() -> str:
    return AXE_SOURCE.read_text(encoding="utf-8")


def axe_violations(page: Page, tags: list[str] | None = None) -> list[dict]:
    """Inject axe-core if the page lacks it, run it, return the violations."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=axe_source())
    return page.evaluate(_RUN_AXE, tags or WCAG_TAGS)


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"<{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            lines.append(f"    at {', '.join(node['target'])}: {node['html'][:200]}")
            if node["summary"]:
                summary = " ".join(node["summary"].split())
                lines.append(f"      {summary[:400]}")
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    """Fail with a readable summary when axe finds any WCAG 2.x A/AA violation."""
    violations = axe_violations(page)
    if violations:
        raise AssertionError(
            f"{len(violations)} accessibility violation(s) on {page.url} "
            f"(html lang={page.evaluate('document.documentElement.lang')!r}):\n"
            + format_violations(violations)
        )

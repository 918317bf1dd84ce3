"""Page structure every page shares: one h1, landmarks, skip link, accessible fields."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from tests.auth.test_register import FORM
from tests.factories import make_user, sign_in

PUBLIC_PAGES = [
    "/",
    "/privacy",
    "/auth/register",
    "/auth/sign-in",
    "/auth/reset",
    "/auth/check-your-inbox",
    "/missing-page",
]
ACCOUNT_PAGES = ["/account/", "/account/email", "/account/password", "/account/delete"]


class Outline(HTMLParser):
    """Collects what the structural checks need from a page."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.label_for: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "label" and attributes.get("for"):
            self.label_for.add(attributes["for"])

    def count(self, tag: str) -> int:
        return sum(1 for name, _ in self.tags if name == tag)

    def controls(self):
        for tag, attributes in self.tags:
            if tag in ("select", "textarea") or (
                tag == "input" and attributes.get("type") not in ("hidden", "submit")
            ):
                yield tag, attributes


def outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    return parser


def check_structure(html: str) -> None:
    page = outline(html)
    assert page.count("h1") == 1
    assert page.count("main") == 1
    assert page.count("header") >= 1
    assert page.count("footer") >= 1
    assert page.count("nav") >= 1
    first_link = next(attrs for tag, attrs in page.tags if tag == "a")
    assert first_link.get("class") == "skip-link"
    assert first_link["href"] == "#main"
    for _tag, attributes in page.controls():
        assert attributes.get("id") in page.label_for, f"control without a label: {attributes}"
    assert "placeholder=" not in html


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_share_the_accessible_structure(client, url):
    check_structure(client.get(url).text)


@pytest.mark.parametrize("url", ACCOUNT_PAGES)
def test_account_pages_share_the_accessible_structure(client, url):
    user = make_user()
    sign_in(client, user.email)
    check_structure(client.get(url).text)


def test_field_errors_are_tied_to_their_field(client):
    html = client.post("/auth/sign-in", data={"email": "nope", "password": ""}).text
    email_input = re.search(r"<input[^>]*id=\"email\"[^>]*>", html).group(0)
    assert 'aria-invalid="true"' in email_input
    assert 'aria-describedby="email-error"' in email_input
    assert 'id="email-error"' in html
    assert '<a href="#email">' in html  # the error summary links to the field


def test_hints_are_tied_to_their_field(client):
    html = client.get("/auth/register").text
    password = re.search(r"<input[^>]*id=\"password\"[^>]*>", html).group(0)
    assert 'aria-describedby="password-hint"' in password
    assert 'id="password-hint"' in html


def test_radio_groups_are_fieldsets_with_a_legend(client):
    html = client.get("/auth/register").text
    group = html[html.index('<fieldset class="field field--choices"') :]
    group = group[: group.index("</fieldset>")]
    assert "<legend>" in group
    assert 'type="radio"' in group
    assert '<label for="constituent_group-0">' in group


def test_rate_limited_forms_answer_429_in_the_users_language(make_app, app):
    # Five registrations an hour for one mailbox: the sixth is refused.
    limited = make_app(RATELIMIT_ENABLED=True).test_client()
    codes = [limited.post("/auth/register?lang=es", data=FORM).status_code for _ in range(6)]
    assert codes == [302] * 5 + [429]
    response = limited.post("/auth/register?lang=es", data=FORM)
    assert response.status_code == 429
    assert '<html lang="es"' in response.text


def _statements(app, client, url: str) -> int:
    from sqlalchemy import event

    from academy.extensions import db

    count = 0

    def counter(*_args):
        nonlocal count
        count += 1

    event.listen(db.engine, "before_cursor_execute", counter)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", counter)
    return count


def test_page_views_make_few_queries_and_write_nothing(app, client):
    user = make_user()
    sign_in(client, user.email)
    for url in ["/", "/account/", "/privacy"]:
        # Loading the signed-in user is the only query these pages need.
        assert _statements(app, client, url) <= 2, url


@pytest.mark.parametrize("url", ["/", "/auth/register"])
def test_pages_with_their_css_stay_small_for_slow_connections(client, url):
    html = client.get(url).data
    css = client.get(re.search(rb'href="(/static/css/[^"]+)"', html).group(1).decode())
    assert len(html) + len(css.data) < 60_000
    css.close()


# -- after a reload: the message takes the focus, or the title says what happened -------


def title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html).group(1)


def test_a_form_with_errors_says_so_in_the_title_and_its_summary_can_take_focus(client):
    assert title(client.get("/auth/sign-in").text) == "Sign in · SSE Academy"
    html = client.post("/auth/sign-in", data={"email": "nope", "password": ""}).text
    assert title(html) == "Error: Sign in · SSE Academy"
    summary = re.search(r'<div class="error-summary"[^>]*>', html).group(0)
    assert 'role="alert"' in summary
    assert 'tabindex="-1"' in summary
    # The script that moves the focus to it is served from the site (the CSP allows 'self').
    assert re.search(r'<script src="/static/js/focus-message\.js\?v=\w+" defer></script>', html)
    assert client.get("/static/js/focus-message.js").status_code == 200


def test_an_error_flashed_before_a_redirect_says_so_in_the_title(client, sample_course):
    sign_in(client, make_user().email)
    response = client.post("/learning/sample-course/unenrol")
    assert response.status_code == 302
    html = client.get(response.location).text
    assert title(html) == "Error: Working together: a first look at cooperatives · SSE Academy"
    assert '<div class="flashes" role="status" tabindex="-1">' in html
    # Only errors change the title: the next view of the page is plain again.
    assert not title(client.get(response.location).text).startswith("Error:")

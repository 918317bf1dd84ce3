"""Words in the reader's language, and only words (issue 11, item 5)."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po
from sqlalchemy import select

from academy.auth.models import User
from academy.courses.vocabulary import humanise
from academy.extensions import db
from academy.i18n import isolate, reading_arrows
from academy.typography import french_spacing, typeset
from tests.factories import make_user, reload, sign_in
from tests.i18n import TRANSLATIONS, template_messages, translated
from tests.visible_text import visible_pieces, visible_text

# -- every word the templates translate is in the catalogue ---------------------------


def test_every_template_message_is_in_the_catalogue_template():
    # pybabel skips folders whose names start with "_": the form macros' words
    # ("There is a problem", "Error:") were never extracted, so never translated.
    with (TRANSLATIONS / "messages.pot").open("rb") as file:
        extracted = {message.id for message in read_po(file) if isinstance(message.id, str)}
    assert sorted(template_messages() - extracted) == []


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_error_summary_and_field_errors_are_translated(client, language):
    html = client.post(f"/auth/sign-in?lang={language}", data={"email": "", "password": ""}).text
    pieces = visible_pieces(html)
    assert translated("There is a problem", language) in pieces
    assert translated("Error:", language) in pieces
    assert "There is a problem" not in pieces
    assert "Error:" not in pieces


# -- French spacing ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Erreur : %(x)s", "Erreur\u00a0: %(x)s"),
        ("Vraiment ? Oui ! Et ; puis", "Vraiment\u00a0? Oui\u00a0! Et\u00a0; puis"),
        ("« ESS »", "«\u00a0ESS\u00a0»"),
        ("17:05, https://example.org, title: ...", "17:05, https://example.org, title: ..."),
        ("Déjà\u00a0: fait", "Déjà\u00a0: fait"),
    ],
)
def test_french_spacing_keeps_the_marks_with_their_words(text, expected):
    assert french_spacing(text) == expected
    assert french_spacing(expected) == expected


def test_only_french_is_spaced():
    assert typeset("Error : x ?", "en") == "Error : x ?"
    assert typeset("Erreur : x ?", "fr") == "Erreur\u00a0: x\u00a0?"


def test_french_interface_words_never_break_before_a_colon(client):
    html = client.get("/missing-page?lang=fr").text
    assert "Code d'erreur\u00a0: 404" in visible_text(html)
    assert re.search(r" [:;?!»]", visible_text(html)) is None


def test_spacing_changes_no_other_language(client):
    assert "\u00a0" not in visible_text(client.get("/missing-page?lang=en").text)


# -- dates carry no English zone name --------------------------------------------------


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_a_date_names_no_english_time_zone(app, language):
    # Times are shown in the reader's own zone (academy.i18n.format_moment), so no zone
    # name is printed beside them, in English or otherwise.
    from datetime import UTC, datetime

    from academy.quizzes.page_helpers import date_label

    with app.test_request_context(f"/?lang={language}"):
        label = date_label(datetime(2026, 12, 7, 17, 5, tzinfo=UTC))
    assert label
    assert "UTC" not in label
    assert "GMT" not in label


# -- topics and licences as words ------------------------------------------------------


def test_topics_are_words_in_the_readers_language(client, sample_course):
    html = client.get("/courses/?lang=fr").text
    pieces = visible_pieces(html)
    assert "économie sociale et solidaire" in pieces
    assert "coopératives" in pieces
    assert "sse" not in pieces
    # The filter still sends the id, so shared links keep working.
    assert '<option value="sse">économie sociale et solidaire</option>' in html
    filtered = client.get("/courses/?lang=fr&tag=sse").text
    assert "Travailler ensemble" in filtered


def test_an_unknown_topic_is_shown_as_words():
    assert humanise("green-transition") == "green transition"
    assert humanise("climate_change") == "climate change"


def test_the_licence_is_named_in_the_readers_language(client, sample_course):
    html = client.get("/courses/sample-course/?lang=fr").text
    name = translated("Creative Commons Attribution-ShareAlike 4.0", "fr")
    assert (
        f'<a href="https://creativecommons.org/licenses/by-sa/4.0/" rel="license">{name}</a>'
        in (html)
    )
    assert "CC-BY-SA-4.0" not in visible_text(html)


# -- arrows point the way the page reads ------------------------------------------------


def test_arrows_follow_the_reading_direction():
    assert reading_arrows("ltr") == {"previous": "\u2190", "next": "\u2192"}
    assert reading_arrows("rtl") == {"previous": "\u2192", "next": "\u2190"}


@pytest.mark.parametrize(
    ("language", "previous", "following"), [("en", "←", "→"), ("ar", "→", "←")]
)
def test_lesson_pager_arrows(client, sample_course, language, previous, following):
    html = client.get(f"/courses/sample-course/lessons/working-together?lang={language}").text
    pager = html[html.index('class="pager"') :]
    previous_at = pager.index('rel="prev"')
    next_at = pager.index('rel="next"')
    assert f'<span aria-hidden="true">{previous}</span>' in pager[previous_at:next_at]
    assert f'<span aria-hidden="true">{following}</span>' in pager[next_at:]


# -- learner text isolated from interface text -------------------------------------------


def test_isolate_escapes_and_isolates_each_value():
    message = isolate("%(name)s a écrit : « Q&A »", name="<b>أمينة</b>")
    assert message == "<bdi>&lt;b&gt;أمينة&lt;/b&gt;</bdi> a écrit : « Q&amp;A »"


def test_an_address_inside_a_sentence_is_isolated(client):
    user = make_user("amina@example.org", locale="ar", name="أمينة")
    sign_in(client, user.email)
    html = client.get("/account/").text
    assert "<bdi>amina@example.org</bdi>" in html


# -- a first sign-in says welcome --------------------------------------------------------


def _greeting(client) -> str:
    html = client.get("/").text
    match = re.search(r'<p class="actions">|<p>([^<]*<bdi>.*?</bdi>[^<]*)</p>', html)
    assert match, "no greeting on the home page"
    return match.group(1)


def test_a_first_sign_in_says_welcome_and_the_next_welcome_back(client):
    user = make_user("first@example.org", locale="fr", name="Awa Ndiaye")
    assert user.last_sign_in_at is None
    assert sign_in(client, user.email).status_code == 302
    welcome = translated("Welcome, %(name)s.", "fr", name="<bdi>Awa Ndiaye</bdi>")
    assert _greeting(client) == welcome
    assert _greeting(client) == welcome  # for the whole of the first session
    assert reload(user).last_sign_in_at is not None

    client.post("/auth/sign-out")
    sign_in(client, user.email)
    assert _greeting(client) == translated(
        "Welcome back, %(name)s.", "fr", name="<bdi>Awa Ndiaye</bdi>"
    )


def test_confirming_the_address_is_the_first_sign_in(client, outbox):
    from tests.auth.test_register import FORM

    client.post("/auth/register?lang=fr", data=FORM)
    link = outbox.link(contains="/auth/confirm/")
    path = link.removeprefix("http://academy.test")
    assert client.post(path).status_code == 302
    user = db.session.scalar(select(User))
    name = f"<bdi>{user.name}</bdi>"
    assert _greeting(client) == translated("Welcome, %(name)s.", "fr", name=name)
    client.post("/auth/sign-out")
    sign_in(client, user.email, FORM["password"])
    assert _greeting(client) == translated("Welcome back, %(name)s.", "fr", name=name)

"""The learner's pages in French and Arabic: no English interface words, no stray markup.

A page passes when none of its visible text is an interface message that the
page's catalogue translates differently (an "English-only" message): such a
message on a French page means a word that skipped translation. Messages the
catalogue leaves identical ("Quiz", "Question", "%(score)s%%") and proper
names are not English-only, so they never count. Single words are matched
only as a whole run of text (so "Change" does not match inside a course's
English summary); sentences of three words or more are matched anywhere, with
their placeholders standing for any text.
"""

from __future__ import annotations

import re
from functools import cache
from html import unescape

import pytest
from babel.messages.pofile import read_po

from academy.certificates import services as certificates
from academy.extensions import db
from tests.i18n import TRANSLATIONS, template_messages
from tests.quizzes.quiz_pages import (
    EVERY_TYPE,
    QUIZ_URL,
    course,
    enrolled_learner,
    import_quiz,
    start,
)
from tests.visible_text import visible_pieces, visible_text

_PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%%")
# A character reference left in the text a reader sees: markup escaped twice.
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


@cache
def english_only(language: str) -> frozenset[str]:
    """The interface's English messages that language does not show as they are.

    Every message of the catalogue template, and every message a template
    passes to _() even if extraction missed it: a message language's
    catalogue lacks, leaves empty or words differently is shown in English
    only by mistake.
    """
    with (TRANSLATIONS / language / "LC_MESSAGES" / "messages.po").open("rb") as file:
        catalogue = read_po(file, locale=language)
    with (TRANSLATIONS / "messages.pot").open("rb") as file:
        template = read_po(file)
    same = set()
    for message in catalogue:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        same.update(text for text in ids if text in texts)
    messages = set(template_messages())
    for message in template:
        messages.update(message.id if isinstance(message.id, tuple) else (message.id,))
    return frozenset(messages - same - {""})


def _words(message: str) -> int:
    return len(re.findall(r"[A-Za-z]+", _PLACEHOLDER.sub(" ", message)))


@cache
def _pattern(message: str) -> re.Pattern:
    parts = [re.escape(part) for part in _PLACEHOLDER.split(message)]
    return re.compile(r"(?<!\w)" + r"[^\n]*?".join(parts) + r"(?!\w)")


def english_in(html: str, language: str) -> list[str]:
    """The English-only messages of language that html shows in language."""
    pieces = visible_pieces(html, language)
    whole, text = set(pieces), "\n".join(pieces)
    found = []
    for message in english_only(language):
        if (
            not _PLACEHOLDER.search(message)
            and message in whole
            or _words(message) >= 3
            and _pattern(message).search(text)
        ):
            found.append(message)
    return sorted(found)


def entities_in(html: str) -> list[str]:
    """Character references a reader would see, in the page or in its window title."""
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    shown = visible_text(html) + (unescape(title.group(1)) if title else "")
    return sorted(set(_ENTITY.findall(shown)))


# -- the checks themselves can fail --------------------------------------------------


def test_the_check_finds_english_left_in_a_french_page():
    page = '<html lang="fr"><main>%s</main></html>'
    html = page % "<h2>There is a problem</h2><p>Signed in as ami@example.org.</p><p>Quiz</p>"
    assert english_in(html, "fr") == ["Signed in as %(email)s.", "There is a problem"]
    assert english_in(page % "<p>Il y a un problème</p><p>Quiz</p>", "fr") == []


def test_content_marked_in_another_language_is_not_the_interface():
    page = '<html lang="ar"><main><ol lang="en"><li>Register<li>Meet</ol>%s</main></html>'
    assert english_in(page % "", "ar") == []
    assert english_in(page % "<p>Register</p>", "ar") == ["Register"]


def test_single_words_count_only_as_a_whole_run_of_text():
    page = '<html lang="fr">%s</html>'
    assert english_in(page % "<p>Change</p>", "fr") == ["Change"]
    assert english_in(page % "<p>Change is what cooperatives bring</p>", "fr") == []


def test_the_check_finds_escaped_markup_in_the_text():
    assert entities_in("<p>Vérifiez vos acquis&amp;nbsp;: test &amp;#39;</p>") == [
        "&#39;",
        "&nbsp;",
    ]
    assert entities_in("<p>Vérifiez vos acquis&nbsp;: l&#39;ESS &amp; co</p>") == []
    assert entities_in("<title>Vérifiez&amp;nbsp;: l&#39;ESS</title>") == ["&nbsp;"]


# -- the journey -------------------------------------------------------------------------


def _journey(client, tmp_path, language: str) -> dict[str, str]:
    """Every learner page of a small course, as a learner reading in language sees it."""
    # A title with the characters that were shown as markup: U+00A0, & and '.
    title = 'title: {en: "Check: Q&A", fr: "Vérifiez\u00a0: Q&A de l\'ESS\u00a0?"}'
    quiz = import_quiz(tmp_path, EVERY_TYPE.replace('title: {en: "Check", fr: "Vérifiez"}', title))
    user = enrolled_learner(client, locale=language, name="Awa Ndiaye")
    pages = {
        "catalogue": client.get("/courses/").text,
        "course": client.get("/courses/tiny/").text,
        "my learning": client.get("/learning/").text,
        "quiz": client.get(QUIZ_URL).text,
    }
    lesson = re.search(r'href="(/courses/tiny/lessons/[^"?]+)', pages["course"]).group(1)
    pages["lesson"] = client.get(lesson).text
    attempt = start(client)
    pages["attempt"] = client.get(attempt).text
    submitted = client.post(attempt, data={})
    pages["after submitting"] = client.get(submitted.location or attempt).text
    assert quiz is not None
    assert "Q&A" in visible_text(pages["after submitting"])
    for path in ("/account/", "/account/email", "/account/password", "/account/delete"):
        pages[path] = client.get(path).text
    pages["profile with errors"] = client.post("/account/", data={"name": ""}).text
    certificate = certificates.issue_certificate(user, course())
    db.session.commit()
    pages["certificates"] = client.get("/certificates/").text
    pages["verify"] = client.get(f"/verify/{certificate.public_id}").text
    pages["not found"] = client.get("/courses/no-such-course/").text
    client.post("/auth/sign-out")
    pages["sign-in with errors"] = client.post(
        f"/auth/sign-in?lang={language}", data={"email": "", "password": ""}
    ).text
    return pages


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_learner_pages_have_no_english_words(client, tmp_path, language):
    pages = _journey(client, tmp_path, language)
    found = {name: english_in(html, language) for name, html in pages.items()}
    assert {name: words for name, words in found.items() if words} == {}


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_the_learner_pages_show_no_escaped_markup(client, tmp_path, language):
    pages = _journey(client, tmp_path, language)
    found = {name: entities_in(html) for name, html in pages.items()}
    assert {name: entities for name, entities in found.items() if entities} == {}

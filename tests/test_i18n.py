"""Interface languages: choosing the locale, the switcher, RTL, catalogues, countries."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from academy.i18n import (
    LANGUAGE_COOKIE,
    LANGUAGES,
    LOCALE_VARIABLES,
    command_line_language,
    countries,
)
from tests.factories import make_user, reload, sign_in
from tests.i18n import TRANSLATIONS, translated


def html_lang(response) -> tuple[str, str]:
    match = re.search(r'<html lang="([^"]+)" dir="([^"]+)">', response.get_data(as_text=True))
    assert match, "no <html lang dir>"
    return match.group(1), match.group(2)


def test_english_is_the_fallback(client):
    assert html_lang(client.get("/")) == ("en", "ltr")


def test_browser_language_is_used(client):
    response = client.get("/", headers={"Accept-Language": "es-ES,es;q=0.9,en;q=0.5"})
    assert html_lang(response) == ("es", "ltr")
    assert translated("Learn the social and solidarity economy", "es") in response.text


def test_unsupported_browser_language_falls_back_to_english(client):
    assert html_lang(client.get("/", headers={"Accept-Language": "de, ja"})) == ("en", "ltr")


def test_arabic_is_right_to_left(client):
    response = client.get("/?lang=ar")
    assert html_lang(response) == ("ar", "rtl")
    assert translated("Skip to main content", "ar") in response.text


def test_lang_parameter_beats_cookie_and_browser_for_that_view_only(client):
    client.set_cookie(LANGUAGE_COOKIE, "fr")
    headers = {"Accept-Language": "es"}
    assert html_lang(client.get("/?lang=ar", headers=headers))[0] == "ar"
    assert html_lang(client.get("/", headers=headers))[0] == "fr"


def test_cookie_beats_browser(client):
    client.set_cookie(LANGUAGE_COOKIE, "fr")
    assert html_lang(client.get("/", headers={"Accept-Language": "es"}))[0] == "fr"


def test_signed_in_preference_beats_cookie(client):
    user = make_user(locale="es")
    sign_in(client, user.email)
    client.set_cookie(LANGUAGE_COOKIE, "fr")
    assert html_lang(client.get("/"))[0] == "es"


def test_switcher_sets_the_cookie_and_returns_to_the_page(client):
    response = client.post("/language", data={"switch-language": "ar", "switch-next": "/privacy"})
    assert response.status_code == 302
    assert response.location == "/privacy"
    assert f"{LANGUAGE_COOKIE}=ar" in response.headers["Set-Cookie"]
    assert html_lang(client.get("/privacy")) == ("ar", "rtl")


def test_switcher_drops_a_lang_parameter_from_the_return_address(client):
    response = client.post(
        "/language", data={"switch-language": "fr", "switch-next": "/privacy?lang=es&x=1"}
    )
    assert response.location == "/privacy?x=1"


def test_switcher_never_redirects_to_another_site(client):
    for target in ["https://evil.example/", "//evil.example/", "/\\evil.example"]:
        response = client.post("/language", data={"switch-language": "fr", "switch-next": target})
        assert response.location == "/"


def test_switcher_ignores_unknown_languages(client):
    response = client.post("/language", data={"switch-language": "xx", "switch-next": "/"})
    assert response.status_code == 302
    assert "Set-Cookie" not in response.headers
    assert html_lang(client.get("/"))[0] == "en"


def test_switcher_stores_the_choice_on_the_signed_in_profile(client):
    user = make_user(locale="en")
    sign_in(client, user.email)
    client.post("/language", data={"switch-language": "fr", "switch-next": "/"})
    assert reload(user).locale == "fr"


def test_every_page_has_the_switcher_form(client):
    html = client.get("/auth/sign-in").get_data(as_text=True)
    assert 'action="/language"' in html
    assert '<label for="switch-language">' in html
    assert '<option lang="ar" value="ar">العربية</option>' in html


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "es_AR.UTF-8", "LC_ALL": "ar_LB.UTF-8"}, "ar"),
        ({"LANGUAGE": "pt_BR:es", "LANG": "fr_FR.UTF-8"}, "es"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LC_MESSAGES": "de_DE@euro"}, "en"),
        ({}, "en"),
    ],
)
def test_the_command_line_speaks_the_terminal_language(monkeypatch, environment, expected):
    for name in LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert command_line_language() == expected


def test_country_list_is_iso_3166_with_localised_names():
    with_names = dict(countries("fr"))
    assert len(with_names) == 249
    assert with_names["SN"] == "Sénégal"
    assert "EU" not in with_names
    assert "ZZ" not in with_names
    assert dict(countries("ar"))["LB"] == "لبنان"
    # Sorted by name in the language, accents ignored.
    names = [name for _, name in countries("fr")]
    assert names.index("Égypte") < names.index("Espagne")


def _catalogues() -> list[Path]:
    return sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))


def test_every_interface_language_has_a_catalogue():
    languages = {path.parts[-3] for path in _catalogues()}
    assert languages == set(LANGUAGES) - {"en"}


def _read(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


@pytest.mark.parametrize("path", _catalogues(), ids=lambda p: p.parts[-3])
def test_catalogue_is_complete_and_keeps_placeholders(path):
    catalogue = _read(path)
    template = _read(TRANSLATIONS / "messages.pot")
    assert {m.id for m in template if m.id} <= {m.id for m in catalogue if m.id}, (
        "run make translations"
    )
    problems = []
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            problems.append(f"fuzzy: {ids[0]!r}")
        if not all(strings):
            problems.append(f"untranslated: {ids[0]!r}")
            continue
        expected = sorted(PLACEHOLDER.findall(ids[-1]))
        for text in strings:
            if sorted(PLACEHOLDER.findall(text)) != expected:
                problems.append(f"placeholders differ: {ids[0]!r} -> {text!r}")
    assert not problems, "\n".join(problems)

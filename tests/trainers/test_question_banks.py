"""Questions from Moodle in the workspace: the same conversion as `academy quizzes from-moodle`."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import yaml

from tests.factories import make_user, sign_in

SAMPLES = Path(__file__).resolve().parent.parent / "quizzes" / "moodle_samples"
GIFT = Path(__file__).resolve().parent.parent / "quizzes" / "gift_samples"


@pytest.fixture
def trainer_client(app, client):
    make_user("trainer@example.org", role="trainer")
    sign_in(client, "trainer@example.org")
    return client


def convert(client, path: Path, language: str, into: bytes | None = None, **extra):
    data = {"bank": (io.BytesIO(path.read_bytes()), path.name), "language": language, **extra}
    if into is not None:
        data["into"] = (io.BytesIO(into), "check.quiz.yaml")
    return client.post("/trainers/question-banks/", data=data)


def shown_quiz(response) -> dict:
    page = response.get_data(as_text=True)
    text = re.search(r'<pre class="quiz-file"[^>]*><code>(.*?)</code></pre>', page, re.S).group(1)
    return yaml.safe_load(text.replace("&#34;", '"').replace("&#39;", "'").replace("&amp;", "&"))


def test_a_moodle_export_is_shown_with_its_report(trainer_client):
    response = convert(trainer_client, SAMPLES / "03-left-out.xml", "en")

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert re.search(r"\d+ of \d+ questions converted", page)
    assert "03-left-out.xml:" in page
    quiz = shown_quiz(response)
    assert quiz["questions"]


def test_convert_and_download_sends_the_quiz_file(trainer_client):
    response = convert(trainer_client, SAMPLES / "02-multichoice.xml", "fr", download="1")

    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="quiz.fr.quiz.yaml"'
    quiz = yaml.safe_load(response.get_data(as_text=True))
    assert all("fr" in question["text"] for question in quiz["questions"])


def test_a_translation_is_added_to_the_quiz_file_of_the_first_language(trainer_client):
    english = convert(trainer_client, SAMPLES / "05-translation.en.xml", "en", download="1")

    both = convert(
        trainer_client,
        SAMPLES / "05-translation.fr.xml",
        "fr",
        into=english.get_data(),
        download="1",
    )

    quiz = yaml.safe_load(both.get_data(as_text=True))
    assert both.status_code == 200
    assert all({"en", "fr"} <= set(question["text"]) for question in quiz["questions"])


def test_a_file_with_an_entity_is_refused_with_its_line_and_nothing_is_produced(trainer_client):
    response = convert(trainer_client, SAMPLES / "error-billion-laughs.xml", "en")

    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "The file could not be converted, so nothing was produced:" in page
    assert "error-billion-laughs.xml:" in page
    assert 'class="quiz-file"' not in page


def test_a_gift_file_with_an_essay_converts_the_rest(trainer_client):
    response = convert(trainer_client, GIFT / "13-left-out.gift", "en")

    assert response.status_code == 200
    assert "13-left-out.gift:" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("", "Enter the language code of the texts."),
        ("english!", "Enter a language code such as en, fr or pt-BR."),
    ],
)
def test_the_language_must_be_a_code(trainer_client, language, message):
    response = convert(trainer_client, GIFT / "01-single-choice.gift", language)

    assert response.status_code == 400
    assert message in response.get_data(as_text=True)

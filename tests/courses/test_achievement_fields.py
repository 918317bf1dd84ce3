"""certificate: description, criteria, tags and alignment in course.yaml, checked by line."""

from __future__ import annotations

from academy.courses.building import check_package
from tests.courses.packages import COURSE_YAML, package

ACHIEVEMENT = """\
certificate:
  description:
    en: Knows what a cooperative is.
    fr: Sait ce qu'est une coopérative.
  criteria:
    en: Complete every lesson and pass the quiz.
    fr: Terminer chaque leçon et réussir le quiz.
  tags: [ILO, Think.COOP]
  alignment:
    - name: Think.COOP
      url: https://www.ilo.org/think-coop
      framework:
        en: ILO cooperative training tools
        fr: Outils de formation coopérative de l'OIT
      code: "1"
"""


def checked(tmp_path, extra: str):
    built, problems = check_package(package(tmp_path, {"course.yaml": COURSE_YAML + extra}))
    return built, [str(problem) for problem in problems.sorted()]


def test_the_achievement_is_read_in_every_language(tmp_path):
    built, problems = checked(tmp_path, ACHIEVEMENT)

    assert problems == []
    assert built.package.certificate["achievement"] == {
        "description": {
            "en": "Knows what a cooperative is.",
            "fr": "Sait ce qu'est une coopérative.",
        },
        "criteria": {
            "en": "Complete every lesson and pass the quiz.",
            "fr": "Terminer chaque leçon et réussir le quiz.",
        },
        "tags": {"en": ["ILO", "Think.COOP"], "fr": ["ILO", "Think.COOP"]},
        "alignments": [
            {
                "name": {"en": "Think.COOP", "fr": "Think.COOP"},
                "url": "https://www.ilo.org/think-coop",
                "framework": {
                    "en": "ILO cooperative training tools",
                    "fr": "Outils de formation coopérative de l'OIT",
                },
                "code": "1",
            }
        ],
    }


def test_without_the_keys_the_achievement_is_empty(tmp_path):
    built, problems = checked(tmp_path, "certificate:\n  issue: admin\n")

    assert problems == []
    assert built.package.certificate["achievement"] == {
        "description": {},
        "criteria": {},
        "tags": {},
        "alignments": [],
    }


def test_a_missing_translation_is_a_warning_and_the_default_an_error(tmp_path):
    extra = (
        "certificate:\n"
        "  description:\n    en: Only English.\n"
        "  criteria:\n    fr: Seulement en français.\n"
        "  tags:\n    en: [cooperatives]\n"
    )

    built, problems = checked(tmp_path, extra)

    assert problems == [
        "course.yaml:9: warning: 'description' is not translated into fr",
        "course.yaml:11: error: 'criteria' must have the default language (en)",
        "course.yaml:13: warning: 'tags' is not translated into fr",
    ]
    assert built.package.certificate["achievement"]["tags"] == {"en": ["cooperatives"]}


def test_wrong_types_are_errors_with_their_lines(tmp_path):
    extra = (
        "certificate:\n"
        "  description: [not, text]\n"
        "  tags: cooperatives\n"
        "  alignment:\n"
        "    - name: Think.COOP\n"
        "      url: ftp://example.org/think-coop\n"
        "      code: 12\n"
        "      level: high\n"
        "    - url: https://www.ilo.org/\n"
        "    - name: [a, list]\n"
        "      url: https://www.ilo.org/start-coop\n"
    )

    built, problems = checked(tmp_path, extra)

    assert problems == [
        "course.yaml:9: error: 'description' must map languages to text, like description: "
        "{en: ...}",
        "course.yaml:10: error: 'tags' must be a list of short texts like [ILO, Think.COOP], "
        "or map languages to such lists",
        "course.yaml:13: error: 'url' must be a web address starting with https:// or http://",
        "course.yaml:14: error: 'code' must be text in quotes, like code: \"1.2\"",
        "course.yaml:15: error: unknown key 'level' (allowed: code, framework, name, url)",
        "course.yaml:16: error: each item of 'alignment' needs a name and a url",
        "course.yaml:17: error: 'name' must be text, or map languages to text",
    ]
    assert built.package.certificate["achievement"]["alignments"] == []


def test_tags_too_many_or_too_long_and_foreign_languages_are_errors(tmp_path):
    eleven = ", ".join(f"t{n}" for n in range(11))
    extra = (
        "certificate:\n"
        "  tags:\n"
        f"    en: [{eleven}]\n"
        f"    fr: [{'x' * 41}]\n"
        "    de: [Genossenschaft]\n"
        "  alignment: {name: x}\n"
    )

    _built, problems = checked(tmp_path, extra)

    too_many = "'tags' must hold at most 10 texts of at most 40 characters each"
    assert problems == [
        f"course.yaml:10: error: {too_many}",
        f"course.yaml:11: error: {too_many}",
        "course.yaml:12: error: 'de' in 'tags' is not a course language",
        "course.yaml:13: error: 'alignment' must be a list, each item with a name and a url",
    ]


def test_a_misspelt_achievement_key_is_an_error(tmp_path):
    _built, problems = checked(tmp_path, "certificate:\n  critera:\n    en: Typo.\n")

    assert problems == [
        "course.yaml:9: error: unknown key 'critera' (allowed: alignment, criteria, description, "
        "issue, logo, signatories, tags, template)"
    ]

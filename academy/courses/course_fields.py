"""Read course.yaml into a CoursePackage: its keys, languages and catalogue facts.

Also the completion and certificate settings, which course.yaml alone holds. Apart
from the shared field helpers (academy.packagefiles.fields) because this is the one
file with many keys of its own; the ids these settings name are checked against
the lessons and quizzes later, in academy.courses.consistency.
"""

from __future__ import annotations

import re

from academy.courses.achievement_fields import ACHIEVEMENT_KEYS, achievement_settings
from academy.courses.package import LEVELS, CoursePackage
from academy.messages import gettext as _
from academy.packagefiles.fields import (
    MAX_ID_LENGTH,
    required_map,
    text_map,
    unknown_keys,
    valid_id,
    valid_language,
)
from academy.packagefiles.problems import Problems
from academy.packagefiles.yamlfile import LineDict

COURSE_KEYS = {
    "id",
    "version",
    "default_language",
    "languages",
    "title",
    "summary",
    "audience",
    "duration_hours",
    "level",
    "tags",
    "licence",
    "trainers",
    "completion",
    "certificate",
}
REQUIRED_COURSE_KEYS = ("id", "version", "default_language", "languages", "title")
CERTIFICATE_KEYS = {"issue", "signatories", "logo", "template"} | ACHIEVEMENT_KEYS
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def course_from_yaml(data: LineDict, path: str, problems: Problems) -> CoursePackage | None:
    unknown_keys(data, COURSE_KEYS, path, problems)
    missing = [key for key in REQUIRED_COURSE_KEYS if key not in data]
    for key in missing:
        # TRANSLATORS: %(key)s is a YAML key.
        problems.error(path, data.line, _("the required key '%(key)s' is missing", key=key))
    if missing:
        return None
    course_id, version = data["id"], data["version"]
    if not valid_id(course_id):
        # TRANSLATORS: 'id' is a YAML key; keep it in English.
        message = _(
            "'id' must be lowercase letters, digits and single hyphens, starting with a letter, "
            "at most %(max_length)s characters",
            max_length=MAX_ID_LENGTH,
        )
        problems.error(path, data.line_of("id"), message)
    if not isinstance(version, str) or not version.strip():
        # TRANSLATORS: 'version' is a YAML key; 'version: "..."' is YAML to type as it is.
        message = _(
            "'version' must be text in quotes, like version: \"%(version)s\"", version=version
        )
        problems.error(path, data.line_of("version"), message)
    languages = _languages(data, path, problems)
    default = data["default_language"]
    if not valid_language(default) or default not in languages:
        # TRANSLATORS: 'default_language' is a YAML key; keep it in English.
        message = _(
            "'default_language' (%(default_language)s) must be one of the languages",
            default_language=default,
        )
        problems.error(path, data.line_of("default_language"), message)
        return None
    if not languages:
        return None
    # A bad id or version is reported above; the rest is still checked with
    # stand-ins, so one run reports every problem.
    package = CoursePackage(
        id=course_id if valid_id(course_id) else "invalid-id",
        version=str(version).strip(),
        default_language=default,
        languages=languages,
        title=required_map(data, "title", path, languages, default, problems),
        summary=text_map(data, "summary", path, languages, problems),
        audience=text_map(data, "audience", path, languages, problems),
    )
    _catalogue_facts(data, path, package, problems)
    package.completion = _completion(data, path, problems)
    package.certificate = _certificate(data, path, languages, problems)
    certificate = data.get("certificate")
    if isinstance(certificate, LineDict):
        achievement = achievement_settings(certificate, path, languages, default, problems)
        package.certificate["achievement"] = achievement
    return package


def _languages(data: LineDict, path: str, problems: Problems) -> list[str]:
    value = data["languages"]
    line = data.line_of("languages")
    if not isinstance(value, list) or not value:
        # TRANSLATORS: 'languages' is a YAML key; "[en, fr]" is YAML to type as it is.
        message = _("'languages' must be a list of language codes, like [en, fr]")
        problems.error(path, line, message)
        return []
    languages = []
    for code in value:
        if not valid_language(code):
            # TRANSLATORS: BCP 47 is the name of a standard; fr is a language code.
            message = _("'%(code)s' is not a known language code (BCP 47, like fr)", code=code)
            problems.error(path, line, message)
        elif code in languages:
            problems.error(path, line, _("the language '%(code)s' is listed twice", code=code))
        else:
            languages.append(code)
    return languages


def _catalogue_facts(data: LineDict, path: str, package: CoursePackage, problems) -> None:
    hours = data.get("duration_hours")
    if hours is not None:
        if isinstance(hours, bool) or not isinstance(hours, int | float) or hours <= 0:
            # TRANSLATORS: 'duration_hours' is a YAML key; keep it in English.
            message = _("'duration_hours' must be a number above 0")
            problems.error(path, data.line_of("duration_hours"), message)
        else:
            package.duration_hours = float(hours)
    level = data.get("level")
    if level is not None:
        if level not in LEVELS:
            # TRANSLATORS: 'level' is a YAML key and its values are listed; keep them in English.
            message = _("'level' must be one of %(levels)s", levels=", ".join(LEVELS))
            problems.error(path, data.line_of("level"), message)
        else:
            package.level = level
    package.tags = _id_list(data, "tags", path, problems)
    licence = data.get("licence")
    if licence is not None:
        if not isinstance(licence, str) or not licence.strip():
            # TRANSLATORS: 'licence' is a YAML key; CC-BY-SA-4.0 is a licence's name.
            message = _("'licence' must be text, like CC-BY-SA-4.0")
            problems.error(path, data.line_of("licence"), message)
        else:
            package.licence = licence.strip()
    trainers = data.get("trainers") or []
    if not isinstance(trainers, list) or not all(
        isinstance(t, str) and EMAIL_RE.match(t) for t in trainers
    ):
        # TRANSLATORS: 'trainers' is a YAML key; keep it in English.
        message = _("'trainers' must be a list of email addresses")
        problems.error(path, data.line_of("trainers"), message)
    else:
        package.trainers = [t.strip().casefold() for t in trainers]


def _id_list(data: LineDict, key: str, path: str, problems: Problems) -> list[str]:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(valid_id(v) for v in value):
        # TRANSLATORS: %(key)s is a YAML key; "[cooperatives]" is YAML to type as it is.
        message = _("'%(key)s' must be a list of ids like [cooperatives]", key=key)
        problems.error(path, data.line_of(key), message)
        return []
    return list(dict.fromkeys(value))


def _completion(data: LineDict, path: str, problems: Problems) -> dict:
    value = data.get("completion")
    result = {"lessons": "all", "quizzes": "all"}
    if value is None:
        return result
    if not isinstance(value, LineDict):
        # TRANSLATORS: 'completion', lessons and quizzes are YAML keys; keep them in English.
        message = _("'completion' must map lessons/quizzes")
        problems.error(path, data.line_of("completion"), message)
        return result
    unknown_keys(value, {"lessons", "quizzes"}, path, problems)
    for key in ("lessons", "quizzes"):
        if key not in value or value[key] == "all":
            continue
        ids = value[key]
        if not isinstance(ids, list) or not all(valid_id(v) for v in ids):
            # TRANSLATORS: %(key)s is a YAML key; 'all' is a YAML value; keep it in English.
            message = _("'%(key)s' must be 'all' or a list of ids", key=key)
            problems.error(path, value.line_of(key), message)
        else:
            result[key] = list(ids)
    # Where the lists were written, for the checks once lessons are known.
    result["lines"] = {key: value.line_of(key) for key in ("lessons", "quizzes")}
    return result


def _certificate(data: LineDict, path: str, languages, problems: Problems) -> dict:
    value = data.get("certificate")
    result: dict = {"issue": "automatic", "signatories": []}
    if value is None:
        return result
    if not isinstance(value, LineDict):
        # TRANSLATORS: 'certificate' is a YAML key; keep it in English.
        problems.error(path, data.line_of("certificate"), _("'certificate' must be a map"))
        return result
    unknown_keys(value, CERTIFICATE_KEYS, path, problems)
    issue = value.get("issue", "automatic")
    if issue not in ("automatic", "admin"):
        # TRANSLATORS: 'issue' is a YAML key, automatic and admin its values; keep them in English.
        message = _("'issue' must be automatic or admin")
        problems.error(path, value.line_of("issue"), message)
    result["issue"] = issue
    for signatory in value.get("signatories") or []:
        if not isinstance(signatory, LineDict) or not isinstance(signatory.get("name"), str):
            # TRANSLATORS: a name and a title are written under the YAML keys name and title.
            message = _("each signatory needs a name and a title")
            problems.error(path, value.line_of("signatories"), message)
            continue
        unknown_keys(signatory, {"name", "title"}, path, problems)
        title = text_map(signatory, "title", path, languages, problems)
        result["signatories"].append({"name": signatory["name"].strip(), "title": title})
    for key in ("logo", "template"):
        if key in value:
            if not isinstance(value[key], str):
                # TRANSLATORS: %(key)s is a YAML key.
                message = _("'%(key)s' must be a file path", key=key)
                problems.error(path, value.line_of(key), message)
            else:
                result[key] = value[key]
                result[f"{key}_line"] = value.line_of(key)
    return result

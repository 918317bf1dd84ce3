"""Read the outline's files: module.yaml and the front matter of each lesson.

Both are short and use only the shared field helpers (academy.packagefiles.fields);
they are kept apart from course.yaml, whose many keys fill their own module
(academy.courses.course_fields).
"""

from __future__ import annotations

from academy.courses.package import CoursePackage, LessonText, Module
from academy.messages import gettext as _
from academy.packagefiles.fields import required_map, text_map, unknown_keys
from academy.packagefiles.yamlfile import LineDict

MODULE_KEYS = {"title", "summary"}
LESSON_KEYS = {"title", "duration_minutes"}


def module_from_yaml(data: LineDict, path: str, package: CoursePackage, module: Module, problems):
    unknown_keys(data, MODULE_KEYS, path, problems)
    if "title" not in data:
        # TRANSLATORS: %(key)s is a YAML key.
        problems.error(path, data.line, _("the required key '%(key)s' is missing", key="title"))
    module.title = (
        required_map(data, "title", path, package.languages, package.default_language, problems)
        if "title" in data
        else {}
    )
    module.summary = text_map(data, "summary", path, package.languages, problems)


def lesson_text_from_yaml(data, path, language, body, body_line, problems) -> LessonText | None:
    unknown_keys(data, LESSON_KEYS, path, problems)
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        # TRANSLATORS: 'title' is a YAML key; keep it in English.
        problems.error(path, data.line_of("title"), _("the front matter needs a 'title'"))
        return None
    minutes = data.get("duration_minutes")
    if minutes is not None and (
        isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= 600
    ):
        # TRANSLATORS: 'duration_minutes' is a YAML key; keep it in English.
        message = _("'duration_minutes' must be a whole number from 1 to 600")
        problems.error(path, data.line_of("duration_minutes"), message)
        minutes = None
    return LessonText(language, path, title.strip(), minutes, body, body_line)

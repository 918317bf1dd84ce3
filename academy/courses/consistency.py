"""Checks that the files of a package agree with one another.

Each file is validated as it is read (academy.courses.reading); what needs the
whole package is here: ids unique across modules, every lesson written in the
default language, and the lessons, quizzes, logo and certificate template that
course.yaml names actually existing. Kept apart from rendering, which needs none
of it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from academy.courses.assets import missing_asset_message
from academy.messages import gettext as _
from academy.packagefiles.problems import Problems

if TYPE_CHECKING:  # building imports this module
    from academy.courses.building import Built


def check_ids_and_languages(built: Built) -> None:
    package, problems = built.package, built.problems
    seen: dict[str, str] = {}
    for module in package.modules:
        for item_id, path in [(module.id, module.path)] + [
            (item.id, _item_path(module.path, item)) for item in module.items
        ]:
            if item_id in seen and seen[item_id] != path:
                message = _(
                    "the id '%(item_id)s' is already used by %(other_path)s",
                    item_id=item_id,
                    other_path=seen[item_id],
                )
                problems.error(path, 1, message)
            seen.setdefault(item_id, path)
        for lesson in module.lessons:
            path = _item_path(module.path, lesson)
            if package.default_language not in lesson.files:
                # TRANSLATORS: %(language)s is a language code, like en.
                message = _(
                    "the lesson '%(lesson_id)s' has no %(language)s version, "
                    "which every lesson needs",
                    lesson_id=lesson.id,
                    language=package.default_language,
                )
                problems.error(path, 1, message)
            for language in package.languages:
                if language not in lesson.files and package.default_language in lesson.files:
                    # TRANSLATORS: %(language)s is a language code, like fr.
                    message = _(
                        "the lesson '%(lesson_id)s' is not translated into %(language)s",
                        lesson_id=lesson.id,
                        language=language,
                    )
                    problems.warning(path, 1, message)


def _item_path(module_path: str, item) -> str:
    texts = getattr(item, "texts", None)
    if texts:
        return next(iter(texts.values())).path
    return getattr(item, "path", module_path)


def check_references(built: Built, root: Path) -> None:
    """Completion lists and certificate files must name things that exist."""
    package, problems = built.package, built.problems
    lesson_ids = {lesson.id for lesson in package.lessons}
    quiz_ids = {quiz.id for quiz in package.quizzes}
    lines = package.completion.pop("lines", {})
    for key, known in (("lessons", lesson_ids), ("quizzes", quiz_ids)):
        chosen = package.completion.get(key)
        if isinstance(chosen, list):
            for item_id in chosen:
                if item_id not in known:
                    message = _unknown_completion_item(key, item_id)
                    problems.error("course.yaml", lines.get(key, 1), message)
    certificate = package.certificate
    if "logo" in certificate:
        logo = certificate["logo"].removeprefix("assets/")
        if logo in package.refused_assets:
            message = missing_asset_message(package.refused_assets, f"assets/{logo}")
            problems.error("course.yaml", certificate.pop("logo_line"), message)
        elif logo not in package.assets or not logo.endswith((".png", ".jpg", ".jpeg", ".svg")):
            # TRANSLATORS: assets/ is a folder name; keep it as it is.
            message = _(
                "the logo '%(logo)s' must be a .png, .jpg or .svg file in assets/",
                logo=certificate["logo"],
            )
            problems.error("course.yaml", certificate.pop("logo_line"), message)
        certificate["logo"] = logo
    if "template" in certificate:
        name = certificate["template"]
        target = root / name
        inside = target.resolve().is_relative_to(root.resolve())
        if "/" in name or not name.endswith(".html") or not target.is_file() or not inside:
            message = _(
                "the template '%(template)s' must be an .html file at the top of the package",
                template=name,
            )
            problems.error("course.yaml", certificate.pop("template_line"), message)
        else:
            built.certificate_template = _template_text(target, name, problems)
    certificate.pop("logo_line", None)
    certificate.pop("template_line", None)


def _unknown_completion_item(key: str, item_id: str) -> str:
    if key == "lessons":
        # TRANSLATORS: completion is a YAML key of course.yaml; keep it in English.
        return _("completion names an unknown lesson '%(item_id)s'", item_id=item_id)
    # TRANSLATORS: completion is a YAML key of course.yaml; keep it in English.
    return _("completion names an unknown quiz '%(item_id)s'", item_id=item_id)


def _template_text(path: Path, name: str, problems: Problems) -> str | None:
    """The certificate template's text, if it is UTF-8 and valid Jinja."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        problems.error(name, 1, _("is not UTF-8 text; save it as UTF-8"))
        return None
    try:
        SandboxedEnvironment().parse(text)
    except TemplateSyntaxError as error:
        # TRANSLATORS: %(problem)s is Jinja's own description of the mistake, in English.
        message = _("template syntax: %(problem)s", problem=error.message)
        problems.error(name, error.lineno or 1, message)
        return None
    return text

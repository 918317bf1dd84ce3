"""Check a whole package and render its lessons: what `check` and `import` share.

Rendering happens here, once: links are resolved while rendering, so broken
ones are found with their line, and the HTML the importer stores is final.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from jinja2 import TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from academy.courses import rendering
from academy.courses.package import LESSON_FILE_RE, MODULE_DIR_RE, CoursePackage
from academy.courses.problems import PackageError, Problems
from academy.courses.reading import Reader
from academy.courses.yamlfile import LineDict
from academy.messages import gettext as _
from academy.quizzes.definition import QuizDefinition, parse_quiz, render_texts

# Bump when rendering changes, so unchanged packages are rendered again.
RENDERER_VERSION = "1"

Labels = Callable[[str], Mapping[str, str]]


@dataclass
class Built:
    package: CoursePackage
    # (lesson id, language) -> sanitised HTML of that lesson text
    html: dict[tuple[str, str], str] = field(default_factory=dict)
    # quiz id -> its validated definition, texts rendered to sanitised HTML
    quizzes: dict[str, QuizDefinition] = field(default_factory=dict)
    quiz_titles: dict[str, dict[str, str]] = field(default_factory=dict)
    # The course's own certificate template (certificate.template), if it has one.
    certificate_template: str | None = None
    problems: Problems = field(default_factory=Problems)
    content_hash: str = ""

    def coverage(self) -> list[tuple[str, int, int, int, int]]:
        """Per language: lessons translated, lessons, modules translated, modules."""
        package = self.package
        lessons, modules = package.lessons, package.modules
        return [
            (
                language,
                sum(1 for lesson in lessons if language in lesson.texts),
                len(lessons),
                sum(1 for module in modules if language in module.title),
                len(modules),
            )
            for language in package.languages
        ]


def check_package(
    root: Path, labels: Labels | None = None, progress: Callable[[int], None] | None = None
) -> tuple[Built | None, Problems]:
    """Read, check and render a package; never raises for a bad package."""
    reader = Reader(root)
    try:
        package = reader.read()
    except OSError as error:
        reason = error.strerror or str(error)
        reader.problems.error(".", 1, _("could not be read: %(reason)s", reason=reason))
        return None, reader.problems
    if package is None:
        return None, reader.problems
    built = Built(package, problems=reader.problems)
    _check_ids_and_languages(built)
    _check_references(built, root)
    _render_all(built, labels or (lambda _language: rendering.DEFAULT_LABELS), progress)
    _check_quizzes(built)
    built.content_hash = package_hash(root)
    return built, reader.problems


def build_package(root: Path, labels: Labels | None = None, progress=None) -> Built:
    """Like check_package, but raise PackageError when there is any error."""
    built, problems = check_package(root, labels, progress)
    if built is None or problems.errors:
        raise PackageError(problems.sorted())
    return built


def _check_ids_and_languages(built: Built) -> None:
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


def _check_references(built: Built, root: Path) -> None:
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
        if logo not in package.assets or not logo.endswith((".png", ".jpg", ".jpeg", ".svg")):
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


def _render_all(built: Built, labels: Labels, progress) -> None:
    package = built.package
    # Links name a lesson's file in any language; the lesson id is what counts,
    # so a link to a translation not written yet still finds its lesson.
    lessons_by_file = {
        f"{module.path}/{lesson.id}": lesson.id
        for module in package.modules
        for lesson in module.lessons
    }
    quiz_files = {quiz.path: quiz.id for quiz in package.quizzes}
    for lesson in package.lessons:
        for language, text in lesson.texts.items():
            resolver = LinkResolver(built, text.path, lessons_by_file, quiz_files)
            for line, message in rendering.container_problems(text.body, text.body_line):
                built.problems.error(text.path, line, message)
            rendered = rendering.render_lesson(
                text.body, first_line=text.body_line, rewrite_url=resolver, labels=labels(language)
            )
            built.html[(lesson.id, language)] = rendered.html
            _check_alt_texts(built, text.path, rendered)
        if progress:
            progress(1)


_IMG_ALT = re.compile(r"<img\b[^>]*?\salt=\"([^\"]*)\"")


def _check_alt_texts(built: Built, path: str, rendered: rendering.Rendered) -> None:
    """Every image needs a text alternative, for screen readers and slow connections."""
    images = [ref for ref in rendered.references if ref.kind == "image"]
    for reference, alt in zip(images, _IMG_ALT.findall(rendered.html), strict=False):
        if not alt.strip():
            url = reference.url
            # TRANSLATORS: ![what it shows](%(url)s) is Markdown for an image:
            # translate only "what it shows".
            message = _(
                "the image '%(url)s' needs a text alternative: ![what it shows](%(url)s)", url=url
            )
            built.problems.error(path, reference.line, message)


def _check_quizzes(built: Built) -> None:
    package = built.package
    for quiz in package.quizzes:
        if not isinstance(quiz.data, LineDict):
            continue  # unreadable: already reported by the reader
        definition = parse_quiz(
            quiz.data, quiz.path, package.languages, package.default_language, built.problems
        )
        if definition is not None:
            built.quiz_titles[quiz.id] = dict(definition.title)  # plain, for outlines
            built.quizzes[quiz.id] = render_texts(definition, rendering.render_inline)


class LinkResolver:
    """Turn a relative link in a lesson into the URL it has on the site.

    Lesson pages live at /courses/<course>/lessons/<lesson> and assets at
    /courses/<course>/assets/<hash>/<path>, so the stored URLs are relative
    and work whatever prefix the site is mounted under.
    """

    def __init__(self, built: Built, source: str, lessons: dict[str, str], quizzes: dict[str, str]):
        self.built, self.source = built, source
        self.lessons, self.quizzes = lessons, quizzes

    def __call__(self, reference: rendering.Reference) -> str | None:
        parts = urlsplit(reference.url)
        if parts.scheme or parts.netloc:
            message = _(
                "'%(url)s' is not allowed here: use https:// or a relative path", url=reference.url
            )
            self._error(reference, message)
            return None
        target = posixpath.normpath(
            posixpath.join(posixpath.dirname(self.source), unquote(parts.path))
        )
        fragment = f"#{rendering.ID_PREFIX}{parts.fragment}" if parts.fragment else ""
        if target.startswith("../") or target == ".." or target.startswith("/"):
            self._error(reference, _("the link '%(url)s' leaves the package", url=reference.url))
            return None
        if target.startswith("assets/"):
            asset = self.built.package.assets.get(target.removeprefix("assets/"))
            if asset is None:
                self._error(reference, _("the file '%(path)s' does not exist", path=target))
                return None
            return f"../assets/{asset.sha256[:16]}/{quote(asset.path)}"
        if _is_lesson_file(target):
            lesson_id = self.lessons.get(_lesson_key(target))
            if lesson_id is None:
                self._error(reference, _("the lesson '%(path)s' does not exist", path=target))
                return None
            return lesson_id + fragment
        if reference.kind == "link" and target in self.quizzes:
            return f"../quizzes/{self.quizzes[target]}"
        # TRANSLATORS: assets/ is a folder name; keep it as it is.
        message = _(
            "'%(url)s' must point to a lesson, a quiz or a file in assets/", url=reference.url
        )
        self._error(reference, message)
        return None

    def _error(self, reference: rendering.Reference, message: str) -> None:
        self.built.problems.error(self.source, reference.line, message)


def _is_lesson_file(target: str) -> bool:
    folder, _, name = target.rpartition("/")
    return bool(MODULE_DIR_RE.match(folder) and LESSON_FILE_RE.match(name))


def _lesson_key(target: str) -> str:
    """'01-start/02-more.fr.md' -> '01-start/more'."""
    folder, _, name = target.rpartition("/")
    return f"{folder}/{LESSON_FILE_RE.match(name).group(2)}"


def package_hash(root: Path) -> str:
    """A hash of every file the package is made of, and of the renderer."""
    digest = hashlib.sha256(f"renderer {RENDERER_VERSION}\n".encode())
    for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith(".")):
        if not path.resolve().is_relative_to(root.resolve()):
            continue
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()

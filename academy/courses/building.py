"""Check a whole package and render its lessons: what `check` and `import` share.

Rendering happens here, once: links are resolved while rendering, so broken
ones are found with their line, and the HTML the importer stores is final.
This module holds the pass itself and what it produces (Built, with its quiz
definitions and the package hash); the checks across files live in
academy.courses.consistency and link resolution in academy.courses.links.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from academy.courses import rendering
from academy.courses.consistency import check_ids_and_languages, check_references
from academy.courses.containers import DEFAULT_LABELS, container_problems
from academy.courses.links import LinkResolver
from academy.courses.package import CoursePackage
from academy.courses.reading import Reader
from academy.messages import gettext as _
from academy.packagefiles.problems import PackageError, Problems
from academy.packagefiles.quiz import QuizDefinition, parse_quiz, render_texts
from academy.packagefiles.yamlfile import LineDict

# Bump when rendering changes, so unchanged packages are rendered again.
RENDERER_VERSION = "2"  # 2: footnotes with a heading and named back links, tables as regions

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
    check_ids_and_languages(built)
    check_references(built, root)
    _render_all(built, labels or (lambda _language: DEFAULT_LABELS), progress)
    _check_quizzes(built)
    built.content_hash = package_hash(root)
    return built, reader.problems


def build_package(root: Path, labels: Labels | None = None, progress=None) -> Built:
    """Like check_package, but raise PackageError when there is any error."""
    built, problems = check_package(root, labels, progress)
    if built is None or problems.errors:
        raise PackageError(problems.sorted())
    return built


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
            for line, message in container_problems(text.body, text.body_line):
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


def package_hash(root: Path) -> str:
    """A hash of every file the package is made of, and of the renderer."""
    digest = hashlib.sha256(f"renderer {RENDERER_VERSION}\n".encode())
    for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith(".")):
        if not path.resolve().is_relative_to(root.resolve()):
            continue
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()

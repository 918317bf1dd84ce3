"""Read a course package folder into a CoursePackage, collecting every problem."""

from __future__ import annotations

import hashlib
from pathlib import Path

from academy.courses import course_fields, outline_fields
from academy.courses.assets import check_asset
from academy.courses.package import (
    LESSON_FILE_RE,
    MAX_ASSET_BYTES,
    MODULE_DIR_RE,
    QUIZ_FILE_RE,
    Asset,
    CoursePackage,
    Lesson,
    LessonText,
    Module,
    Quiz,
)
from academy.messages import gettext as _
from academy.packagefiles.filetypes import (
    ASSET_TYPES,
    IGNORED_NAMES,
    is_source_file,
    source_file_message,
)
from academy.packagefiles.problems import Problem, Problems
from academy.packagefiles.yamlfile import LineDict, YamlError, load


class Reader:
    """Reads one package; every method records problems instead of raising."""

    def __init__(self, root: Path):
        self.root = root
        self.resolved_root = root.resolve()
        self.problems = Problems()

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def inside(self, path: Path) -> bool:
        """False (and an error) when path, through a link, leaves the package."""
        if path.resolve().is_relative_to(self.resolved_root):
            return True
        self.problems.error(self.rel(path), 1, _("points outside the package (symbolic link)"))
        return False

    def text(self, path: Path) -> str | None:
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            self.problems.error(self.rel(path), line, _("is not UTF-8 text; save it as UTF-8"))
            return None
        return text.removeprefix("\ufeff").replace("\r\n", "\n")

    def yaml_mapping(self, path: Path, text: str | None = None, first_line: int = 1):
        text = self.text(path) if text is None else text
        if text is None:
            return None
        try:
            data = load(text, first_line)
        except YamlError as error:
            self.problems.error(self.rel(path), error.line, error.message)
            return None
        if not isinstance(data, LineDict):
            self.problems.error(self.rel(path), first_line, _("must be a map of keys and values"))
            return None
        return data

    # -- course.yaml ---------------------------------------------------------

    def read(self) -> CoursePackage | None:
        course_file = self.root / "course.yaml"
        if not self.root.is_dir():
            self.problems.error(self.root.name or str(self.root), 1, _("is not a folder"))
            return None
        if not course_file.is_file():
            self.problems.error("course.yaml", 1, _("is missing: every package needs one"))
            return None
        if not self.inside(course_file):
            return None
        data = self.yaml_mapping(course_file)
        if data is None:
            return None
        package = course_fields.course_from_yaml(data, "course.yaml", self.problems)
        if package is None:
            return None
        package.assets, package.refused_assets = self.read_assets()
        package.modules = self.read_modules(package)
        self.check_root_entries()
        return package

    def check_root_entries(self) -> None:
        for entry in sorted(self.root.iterdir()):
            name = entry.name
            if name.startswith(".") or name in IGNORED_NAMES or name in ("course.yaml", "assets"):
                continue
            if entry.is_dir() and MODULE_DIR_RE.match(name):
                continue
            if entry.is_file() and name.endswith(".html"):
                continue  # certificate templates, checked where course.yaml names them
            suffix = entry.suffix.lower()
            if entry.is_file() and is_source_file(suffix):
                self.problems.warning(self.rel(entry), 1, source_file_message(suffix))
            else:
                self.problems.warning(self.rel(entry), 1, _unknown_entry_message(entry))

    # -- modules and their items ---------------------------------------------

    def read_modules(self, package: CoursePackage) -> list[Module]:
        modules: list[Module] = []
        numbers: dict[int, str] = {}
        for folder in sorted(p for p in self.root.iterdir() if p.is_dir()):
            match = MODULE_DIR_RE.match(folder.name)
            if not match:
                if folder.name[:1].isdigit():
                    self.problems.error(self.rel(folder), 1, _malformed_id_message(folder.name))
                continue
            if not self.inside(folder):
                continue
            number, module_id = int(match.group(1)), match.group(2)
            if number in numbers:
                self.problems.error(
                    self.rel(folder),
                    1,
                    _("has the same number as %(other_folder)s", other_folder=numbers[number]),
                )
            numbers[number] = folder.name
            module = self.read_module(folder, number, module_id, package)
            if module is not None:
                modules.append(module)
        if not modules:
            # TRANSLATORS: "01-name/" is an example folder name; keep it as it is.
            message = _("the package has no module folders (01-name/)")
            self.problems.error("course.yaml", 1, message)
        return sorted(modules, key=lambda m: m.number)

    def read_module(self, folder: Path, number: int, module_id: str, package) -> Module | None:
        meta_path = folder / "module.yaml"
        rel_meta = self.rel(meta_path)
        module = Module(module_id, number, self.rel(folder), {}, {})
        if not meta_path.is_file():
            self.problems.error(rel_meta, 1, _("is missing: a module needs a title"))
        elif self.inside(meta_path):
            data = self.yaml_mapping(meta_path)
            if data is not None:
                outline_fields.module_from_yaml(data, rel_meta, package, module, self.problems)
        module.items = self.read_items(folder, package)
        return module

    def read_items(self, folder: Path, package: CoursePackage) -> list[Lesson | Quiz]:
        items: dict[str, Lesson | Quiz] = {}
        numbers: dict[int, str] = {}
        for path in sorted(p for p in folder.iterdir()):
            name = path.name
            if name == "module.yaml" or name.startswith(".") or name in IGNORED_NAMES:
                continue
            if not path.is_file() or not self.inside(path):
                if path.is_dir():
                    self.problems.warning(
                        self.rel(path), 1, _("folders inside a module are ignored")
                    )
                continue
            item = self.read_item(path, package, items)
            if item is None:
                continue
            owner = numbers.setdefault(item.number, item.id)
            if owner != item.id:
                self.problems.error(
                    self.rel(path),
                    1,
                    _(
                        "has the same number (%(number)s) as '%(other_id)s'",
                        number=item.number,
                        other_id=owner,
                    ),
                )
        return sorted(items.values(), key=lambda item: item.number)

    def read_item(self, path: Path, package, items) -> Lesson | Quiz | None:
        name = path.name
        if quiz := QUIZ_FILE_RE.match(name):
            number, quiz_id = int(quiz.group(1)), quiz.group(2)
            data = self.yaml_mapping(path)
            items[quiz_id] = Quiz(quiz_id, number, self.rel(path), data or {})
            return items[quiz_id]
        lesson = LESSON_FILE_RE.match(name)
        if not lesson:
            if is_source_file(path.suffix.lower()):
                self.problems.warning(self.rel(path), 1, source_file_message(path.suffix.lower()))
            elif name[:1].isdigit():
                self.problems.error(self.rel(path), 1, _malformed_id_message(name))
            else:
                self.problems.warning(self.rel(path), 1, _unknown_entry_message(path))
            return None
        number, lesson_id, language = int(lesson.group(1)), lesson.group(2), lesson.group(3)
        existing = items.get(lesson_id)
        if isinstance(existing, Quiz):
            self.problems.error(
                self.rel(path), 1, _("the id '%(lesson_id)s' is also a quiz", lesson_id=lesson_id)
            )
            return None
        if language not in package.languages:
            self.problems.error(
                self.rel(path),
                1,
                _(
                    "'%(language)s' is not one of the course languages (%(languages)s)",
                    language=language,
                    languages=", ".join(package.languages),
                ),
            )
            return None
        text = self.read_lesson_text(path, language)
        entry = existing or Lesson(lesson_id, number)
        if existing and existing.number != number:
            self.problems.error(
                self.rel(path),
                1,
                _(
                    "the other languages of '%(lesson_id)s' are numbered %(number)s",
                    lesson_id=lesson_id,
                    number=existing.number,
                ),
            )
        entry.files.add(language)
        if text is not None:
            entry.texts[language] = text
        items[lesson_id] = entry
        return entry

    def read_lesson_text(self, path: Path, language: str) -> LessonText | None:
        text = self.text(path)
        if text is None:
            return None
        rel = self.rel(path)
        lines = text.split("\n")
        if not lines or lines[0].strip() != "---":
            # TRANSLATORS: '---' and 'title: ...' are lines to type as they are.
            message = _("must start with front matter: a line '---', 'title: ...', '---'")
            self.problems.error(rel, 1, message)
            return None
        try:
            end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
        except StopIteration:
            # TRANSLATORS: '---' is a line to type as it is.
            self.problems.error(rel, 1, _("the front matter is not closed by a line '---'"))
            return None
        data = self.yaml_mapping(path, "\n".join(lines[1:end]), first_line=2)
        if data is None:
            return None
        return outline_fields.lesson_text_from_yaml(
            data, rel, language, "\n".join(lines[end + 1 :]), end + 2, self.problems
        )

    # -- assets ----------------------------------------------------------------

    def read_assets(self) -> tuple[dict[str, Asset], dict[str, Problem]]:
        """The published assets, and the problem that keeps each other one out."""
        folder = self.root / "assets"
        assets: dict[str, Asset] = {}
        refused: dict[str, Problem] = {}
        if not folder.is_dir():
            return assets, refused
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            if path.name.startswith("."):
                continue
            first_new = len(self.problems.items)
            asset = self.read_asset(path, folder) if self.inside(path) else None
            if asset is not None:
                assets[asset.path] = asset
            elif len(self.problems.items) > first_new:
                refused[path.relative_to(folder).as_posix()] = self.problems.items[first_new]
        return assets, refused

    def read_asset(self, path: Path, folder: Path) -> Asset | None:
        rel = self.rel(path)
        if is_source_file(path.suffix.lower()):
            self.problems.warning(rel, 1, source_file_message(path.suffix.lower()))
            return None
        media_type = ASSET_TYPES.get(path.suffix.lower())
        if media_type is None:
            allowed = " ".join(sorted(ASSET_TYPES))
            # TRANSLATORS: assets/ is a folder name; the list is of file extensions.
            message = _(
                "files of this type are not allowed in assets/ (%(extensions)s)",
                extensions=allowed,
            )
            self.problems.error(rel, 1, message)
            return None
        size = path.stat().st_size
        if size > MAX_ASSET_BYTES:
            message = _(
                "is %(size_mb)s MB; assets may be at most %(limit_mb)s MB (compress or resize it)",
                size_mb=f"{size / 1048576:.1f}",
                limit_mb=MAX_ASSET_BYTES // 1048576,
            )
            self.problems.error(rel, 1, message)
            return None
        data = path.read_bytes()
        if not check_asset(rel, path.suffix.lower(), data, self.problems):
            return None
        return Asset(
            path.relative_to(folder).as_posix(), media_type, data, hashlib.sha256(data).hexdigest()
        )


def _unknown_entry_message(path: Path) -> str:
    return _("is not part of the package format and is ignored")


def _malformed_id_message(name: str) -> str:
    # TRANSLATORS: NN-id, NN-id.LANG.md and NN-id.quiz.yaml are patterns of
    # file names; keep them as they are.
    return _(
        "'%(name)s' is not a valid name: use NN-id with lowercase letters, digits and "
        "single hyphens (for lessons NN-id.LANG.md, for quizzes NN-id.quiz.yaml)",
        name=name,
    )

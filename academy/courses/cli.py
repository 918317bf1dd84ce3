"""`academy courses check|import PATH...`: for trainers and for `make run`."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click
from flask.cli import with_appcontext
from flask_babel import gettext as _

from academy.courses.building import Built, package_hash
from academy.courses.importing import (
    ImportResult,
    container_labels,
    import_built,
    imported_unchanged,
)
from academy.database import write_transactions
from academy.extensions import db
from academy.packagefiles.problems import Problems

# Packages with more lessons than this show a progress bar while rendering.
PROGRESS_THRESHOLD = 50


def package_folders(paths: tuple[str, ...]) -> list[Path]:
    """Each PATH is a package, or a folder whose subfolders are packages."""
    folders: list[Path] = []
    for value in paths:
        path = Path(value)
        if (path / "course.yaml").is_file() or not path.is_dir():
            folders.append(path)
            continue
        found = sorted(p for p in path.iterdir() if (p / "course.yaml").is_file())
        folders.extend(found or [path])
    return folders


def _report(folder: Path, problems: Problems, built: Built | None) -> None:
    for problem in problems.sorted():
        click.echo(f"{folder}/{problem}", err=True)
    if built is not None:
        _coverage_table(folder, built)
    counts = {"errors": len(problems.errors), "warnings": len(problems.warnings)}
    if problems.errors:
        # TRANSLATORS: the last line of a course package check; %(package)s is its folder.
        verdict = _(
            "%(package)s: FAILED: %(errors)d error(s), %(warnings)d warning(s)",
            package=folder,
            **counts,
        )
    else:
        # TRANSLATORS: the last line of a course package check; %(package)s is its folder.
        verdict = _(
            "%(package)s: OK: %(errors)d error(s), %(warnings)d warning(s)",
            package=folder,
            **counts,
        )
    click.echo(verdict + "\n")


def _coverage_table(folder: Path, built: Built) -> None:
    """How much of the package each language translates; columns widen to fit their header."""
    click.echo("\n" + _("%(package)s: translation coverage", package=folder))
    headers = (
        # TRANSLATORS: column header of the translation coverage table: the language code.
        _("language"),
        # TRANSLATORS: column header: how many lessons are translated, as in "4/5".
        _("lessons"),
        # TRANSLATORS: column header: how many modules are fully translated, as in "2/2".
        _("modules"),
    )
    first, second, third = (max(len(h), w) for h, w in zip(headers, (10, 12, 12), strict=True))
    click.echo(f"  {headers[0]:<{first}} {headers[1]:>{second}} {headers[2]:>{third}}")
    for language, lessons, total_lessons, modules, total_modules in built.coverage():
        click.echo(
            f"  {language:<{first}} {f'{lessons}/{total_lessons}':>{second}} "
            f"{f'{modules}/{total_modules}':>{third}}"
        )


# check_package, or a caller's function that also checks later features' parts.
PackageCheck = Callable[..., tuple[Built | None, Problems]]


def _check(folder: Path, check: PackageCheck) -> tuple[Built | None, Problems]:
    """Check one package, with a progress bar on large ones."""
    lesson_count = sum(1 for _ in folder.glob("*/*.md")) if folder.is_dir() else 0
    if lesson_count <= PROGRESS_THRESHOLD:
        return check(folder, container_labels)
    with click.progressbar(
        length=lesson_count, label=_("Rendering %(package)s", package=folder.name)
    ) as bar:
        return check(folder, container_labels, progress=lambda _n: bar.update(1))


# import_built, or a caller's function that also keeps the package as a version.
Publish = Callable[[Path, Built], ImportResult]


def courses_group(check: PackageCheck, publish: Publish | None = None) -> click.Group:
    """The `academy courses` commands, checking every package with check.

    check is passed in, not looked up: the whole check includes parts of the
    package that later features print (the certificate template), which
    courses cannot import (academy.package_check puts them together). So is
    publish: the trainers' workspace keeps every imported package as a
    version that can be restored, and courses cannot import it either.
    """
    publish = publish or (lambda _folder, built: import_built(built))

    @click.group(help="Check and import course packages.")
    def courses() -> None:
        pass

    @courses.command("check")
    @click.argument("paths", nargs=-1, required=True, type=click.Path())
    @with_appcontext
    def check_(paths: tuple[str, ...]) -> None:
        """Check course packages and report every problem with its file and line."""
        sys.exit(_check_all(paths, check))

    @courses.command("import")
    @click.argument("paths", nargs=-1, required=True, type=click.Path())
    @click.option(
        "--dry-run", is_flag=True, help="Check and show what would change; write nothing."
    )
    @with_appcontext
    def import_(paths: tuple[str, ...], dry_run: bool) -> None:
        """Check course packages, then store them; a package with an error is not imported."""
        sys.exit(_import_all(paths, dry_run, check, publish))

    return courses


def _check_all(paths: tuple[str, ...], check: PackageCheck) -> int:
    failed = False
    for folder in package_folders(paths):
        built, problems = _check(folder, check)
        _report(folder, problems, built)
        failed = failed or bool(problems.errors) or built is None
    return 1 if failed else 0


def _import_all(
    paths: tuple[str, ...], dry_run: bool, check: PackageCheck, publish: Publish
) -> int:
    failed = False
    for folder in package_folders(paths):
        unchanged = folder.is_dir() and imported_unchanged(package_hash(folder))
        if unchanged:
            # The same files passed the checks when they were imported.
            click.echo(_("%(course)s: unchanged; nothing written.", course=unchanged))
            continue
        built, problems = _check(folder, check)
        if built is None or problems.errors:
            _report(folder, problems, built)
            click.echo(
                _("%(package)s: not imported; nothing was changed.", package=folder), err=True
            )
            failed = True
            continue
        with write_transactions():
            result = publish(folder, built)
            if dry_run:
                db.session.rollback()
            else:
                db.session.commit()
        click.echo(_describe(result, dry_run))
    return 1 if failed else 0


def _describe(result, dry_run: bool) -> str:
    if result.status == "unchanged":
        return _("%(course)s: unchanged; nothing written.", course=result.course)
    counts = {
        "course": result.course,
        "lessons": result.lessons,
        "languages": result.languages,
        "assets": result.assets,
    }
    if dry_run and result.status == "created":
        return _(
            "%(course)s: would be created (lessons: %(lessons)d, languages: %(languages)d, "
            "assets: %(assets)d) — dry run, nothing written.",
            **counts,
        )
    if dry_run:
        return _(
            "%(course)s: would be updated (lessons: %(lessons)d, languages: %(languages)d, "
            "assets: %(assets)d) — dry run, nothing written.",
            **counts,
        )
    if result.status == "created":
        return _(
            "%(course)s: created (lessons: %(lessons)d, languages: %(languages)d, "
            "assets: %(assets)d).",
            **counts,
        )
    return _(
        "%(course)s: updated (lessons: %(lessons)d, languages: %(languages)d, assets: %(assets)d).",
        **counts,
    )

"""Course versions: store an uploaded package as a draft, publish it, restore an earlier one.

A version keeps the package's files as a zip of exactly what was checked, so
the preview, the publication and any later restore start from the same bytes.
Publishing goes through the importer, which matches lessons and quizzes by id:
learners keep their progress whatever version is published. Services flush;
the view commits once.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import defer

from academy.certificates.services import record
from academy.courses.building import Built
from academy.courses.importing import ImportResult, import_built
from academy.courses.models import Course, CourseOwner, CourseVersion
from academy.database import utcnow
from academy.extensions import db
from academy.learning.staff import owns

# Zip entries get this date, so the same files always make the same bytes.
_EPOCH = (1980, 1, 1, 0, 0, 0)


def pack_folder(root: Path) -> bytes:
    """The package's files as a zip, in a fixed order with fixed dates."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink()):
            info = zipfile.ZipInfo(path.relative_to(root).as_posix(), date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


@dataclass(frozen=True)
class Refusal:
    """Why a trainer may not put a version of this course id on the site."""

    course_slug: str
    course_title: dict


def refusal_for(user, slug: str) -> Refusal | None:
    """A course id that belongs to a course the user does not own is refused, by name."""
    course = db.session.scalar(select(Course).where(Course.slug == slug))
    if course is None or owns(user, course):
        return None
    return Refusal(slug, dict(course.title))


def store_version(built: Built, package: bytes, actor) -> CourseVersion:
    """Keep a checked package as a draft of its course (actor None: the command line)."""
    meta = built.package
    version = CourseVersion(
        course_slug=meta.id,
        version=meta.version,
        title=dict(meta.title),
        languages=list(meta.languages),
        content_hash=built.content_hash,
        package=package,
        package_size=len(package),
        warnings=len(built.problems.warnings),
        uploaded_by=actor.id if actor else None,
    )
    db.session.add(version)
    db.session.flush()
    record("upload", actor, course_slug=meta.id, details=f"version {version.id}")
    return version


def publish(version: CourseVersion, built: Built, actor, action: str = "publish") -> ImportResult:
    """Make version the one learners see; the importer keeps their progress.

    built is the version's package, checked (academy.trainers.drafts). A new
    course is owned by whoever published it first (nobody, from the command line).
    """
    result = import_built(built)
    course = db.session.scalar(select(Course).where(Course.slug == version.course_slug))
    course.published_version_id = version.id
    course.unpublished_at = None
    version.published_at, version.published_by = utcnow(), actor.id if actor else None
    if result.status == "created" and actor is not None:
        db.session.add(CourseOwner(course_id=course.id, user_id=actor.id, assigned_by=actor.id))
    record(action, actor, course_slug=course.slug, details=f"version {version.id}")
    db.session.flush()
    return result


def publish_folder(root: Path, built: Built) -> ImportResult:
    """`academy courses import`: keep the package as a version too, so it can be restored."""
    version = store_version(built, pack_folder(root), None)
    return publish(version, built, None)


def unpublish(course: Course, actor) -> None:
    """Withdraw the course from learners; nothing about them is deleted."""
    course.unpublished_at = utcnow()
    record("unpublish", actor, course_slug=course.slug)
    db.session.flush()


def versions_of(slug: str) -> list[CourseVersion]:
    """Every version uploaded for the course id, newest first, without their bytes."""
    return list(
        db.session.scalars(
            select(CourseVersion)
            .where(CourseVersion.course_slug == slug)
            .order_by(CourseVersion.uploaded_at.desc(), CourseVersion.id.desc())
            .options(_without_package())
        )
    )


def previous_version(course: Course) -> CourseVersion | None:
    """The version published last before the current one: what "restore" brings back."""
    return db.session.scalar(
        select(CourseVersion)
        .where(
            CourseVersion.course_slug == course.slug,
            CourseVersion.published_at.is_not(None),
            CourseVersion.id != (course.published_version_id or 0),
        )
        .order_by(CourseVersion.published_at.desc(), CourseVersion.id.desc())
        .limit(1)
        .options(_without_package())
    )


def _without_package():
    return defer(CourseVersion.package)

"""An uploaded zip: unpacked safely, checked in full, and kept as a draft when it passes.

The archive is unpacked into a temporary directory with the limits of
academy.packagefiles.archives, checked like `academy courses check`, packed
again from exactly the files that were checked, and the directory removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO

from academy.courses.models import CourseVersion
from academy.courses.uploads import archive_limits
from academy.packagefiles.archives import ArchiveError, extracted_package
from academy.trainers import drafts, versions
from academy.trainers.drafts import Checked


@dataclass
class Upload:
    """What became of an upload: exactly one of refused, checked with errors, or a version."""

    refused: str | None = None  # the archive itself was refused: why
    checked: Checked | None = None
    owner_refusal: versions.Refusal | None = None
    version: CourseVersion | None = None


def receive(stream: BinaryIO, actor) -> Upload:
    """Check an uploaded package; keep it as a draft (flushed) only if it has no error."""
    try:
        with extracted_package(stream, archive_limits()) as extracted:
            root = extracted.root
            checked = drafts.check_folder(root)
            # Files left out of the upload (an editor's source files) are warnings too.
            checked.problems.items.extend(extracted.notes)
            if not checked.ok:
                return Upload(checked=checked)
            refusal = versions.refusal_for(actor, checked.built.package.id)
            if refusal is not None:
                return Upload(checked=checked, owner_refusal=refusal)
            package = versions.pack_folder(root)
    except ArchiveError as error:
        return Upload(refused=str(error))
    version = versions.store_version(checked.built, package, actor)
    return Upload(checked=checked, version=version)

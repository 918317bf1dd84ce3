"""Resolve the relative links of a lesson to the URLs they have on the site.

Links are resolved while the lesson is rendered (academy.courses.building), so a
broken one is reported with its line; the URL returned is what the stored HTML
keeps. A link may name a lesson's file in any language: the lesson id is what
it leads to.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote, urlsplit

from academy.courses.assets import missing_asset_message
from academy.courses.package import LESSON_FILE_RE, MODULE_DIR_RE
from academy.courses.references import Reference
from academy.courses.sanitising import ID_PREFIX
from academy.messages import gettext as _

if TYPE_CHECKING:  # building imports this module
    from academy.courses.building import Built


class LinkResolver:
    """Turn a relative link in a lesson into the URL it has on the site.

    Lesson pages live at /courses/<course>/lessons/<lesson> and assets at
    /courses/<course>/assets/<hash>/<path>, so the stored URLs are relative
    and work whatever prefix the site is mounted under.
    """

    def __init__(self, built: Built, source: str, lessons: dict[str, str], quizzes: dict[str, str]):
        self.built, self.source = built, source
        self.lessons, self.quizzes = lessons, quizzes

    def __call__(self, reference: Reference) -> str | None:
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
        fragment = f"#{ID_PREFIX}{parts.fragment}" if parts.fragment else ""
        if target.startswith("../") or target == ".." or target.startswith("/"):
            self._error(reference, _("the link '%(url)s' leaves the package", url=reference.url))
            return None
        if target.startswith("assets/"):
            asset = self.built.package.assets.get(target.removeprefix("assets/"))
            if asset is None:
                refused = self.built.package.refused_assets
                self._error(reference, missing_asset_message(refused, target))
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

    def _error(self, reference: Reference, message: str) -> None:
        self.built.problems.error(self.source, reference.line, message)


def _is_lesson_file(target: str) -> bool:
    folder, _, name = target.rpartition("/")
    return bool(MODULE_DIR_RE.match(folder) and LESSON_FILE_RE.match(name))


def _lesson_key(target: str) -> str:
    """'01-start/02-more.fr.md' -> '01-start/more'."""
    folder, _, name = target.rpartition("/")
    return f"{folder}/{LESSON_FILE_RE.match(name).group(2)}"

"""The achievement a certificate records, in its language, for its Open Badges credential.

Snapshotted at issue into Certificate.settings["achievement"], like the
signatories, so the credential says what the course said then, whatever later
versions change. The keys come from certificate: in course.yaml
(academy.courses.achievement_fields).
"""

from __future__ import annotations

from flask_babel import force_locale
from flask_babel import gettext as _

from academy.courses.content_languages import pick
from academy.courses.models import Course


def achievement_snapshot(course: Course, language: str, *, face_to_face: bool = False) -> dict:
    """{"description", "criteria", "tags", "alignments"} in language, else the default.

    alignments are OB 3.0 Alignment fields (targetName, targetUrl, and
    targetFramework and targetCode when given).

    Without a description of its own the achievement is described by the
    course's summary; without criteria, criteria is "" and the credential says
    what earning the certificate took in its own words. A face-to-face
    certificate was earned by attending, not by the lessons and quizzes the
    course's criteria name, so its criteria say so.
    """
    settings = (course.certificate or {}).get("achievement") or {}
    default = course.default_language

    def text(mapping: dict | None) -> str:
        found = pick(mapping, language, default)
        return str(found) if found else ""

    tags = settings.get("tags") or {}
    return {
        "description": text(settings.get("description")) or text(course.summary),
        "criteria": _face_to_face_criteria(language)
        if face_to_face
        else text(settings.get("criteria")),
        "tags": list(tags.get(language) or tags.get(default) or []),
        "alignments": [
            _alignment(
                name=text(alignment["name"]),
                url=alignment["url"],
                framework=text(alignment.get("framework")),
                code=alignment.get("code"),
            )
            for alignment in settings.get("alignments") or []
        ],
    }


def _alignment(*, name: str, url: str, framework: str, code: str | None) -> dict:
    """An OB 3.0 Alignment's own keys (targetName, targetUrl, ...), empty ones left out.

    Snapshots taken before this kept {"name", "url", "framework", "code"};
    academy.credentials.document reads both shapes.
    """
    found = {
        "targetName": name,
        "targetUrl": url,
        "targetFramework": framework,
        "targetCode": code,
    }
    return {key: value for key, value in found.items() if value}


def _face_to_face_criteria(language: str) -> str:
    with force_locale(language):
        # TRANSLATORS: how a face-to-face certificate is earned, in a digital credential.
        return _(
            "Attend the course face to face. The academy issues the certificate from its "
            "attendance records."
        )

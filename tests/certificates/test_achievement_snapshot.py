"""The achievement a certificate records: snapshotted at issue, in the certificate's language."""

from __future__ import annotations

import shutil
from datetime import date

from sqlalchemy import select

from academy.certificates import services
from academy.certificates.face_to_face import Attendee, issue_to_attendees
from academy.certificates.models import Certificate
from academy.courses.models import Course
from academy.extensions import db
from tests.certificates.helpers import learner_who_completed
from tests.conftest import SAMPLE_PACKAGE, import_package
from tests.factories import make_user, reload

ACHIEVEMENT = """\
  description:
    en: "Explains why people form cooperatives and how members run them."
    fr: "Explique pourquoi on crée une coopérative et comment ses membres la dirigent."
  criteria:
    en: "Complete every lesson."
  tags:
    en: [cooperatives, ILO]
    fr: [coopératives, OIT]
  alignment:
    - name: Think.COOP
      url: https://www.ilo.org/resource/training-material/thinkcoop
      framework:
        en: ILO cooperative training tools
        fr: Outils de formation coopérative de l'OIT
"""


def course_with_achievement(tmp_path, achievement: str = ACHIEVEMENT) -> Course:
    package = tmp_path / "sample-course"
    shutil.copytree(SAMPLE_PACKAGE, package)
    course_yaml = package / "course.yaml"
    text = course_yaml.read_text(encoding="utf-8")
    course_yaml.write_text(text + achievement, encoding="utf-8")
    import_package(package)
    return db.session.scalar(select(Course).where(Course.slug == "sample-course"))


def only_certificate(user) -> Certificate:
    return db.session.scalars(select(Certificate).where(Certificate.user_id == user.id)).one()


def test_the_snapshot_is_in_the_certificates_language(client, tmp_path):
    course = course_with_achievement(tmp_path)

    certificate = only_certificate(learner_who_completed(client, course, locale="fr"))

    assert certificate.language == "fr"
    assert certificate.settings["achievement"] == {
        "description": "Explique pourquoi on crée une coopérative et comment ses membres la "
        "dirigent.",
        # Not translated: the course's default language stands in.
        "criteria": "Complete every lesson.",
        "tags": ["coopératives", "OIT"],
        "alignments": [
            {
                "targetName": "Think.COOP",
                "targetUrl": "https://www.ilo.org/resource/training-material/thinkcoop",
                "targetFramework": "Outils de formation coopérative de l'OIT",
            }
        ],
    }


def test_without_the_keys_the_summary_describes_it_and_criteria_is_empty(app, sample_course):
    certificate = services.issue_certificate(make_user(), sample_course)

    assert certificate.settings["achievement"] == {
        "description": "A short course on why people form cooperatives, how cooperatives are "
        "run, and where they fit in the social and solidarity economy.",
        "criteria": "",
        "tags": [],
        "alignments": [],
    }


def test_a_later_version_of_the_course_leaves_the_snapshot_alone(client, tmp_path):
    course = course_with_achievement(tmp_path)
    certificate = only_certificate(learner_who_completed(client, course))
    shutil.rmtree(tmp_path / "sample-course")

    course = course_with_achievement(
        tmp_path, ACHIEVEMENT.replace("Complete every lesson.", "Changed.")
    )

    assert course.certificate["achievement"]["criteria"] == {"en": "Changed."}
    assert reload(certificate).settings["achievement"]["criteria"] == "Complete every lesson."


FACE_TO_FACE_CRITERIA = {
    "en": "Attend the course face to face. The academy issues the certificate from its "
    "attendance records.",
    "fr": "Suivre le cours en présentiel. L'académie délivre le certificat d'après ses "
    "relevés de présence.",
}


def test_a_face_to_face_certificate_says_it_was_earned_by_attending(app, tmp_path):
    course = course_with_achievement(tmp_path)
    admin = make_user(role="admin")

    online = services.issue_certificate(make_user(), course, admin)
    [attendee] = issue_to_attendees(
        [Attendee("awa@example.org", "Awa Diop", course, date(2026, 3, 14), language="fr")], admin
    )
    in_person = services.issue_certificate(make_user(), course, admin, face_to_face=True)

    assert online.settings["achievement"]["criteria"] == "Complete every lesson."
    assert attendee.settings["achievement"]["criteria"] == FACE_TO_FACE_CRITERIA["fr"]
    assert in_person.settings["achievement"]["criteria"] == FACE_TO_FACE_CRITERIA["en"]
    # What the achievement is stays the course's.
    assert attendee.settings["achievement"]["tags"] == ["coopératives", "OIT"]

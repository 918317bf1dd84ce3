"""The credential's content: 1EdTech's schema, the hashed email, the certificate's record."""

from __future__ import annotations

import copy
import hashlib
import json
import uuid
from pathlib import Path

import jsonschema
import pytest

from academy.credentials import services
from academy.credentials.bitstring import LIST_BITS
from academy.credentials.models import Credential
from academy.extensions import db
from tests.credentials.helpers import face_to_face_certificate, part, payload

SCHEMA = Path(__file__).parent / "schema" / "ob_v3p0_achievementcredential_schema.json"


def ob3_schema() -> dict:
    """1EdTech's schema with its one VC 1.1 name moved to VC 2.0 (see schema/README.md)."""
    schema = json.loads(SCHEMA.read_text())
    schema = copy.deepcopy(schema)
    schema["required"] = [
        "validFrom" if name == "issuanceDate" else name for name in schema["required"]
    ]
    return schema


def assert_valid_ob3(credential: dict) -> None:
    validator = jsonschema.Draft201909Validator(
        ob3_schema(), format_checker=jsonschema.Draft201909Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(credential), key=str)
    assert errors == []


def test_the_credential_validates_against_1edtechs_schema(certificate):
    credential = payload(services.token_for(certificate))
    assert_valid_ob3(credential)


def test_a_credential_with_a_score_validates_and_carries_it(app, sample_course, signing_keys):
    certificate = face_to_face_certificate(sample_course, score=87.5)
    credential = payload(services.token_for(certificate))
    assert_valid_ob3(credential)
    subject = credential["credentialSubject"]
    assert subject["result"] == [
        {
            "type": ["Result"],
            "resultDescription": "http://academy.test/courses/sample-course/#score",
            "value": "87.5",
        }
    ]
    [description] = subject["achievement"]["resultDescription"]
    assert description["resultType"] == "Percent"


def test_the_schema_would_catch_a_missing_achievement(certificate):
    # The bundled schema is not a rubber stamp.
    credential = payload(services.token_for(certificate))
    del credential["credentialSubject"]["achievement"]["criteria"]
    with pytest.raises(AssertionError):
        assert_valid_ob3(credential)


def test_the_credential_is_the_certificates_record(certificate):
    token = services.token_for(certificate)
    credential = payload(token)
    stored = db.session.scalar(db.select(Credential))
    assert part(token, 0) == {"alg": "RS256", "kid": stored.key_id, "typ": "JWT"}
    # An HTTPS URL answering the public JWK: every OB 3.0 verifier dereferences those.
    assert stored.key_id.startswith("http://academy.test/.well-known/jwks/")
    assert stored.key_id.endswith(".json")
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert (
        credential["id"]
        == credential["jti"]
        == (f"http://academy.test/verify/{certificate.public_id}")
    )
    assert credential["issuer"]["id"] == credential["iss"] == "did:web:academy.test"
    assert credential["issuer"]["name"] == "SSE Academy"
    assert credential["issuer"]["url"] == "http://academy.test"
    issued = certificate.issued_at.replace(microsecond=0)
    assert credential["validFrom"] == issued.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert credential["nbf"] == int(issued.timestamp())
    # sub is the subject's id (OB 3.0 VC-JWT), a random urn:uuid naming no one.
    subject_id = credential["credentialSubject"]["id"]
    assert credential["sub"] == subject_id
    assert subject_id.startswith("urn:uuid:")
    assert str(uuid.UUID(subject_id.removeprefix("urn:uuid:"))) == subject_id[9:]
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["id"] == "http://academy.test/courses/sample-course/"
    assert achievement["name"] == "Working together: a first look at cooperatives"
    assert achievement["inLanguage"] == "en"
    assert achievement["version"] == "1.0"
    assert achievement["description"].endswith(" 1.5 hours of study.")
    assert credential["credentialStatus"] == {
        "id": f"http://academy.test/credentials/status/0#{stored.status_index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(stored.status_index),
        "statusListCredential": "http://academy.test/credentials/status/0",
    }
    assert 0 <= stored.status_index < LIST_BITS


def test_the_email_is_only_a_salted_hash_and_the_name_is_as_printed(certificate):
    token = services.token_for(certificate)
    stored = db.session.scalar(db.select(Credential))
    assert "amina@example.org" not in json.dumps(payload(token))
    email, name = payload(token)["credentialSubject"]["identifier"]
    digest = hashlib.sha256(("amina@example.org" + stored.salt).encode()).hexdigest()
    assert email == {
        "type": "IdentityObject",
        "identityHash": f"sha256${digest}",
        "identityType": "emailAddress",
        "hashed": True,
        "salt": stored.salt,
    }
    assert len(stored.salt) == 32
    assert name == {
        "type": "IdentityObject",
        "identityHash": "Amina Diallo",
        "identityType": "name",
        "hashed": False,
    }


def test_a_face_to_face_certificate_hashes_the_participants_address_in_its_language(
    app, sample_course, signing_keys
):
    certificate = face_to_face_certificate(sample_course, email="kofi@example.org")
    credential = payload(services.token_for(certificate))
    stored = db.session.scalar(db.select(Credential))
    digest = hashlib.sha256(("kofi@example.org" + stored.salt).encode()).hexdigest()
    assert credential["credentialSubject"]["identifier"][0]["identityHash"] == f"sha256${digest}"
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["name"] == "Travailler ensemble"
    assert achievement["inLanguage"] == "fr"
    assert achievement["criteria"]["narrative"] == (
        "A suivi la formation en présentiel Travailler ensemble."
    )
    # validFrom is to the second, like nbf.
    assert credential["validFrom"] == "2026-03-14T09:30:15Z"


def test_the_courses_achievement_settings_are_used(app, sample_course, signing_keys):
    # As the certificate's snapshot carries them from course.yaml (`certificate:`).
    settings = {
        "achievement": {
            "description": "Une formation sur les coopératives.",
            "criteria": "Présence aux deux journées.",
            "tags": ["coopératives", "ESS"],
            "alignments": [
                {"targetName": "Think.COOP", "targetUrl": "https://www.ilo.org/think-coop"}
            ],
        }
    }
    certificate = face_to_face_certificate(sample_course, settings=settings)
    credential = payload(services.token_for(certificate))
    assert_valid_ob3(credential)
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["description"] == "Une formation sur les coopératives."
    assert achievement["criteria"] == {"narrative": "Présence aux deux journées."}
    assert achievement["tag"] == ["coopératives", "ESS"]
    assert achievement["alignment"] == [
        {
            "type": ["Alignment"],
            "targetName": "Think.COOP",
            "targetUrl": "https://www.ilo.org/think-coop",
        }
    ]


def test_the_credential_is_signed_once_and_stored(certificate):
    first = services.token_for(certificate)
    second = services.token_for(certificate)
    assert first == second
    assert db.session.scalar(db.select(db.func.count(Credential.id))) == 1


def test_an_unreadable_key_never_stops_an_issue(app, sample_course, signing_keys, caplog):
    from academy.certificates.services import issue_certificate
    from tests.factories import make_user

    for path in signing_keys.glob("*.private.pem"):
        path.write_text("not a key")
    certificate = issue_certificate(make_user(name="Ana"), sample_course)
    db.session.commit()
    assert certificate.id is not None
    assert db.session.scalar(db.select(db.func.count(Credential.id))) == 0
    assert "credential signing key unreadable" in caplog.text


@pytest.mark.database
def test_each_credential_gets_its_own_status_position(app, sample_course, signing_keys):
    from academy.certificates.services import issue_certificate
    from tests.factories import make_user

    for number in range(5):
        issue_certificate(make_user(name=f"Learner {number}"), sample_course)
    db.session.commit()
    rows = db.session.scalars(db.select(Credential)).all()
    assert len(rows) == 5
    assert len({row.status_index for row in rows}) == 5
    assert all(0 <= row.status_index < LIST_BITS for row in rows)
    assert len({row.salt for row in rows}) == 5


def test_the_personal_data_export_carries_the_credential(client, certificate):
    from tests.factories import sign_in

    token = services.token_for(certificate)
    db.session.commit()
    sign_in(client, "amina@example.org")
    [exported] = client.get("/account/data.json").json["certificates"]
    assert exported["credential"] == token


def test_face_to_face_issue_signs_with_each_participants_address(app, sample_course, signing_keys):
    from datetime import date

    from academy.certificates.face_to_face import Attendee, issue_to_attendees
    from tests.factories import make_user

    admin = make_user("grace@example.org", role="admin", name="Grace Admin")
    attendees = [
        Attendee(email=email, name=name, course=sample_course, attended_on=date(2026, 3, 14))
        for email, name in [("kofi@example.org", "Kofi"), ("lea@example.org", "Léa")]
    ]
    certificates = issue_to_attendees(attendees, admin)
    db.session.commit()
    for certificate, attendee in zip(certificates, attendees, strict=True):
        stored = db.session.scalar(
            db.select(Credential).where(Credential.certificate_id == certificate.id)
        )
        [email, name] = payload(stored.token)["credentialSubject"]["identifier"]
        digest = hashlib.sha256((attendee.email + stored.salt).encode()).hexdigest()
        assert email["identityHash"] == f"sha256${digest}"
        assert name["identityHash"] == attendee.name


def test_a_snapshot_of_the_first_shape_still_makes_spec_alignments(
    app, sample_course, signing_keys
):
    # Certificates issued before the snapshot kept OB 3.0's key names.
    settings = {
        "achievement": {
            "alignments": [
                {
                    "name": "Think.COOP",
                    "url": "https://www.ilo.org/think-coop",
                    "framework": "ILO cooperative training tools",
                    "code": None,
                },
                {"name": "My.COOP", "url": "https://www.ilo.org/my-coop", "code": "2.1"},
            ]
        }
    }
    certificate = face_to_face_certificate(sample_course, settings=settings)
    credential = payload(services.token_for(certificate))
    assert_valid_ob3(credential)
    assert credential["credentialSubject"]["achievement"]["alignment"] == [
        {
            "type": ["Alignment"],
            "targetName": "Think.COOP",
            "targetUrl": "https://www.ilo.org/think-coop",
            "targetFramework": "ILO cooperative training tools",
        },
        {
            "type": ["Alignment"],
            "targetName": "My.COOP",
            "targetUrl": "https://www.ilo.org/my-coop",
            "targetCode": "2.1",
        },
    ]


def test_a_bundled_courses_certificate_is_a_valid_ob3_credential(app, signing_keys):
    # A real course.yaml (certificate: description, criteria, tags, alignment),
    # imported as `academy courses import` does, its certificate issued the usual way.
    from academy.certificates.services import issue_certificate
    from academy.courses.models import Course
    from academy.learning.models import Enrolment
    from tests.conftest import import_package
    from tests.factories import make_user

    import_package(Path(__file__).resolve().parents[2] / "courses" / "understanding-cooperatives")
    course = db.session.scalar(db.select(Course).where(Course.slug == "understanding-cooperatives"))
    learner = make_user(name="Awa Diop")
    db.session.add(Enrolment(user_id=learner.id, course_id=course.id, content_language="fr"))
    certificate = issue_certificate(learner, course)
    db.session.commit()
    credential = payload(services.token_for(certificate))
    assert_valid_ob3(credential)
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["inLanguage"] == "fr"
    assert achievement["tag"] == ["coopératives", "Think.COOP", "action collective", "OIT"]
    assert achievement["alignment"] == [
        {
            "type": ["Alignment"],
            "targetName": "Think.COOP: An orientation on the cooperative business model",
            "targetUrl": "https://www.ilo.org/global/topics/cooperatives/areas-of-work/"
            "WCMS_628372/lang--en/index.htm",
            "targetFramework": "Outils de formation de l'OIT sur les coopératives",
        }
    ]


def test_each_credentials_subject_id_is_its_own(app, sample_course, signing_keys):
    first = payload(services.token_for(face_to_face_certificate(sample_course)))
    second = payload(services.token_for(face_to_face_certificate(sample_course)))
    assert first["sub"] != second["sub"]


@pytest.mark.database
def test_a_long_site_address_fits_in_the_stored_key_id(app, sample_course, signing_keys):
    # The kid is now a URL under BASE_URL: PostgreSQL refused it past 100 characters.
    app.config["BASE_URL"] = "https://" + "a" * 60 + ".example.org/" + "b" * 60
    certificate = face_to_face_certificate(sample_course)
    token = services.token_for(certificate)
    db.session.commit()
    stored = db.session.scalar(db.select(Credential))
    assert len(stored.key_id) > 150
    assert part(token, 0)["kid"] == stored.key_id

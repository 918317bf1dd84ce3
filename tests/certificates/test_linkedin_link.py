"""'Add to LinkedIn profile' on "My certificates": filled in, and never for a revoked one."""

from __future__ import annotations

from html import escape

from sqlalchemy import select

from academy.certificates import services
from academy.certificates.models import Certificate
from academy.extensions import db
from tests.certificates.helpers import learner_who_completed
from tests.factories import make_user


def certificates_of(user) -> list[Certificate]:
    statement = select(Certificate).where(Certificate.user_id == user.id).order_by(Certificate.id)
    return list(db.session.scalars(statement))


def expected_link(certificate: Certificate, title: str, organization: str) -> str:
    issued = certificate.issued_at
    return escape(
        "https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME"
        f"&name={title}&organizationName={organization}"
        f"&issueYear={issued.year}&issueMonth={issued.month}"
        f"&certUrl=http%3A%2F%2Facademy.test%2Fverify%2F{certificate.public_id}"
        f"&certId={certificate.public_id}"
    )


def test_a_valid_certificate_offers_linkedin_in_its_language(client, sample_course):
    learner = learner_who_completed(client, sample_course, locale="fr")
    [certificate] = certificates_of(learner)

    response = client.get("/certificates/", headers={"Accept-Language": "fr"})

    assert response.status_code == 200
    link = expected_link(
        certificate,
        "Travailler%20ensemble%20%3A%20premiers%20pas%20dans%20les%20coop%C3%A9ratives",
        "Acad%C3%A9mie%20de%20l%27ESS",
    )
    assert f'<a class="button button--secondary" href="{link}">' in response.text
    assert "Ajouter au profil LinkedIn" in response.text
    assert 'target="_blank"' not in response.text


def test_a_revoked_certificate_offers_no_linkedin_link_its_replacement_does(client, sample_course):
    learner = learner_who_completed(client, sample_course)
    [certificate] = certificates_of(learner)
    services.reissue_certificate(certificate, make_user(role="admin"), "Name corrected")
    db.session.commit()
    revoked, replacement = certificates_of(learner)

    response = client.get("/certificates/")

    assert response.text.count("linkedin.com/profile/add") == 1
    assert f"certId={replacement.public_id}" in response.text
    assert f"certId={revoked.public_id}" not in response.text

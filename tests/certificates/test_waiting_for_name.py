"""An automatic certificate skipped for want of a name: everyone is told, the name issues it."""

from __future__ import annotations

import re
from html import unescape

import pytest
from sqlalchemy import select

from academy.certificates import services, waiting
from academy.certificates.models import Certificate
from academy.extensions import db
from academy.learning.models import CourseCompletion
from tests.certificates.helpers import admin_issue_mode, learner_who_completed
from tests.factories import make_user, reload, sign_in
from tests.trainers.cohorts_world import cohort_with_a_nameless_completion

STATUS = "Completed — no certificate yet: the account has no name to print"
PROFILE = {"locale": "en", "country": "SN", "constituent_group": "workers", "time_zone": ""}


def text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def certificates_of(user) -> list[Certificate]:
    db.session.rollback()
    return list(db.session.scalars(select(Certificate).where(Certificate.user_id == user.id)))


@pytest.fixture(params=["", "nameless@example.org"], ids=["empty", "email"])
def nameless(request, client, sample_course):
    """A learner whose account has no name to print, who completed the automatic course."""
    return learner_who_completed(client, sample_course, email="nameless@example.org",
                                 name=request.param)  # fmt: skip


def test_completing_without_a_name_issues_nothing_and_tells_the_learner(
    client, nameless, sample_course, outbox
):
    assert certificates_of(nameless) == []
    assert len(outbox) == 0
    course_page = text(client.get(f"/courses/{sample_course.slug}/").text)
    assert "Your certificate is waiting for your name." in course_page
    assert "Add your name in your account settings to receive your certificate." in course_page
    mine = client.get("/certificates/")
    assert mine.status_code == 200
    shown = text(mine.text)
    assert "Waiting for your name" in shown
    assert "Add your name in your account settings to receive their certificates." in shown
    assert "Working together: a first look at cooperatives" in shown
    assert "You have no certificates yet." not in shown
    assert 'href="/account/"' in mine.text


def test_a_learner_with_a_name_is_told_nothing_of_it(client, sample_course):
    learner_who_completed(client, sample_course, name="Awa Ba")
    assert "waiting for your name" not in client.get(f"/courses/{sample_course.slug}/").text
    assert "Waiting for your name" not in client.get("/certificates/").text


def test_saving_a_name_issues_and_mails_the_certificate_once(
    client, nameless, sample_course, outbox
):
    saved = client.post("/account/", data={**PROFILE, "name": "Awa  Ba"}, follow_redirects=True)
    assert saved.status_code == 200
    assert '1 certificate is issued with your name. It is under "My certificates".' in (
        unescape(saved.text)
    )
    [certificate] = certificates_of(nameless)
    assert (certificate.recipient_name, certificate.state, certificate.course_slug) == (
        "Awa Ba", "issued", "sample-course")  # fmt: skip
    [mail] = outbox.messages()
    assert mail["To"] == "nameless@example.org"
    assert outbox.link(mail, contains="/verify/").endswith(certificate.public_id)
    # Saving again (a new name) issues nothing more.
    again = client.post("/account/", data={**PROFILE, "name": "Awa B. Ba"})
    assert again.status_code == 302
    assert [c.recipient_name for c in certificates_of(nameless)] == ["Awa Ba"]
    assert len(outbox) == 1
    assert "Waiting for your name" not in client.get("/certificates/").text


def test_the_email_address_as_name_still_issues_nothing(client, nameless, outbox):
    saved = client.post("/account/", data={**PROFILE, "name": "NAMELESS@example.org"})
    assert saved.status_code == 302
    assert certificates_of(nameless) == []
    assert len(outbox) == 0
    assert "Waiting for your name" in client.get("/certificates/").text


def test_a_revoked_certificate_is_not_issued_again_by_a_name(client, sample_course, outbox):
    learner = make_user("revoked@example.org", name="")
    first = services.issue_certificate(learner, sample_course, name="First Name")
    services.revoke_certificate(first, None, "Issued by mistake")
    learner.name = ""
    db.session.add(CourseCompletion(user_id=learner.id, course_id=sample_course.id))
    db.session.commit()
    assert waiting.waiting_for_name(learner) == []
    sign_in(client, learner.email)
    assert client.post("/account/", data={**PROFILE, "name": "Second Name"}).status_code == 302
    assert [c.state for c in certificates_of(learner)] == ["revoked"]
    assert len(outbox) == 0


def test_an_admin_issued_course_waits_for_an_admin_not_for_the_name(client, sample_course, outbox):
    admin_issue_mode(sample_course)
    learner = learner_who_completed(client, sample_course, email="x@example.org", name="")
    assert "waiting for your name" not in client.get(f"/courses/{sample_course.slug}/").text
    client.post("/account/", data={**PROFILE, "name": "Moussa Diallo"})
    assert certificates_of(learner) == []


def test_the_admins_certificates_page_says_so_and_issues_with_the_name_given(
    app, nameless, sample_course, outbox
):
    admin = app.test_client()
    sign_in(admin, make_user("issuer@example.org", role="admin", name="Grace Admin").email)
    page = admin.get("/certificates/admin")
    [row] = waiting.for_admins()
    label = text(page.text.split(f'for="completion-{row.completion.id}">')[1].split("</label>")[0])
    assert label.endswith(STATUS)
    assert f'name="name-{row.completion.id}"' in page.text
    data = {"completion": [str(row.completion.id)], f"name-{row.completion.id}": "Fatou Sarr"}
    assert admin.post("/certificates/admin/issue-ready", data=data).status_code == 302
    assert [c.recipient_name for c in certificates_of(nameless)] == ["Fatou Sarr"]
    assert reload(nameless).name == "Fatou Sarr"
    assert waiting.for_admins() == []


def test_the_trainers_cohort_page_says_so_and_counts_only_who_can_receive_one(app, sample_course):
    trainer, cohort, nameless, named = cohort_with_a_nameless_completion(sample_course)
    client = app.test_client()
    sign_in(client, trainer.email)
    page = client.get(f"/trainers/cohorts/{cohort.id}/")
    assert page.status_code == 200
    table = page.text.split('id="learners-caption"')[1].split("</table>")[0]
    rows = [text(row) for row in table.split("<tbody>")[1].split("</tr>")[:-1]]
    assert [row.split(" ")[0] for row in rows] == ["Awa", "nameless@example.org"]
    assert rows[0].endswith(" None")
    assert rows[1].endswith(" " + STATUS)
    section = text(page.text.split('id="certificates-title"')[1].split("</section>")[0])
    assert "1 learner completed the course and has no valid certificate yet: Awa Ba" in section
    assert "Issue 1 certificate" in section
    assert f"{STATUS} nameless@example.org" in section
    assert "their certificate is issued and mailed to them as soon as they do" in section
    one = text(client.get(f"/trainers/cohorts/{cohort.id}/learners/{nameless.id}").text)
    assert f"Certificate {STATUS}" in one
    other = text(client.get(f"/trainers/cohorts/{cohort.id}/learners/{named.id}").text)
    assert STATUS not in other

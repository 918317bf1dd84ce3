"""The name to print: asked for at issue when the account has none, saved to it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from academy.certificates.models import Certificate
from academy.extensions import db
from tests.admin.helpers import audit_rows
from tests.certificates.helpers import admin_issue_mode, learner_who_completed
from tests.factories import make_user, reload, sign_in


def certificates_of(user) -> list[Certificate]:
    db.session.rollback()
    return list(db.session.scalars(select(Certificate).where(Certificate.user_id == user.id)))


@pytest.mark.parametrize("name", ["", "nameless@example.org"])
def test_issuing_to_an_account_without_a_name_asks_for_it(client, sample_course, name):
    learner = make_user("nameless@example.org", name=name)
    admin = make_user("issuer@example.org", role="admin", name="Grace Admin")
    sign_in(client, admin.email)
    data = {"email": "nameless@example.org", "course": "sample-course"}
    refused = client.post("/certificates/admin/issue", data=data)
    assert refused.status_code == 400
    assert "This account has no name to print" in refused.text
    assert certificates_of(learner) == []
    assert audit_rows() == []
    issued = client.post("/certificates/admin/issue", data={**data, "name": " Fatou  Sarr "})
    assert issued.status_code == 302
    [certificate] = certificates_of(learner)
    assert certificate.recipient_name == "Fatou Sarr"
    assert reload(learner).name == "Fatou Sarr"
    assert [row[:3] for row in audit_rows()] == [
        ("set_name", admin.id, learner.id),
        ("issue", admin.id, learner.id),
    ]


def test_the_email_address_is_no_name(client, sample_course):
    learner = make_user("nameless@example.org", name="")
    admin = make_user("issuer@example.org", role="admin", name="Grace Admin")
    sign_in(client, admin.email)
    data = {"email": learner.email, "course": "sample-course", "name": "NAMELESS@example.org"}
    assert client.post("/certificates/admin/issue", data=data).status_code == 400
    assert certificates_of(learner) == []


def test_a_named_account_needs_no_name_field(client, sample_course):
    learner = make_user("named@example.org", name="Awa Ba")
    admin = make_user("issuer@example.org", role="admin", name="Grace Admin")
    sign_in(client, admin.email)
    data = {"email": learner.email, "course": "sample-course"}
    assert client.post("/certificates/admin/issue", data=data).status_code == 302
    assert [c.recipient_name for c in certificates_of(learner)] == ["Awa Ba"]


def test_issuing_ready_completions_asks_for_the_missing_names(client, sample_course):
    from academy.certificates import services

    admin_issue_mode(sample_course)
    learner = learner_who_completed(client, sample_course, email="x@example.org", name="")
    client.post("/auth/sign-out")
    admin = make_user("issuer@example.org", role="admin", name="Grace Admin")
    sign_in(client, admin.email)
    [ready] = services.ready_to_issue()
    page = client.get("/certificates/admin")
    assert f'name="name-{ready.completion.id}"' in page.text
    data = {"completion": [str(ready.completion.id)]}
    refused = client.post("/certificates/admin/issue-ready", data=data)
    assert refused.status_code == 400
    assert "This account has no name to print" in refused.text
    assert certificates_of(learner) == []
    data[f"name-{ready.completion.id}"] = "Moussa Diallo"
    assert client.post("/certificates/admin/issue-ready", data=data).status_code == 302
    assert [c.recipient_name for c in certificates_of(learner)] == ["Moussa Diallo"]
    assert reload(learner).name == "Moussa Diallo"


def test_the_command_line_refuses_without_a_name(runner, sample_course):
    learner = make_user("cli@example.org", name="cli@example.org")
    args = ["certificates", "issue", "--email", "cli@example.org", "--course", "sample-course"]
    refused = runner.invoke(args=args)
    assert refused.exit_code == 1
    assert "has no name to print: give it with --name" in refused.output
    assert certificates_of(learner) == []
    issued = runner.invoke(args=[*args, "--name", "Kwame Asante"])
    assert issued.exit_code == 0, issued.output
    assert [c.recipient_name for c in certificates_of(learner)] == ["Kwame Asante"]
    assert reload(learner).name == "Kwame Asante"


def test_automatic_and_cohort_issues_leave_nameless_accounts_to_an_admin(app, sample_course):
    from academy.certificates import services
    from academy.trainers.cohort_certificates import issue_for_cohort
    from tests.trainers.cohorts_world import cohort_with_a_nameless_completion

    trainer, cohort, nameless, named = cohort_with_a_nameless_completion(sample_course)
    assert services.after_completion(nameless, sample_course) is None
    issued = issue_for_cohort(cohort, sample_course, trainer)
    db.session.commit()
    assert [user.email for user, _certificate in issued] == ["named@example.org"]
    assert certificates_of(nameless) == []
    with pytest.raises(services.NameNeeded):
        services.issue_certificate(nameless, sample_course)

"""`academy certificates issue|revoke|withdraw|list`: thin over academy.certificates.services."""

from __future__ import annotations

import sys
from typing import NoReturn

import click
from flask.cli import with_appcontext
from flask_babel import gettext as _
from sqlalchemy import select

from academy.auth.forms import normalise_email
from academy.auth.services import find_user
from academy.certificates import services, withdrawal
from academy.certificates.mails import send_certificate_issued
from academy.courses.models import Course
from academy.database import write_transactions
from academy.extensions import db
from academy.learning.completion import completion_of


def _fail(message: str) -> NoReturn:
    click.echo(_("Error: %(message)s", message=message), err=True)
    sys.exit(1)


@click.group(help="Issue, revoke and list certificates.")
def certificates() -> None:
    pass


@certificates.command("issue")
@click.option("--email", required=True, help="The learner's email address.")
@click.option("--course", "slug", required=True, help="The course id (from course.yaml).")
@click.option(
    "--name",
    help="The name to print, when the account has none (or its email address): saved to it.",
)
@with_appcontext
def issue(email: str, slug: str, name: str | None) -> None:
    """Issue a learner's certificate for a course and print its verification URL."""
    with write_transactions():
        user = find_user(normalise_email(email))
        if user is None:
            _fail(_("no account with %(email)s.", email=email))
        course = db.session.scalar(select(Course).where(Course.slug == slug))
        if course is None:
            _fail(_("no course with the id %(course_id)s.", course_id=repr(slug)))
        if services.needs_name(user) and services.usable_name(user, name) is None:
            _fail(
                _(
                    "the account %(email)s has no name to print: give it with --name.",
                    email=user.email,
                )
            )
        face_to_face = completion_of(user.id, course) is None
        certificate = services.issue_certificate(user, course, face_to_face=face_to_face, name=name)
        db.session.commit()
        click.echo(services.verification_url(certificate))
    # Like an issue from the admin page: the learner hears of it once it is saved.
    if not send_certificate_issued(user, certificate, tell_recipient=False):
        click.echo(
            _(
                "The mail to %(email)s could not be sent; the certificate is issued all the same.",
                email=user.email,
            ),
            err=True,
        )


@certificates.command("revoke")
@click.argument("public_id")
@click.option("--reason", required=True, help="Why the certificate is revoked (kept in the log).")
@with_appcontext
def revoke(public_id: str, reason: str) -> None:
    """Revoke the certificate whose public id is PUBLIC_ID."""
    if not reason.strip():
        # TRANSLATORS: the --reason option of the revoke command was left empty.
        _fail(_("give a reason."))
    with write_transactions():
        certificate = services.by_public_id(public_id)
        if certificate is None:
            _fail(
                _("no certificate with the id %(certificate_id)s.", certificate_id=repr(public_id))
            )
        if not services.revoke_certificate(certificate, None, reason.strip()):
            _fail(_("this certificate was already revoked."))
        db.session.commit()
    click.echo(_("Revoked %(certificate_id)s.", certificate_id=public_id))


@certificates.command("withdraw")
@click.argument("public_id")
@with_appcontext
def withdraw(public_id: str) -> None:
    """Withdraw PUBLIC_ID at its holder's request: revoke it and erase the name it prints."""
    with write_transactions():
        certificate = services.by_public_id(public_id)
        if certificate is None:
            _fail(
                _("no certificate with the id %(certificate_id)s.", certificate_id=repr(public_id))
            )
        if not withdrawal.withdraw_certificate(certificate, None):
            _fail(_("this certificate was already withdrawn."))
        db.session.commit()
    click.echo(_("Withdrew %(certificate_id)s.", certificate_id=public_id))


@certificates.command("list")
@click.option("--course", "slug", help="Only the certificates of this course id.")
@with_appcontext
def list_certificates(slug: str | None) -> None:
    """List certificates, newest first: id, state, course, date, recipient."""
    for certificate in services.all_certificates(slug):
        click.echo(
            "\t".join(
                [
                    certificate.public_id,
                    certificate.state,
                    f"{certificate.course_slug} {certificate.course_version}",
                    certificate.issued_at.date().isoformat(),
                    certificate.recipient_name,
                ]
            )
        )

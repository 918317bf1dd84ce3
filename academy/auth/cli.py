"""`academy users ...`: create accounts, set roles, list them."""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext
from flask_babel import gettext as _
from sqlalchemy import select

from academy.auth import services
from academy.auth.forms import normalise_email
from academy.auth.models import ROLES, User
from academy.auth.passwords import password_problem
from academy.database import write_transactions
from academy.extensions import db


def _fail(message: str) -> None:
    click.echo(_("Error: %(message)s", message=message), err=True)
    sys.exit(1)


@click.group(help="Manage user accounts.")
def users() -> None:
    pass


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt(_("Password"), hide_input=True, confirmation_prompt=True)


@users.command("create")
@click.option("--email", required=True, help="The account's email address.")
@click.option("--role", type=click.Choice(ROLES), default="learner", show_default=True)
@click.option(
    "--name",
    prompt="Name as printed on certificates",
    help="The person's name as printed on certificates (asked for when missing).",
)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@with_appcontext
def create(email: str, role: str, name: str, password_stdin: bool) -> None:
    """Create a confirmed account."""
    email = normalise_email(email)
    name = name.strip()
    if "@" not in email:
        _fail(_("%(email)s is not an email address.", email=repr(email)))
    # Certificates print it: an email address or nothing would make one nobody can show.
    if not name or name.casefold() == email or len(name) > 200:
        _fail(_("give the person's name as it should be printed on certificates."))
    password = _read_password(password_stdin)
    problem = password_problem(password, email=email, name=name)
    if problem:
        _fail(_("weak password: %(problem)s", problem=problem))
    with write_transactions():
        if services.find_user(email) is not None:
            _fail(_("an account with %(email)s already exists.", email=email))
        services.create_user(email, password, role=role, confirmed=True, name=name)
        db.session.commit()
    # TRANSLATORS: %(role)s is learner, trainer or admin, as typed on the command line;
    # keep it in English.
    click.echo(_("Created %(role)s %(email)s.", role=role, email=email))


@users.command("set-role")
@click.argument("email")
@click.argument("role", type=click.Choice(ROLES))
@with_appcontext
def set_role(email: str, role: str) -> None:
    """Give the account EMAIL the role ROLE."""
    with write_transactions():
        user = services.find_user(normalise_email(email))
        if user is None:
            _fail(_("no account with %(email)s.", email=email))
        services.set_role(user, role)
        db.session.commit()
    # TRANSLATORS: %(role)s is learner, trainer or admin, as typed on the command line;
    # keep it in English.
    click.echo(_("%(email)s is now %(role)s.", email=user.email, role=role))


@users.command("list")
@click.option("--role", type=click.Choice(ROLES), help="Only accounts with this role.")
@with_appcontext
def list_users(role: str | None) -> None:
    """List the accounts: email, role, state."""
    query = select(User).where(User.deleted_at.is_(None)).order_by(User.email)
    if role:
        query = query.where(User.role == role)
    for user in db.session.scalars(query):
        click.echo(f"{user.email}\t{user.role}\t{_state(user)}\t{user.name}")


def _state(user: User) -> str:
    if user.deactivated_at:
        # TRANSLATORS: an account's state in `academy users list` (email, role, state, name).
        return _("deactivated")
    if user.confirmed_at:
        # TRANSLATORS: an account's state in `academy users list` (email, role, state, name).
        return _("active")
    # TRANSLATORS: an account's state in `academy users list` (email, role, state, name).
    return _("unconfirmed")

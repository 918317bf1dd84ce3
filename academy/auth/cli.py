"""`academy users ...`: create accounts, set roles, list them."""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from academy.auth import services
from academy.auth.forms import normalise_email
from academy.auth.models import ROLES, User
from academy.auth.passwords import password_problem
from academy.database import write_transactions
from academy.extensions import db


def _fail(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(1)


@click.group(help="Manage user accounts.")
def users() -> None:
    pass


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


@users.command("create")
@click.option("--email", required=True, help="The account's email address.")
@click.option("--role", type=click.Choice(ROLES), default="learner", show_default=True)
@click.option("--name", default="", help="Name as printed on certificates.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@with_appcontext
def create(email: str, role: str, name: str, password_stdin: bool) -> None:
    """Create a confirmed account."""
    email = normalise_email(email)
    if "@" not in email:
        _fail(f"{email!r} is not an email address.")
    password = _read_password(password_stdin)
    problem = password_problem(password, email=email, name=name)
    if problem:
        _fail(f"weak password: {problem}")
    with write_transactions():
        if services.find_user(email) is not None:
            _fail(f"an account with {email} already exists.")
        services.create_user(email, password, role=role, confirmed=True, name=name or email)
        db.session.commit()
    click.echo(f"Created {role} {email}.")


@users.command("set-role")
@click.argument("email")
@click.argument("role", type=click.Choice(ROLES))
@with_appcontext
def set_role(email: str, role: str) -> None:
    """Give the account EMAIL the role ROLE."""
    with write_transactions():
        user = services.find_user(normalise_email(email))
        if user is None:
            _fail(f"no account with {email}.")
        services.set_role(user, role)
        db.session.commit()
    click.echo(f"{user.email} is now {role}.")


@users.command("list")
@click.option("--role", type=click.Choice(ROLES), help="Only accounts with this role.")
@with_appcontext
def list_users(role: str | None) -> None:
    """List the accounts: email, role, state."""
    query = select(User).where(User.deleted_at.is_(None)).order_by(User.email)
    if role:
        query = query.where(User.role == role)
    for user in db.session.scalars(query):
        state = "active" if user.confirmed_at else "unconfirmed"
        click.echo(f"{user.email}\t{user.role}\t{state}\t{user.name}")

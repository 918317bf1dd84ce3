"""The admins' user pages: find an account, read it, change its role or state, create one.

Reading never writes; every change is a POST with a CSRF token, commits
once and redirects with a message saying what happened (or why not).
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from academy.admin import bp, users
from academy.admin.account_mail import send_account_created
from academy.admin.paging import Pages, requested_page
from academy.admin.user_forms import NewUserForm, RoleForm, StateForm
from academy.auth.models import ROLES, User
from academy.auth.services import find_user
from academy.certificates.models import AuditEntry
from academy.extensions import db
from academy.i18n import current_language, isolate
from academy.security import role_required


def _refusals() -> dict[str, str]:
    return {
        users.OWN_ADMIN_ROLE: _(
            "You cannot remove your own admin role: ask another admin to do it. "
            "Nothing was changed."
        ),
        users.OWN_ACCOUNT: _(
            "You cannot deactivate your own account: ask another admin to do it. "
            "Nothing was changed."
        ),
        users.DELETED: _("This account was deleted by its owner. Nothing was changed."),
        users.UNCHANGED: _("The account was already so. Nothing was changed."),
    }


def _user_or_404(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


def _actor() -> User:
    return current_user._get_current_object()


@bp.route("/users/")
@role_required("admin")
def users_list():
    search = users.Search(
        text=request.args.get("q", "")[:200],
        role=request.args.get("role", ""),
        state=request.args.get("state", ""),
    )
    page = requested_page()
    found, total = users.search_users(search, page)
    return render_template(
        "admin/users.html",
        search=search,
        found=found,
        pages=Pages(page, total, users.PAGE_SIZE),
        roles=ROLES,
        states=users.STATES,
        state_of=users.state_of,
    )


def _user_page(user: User, role_form=None, status: int = 200):
    history = db.session.scalars(
        select(AuditEntry)
        .where(AuditEntry.subject_user_id == user.id)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(20)
    )
    return render_template(
        "admin/user.html",
        user=user,
        state=users.state_of(user),
        facts=users.facts_of(user),
        role_form=role_form or RoleForm(role=user.role),
        state_form=StateForm(),
        history=list(history),
    ), status


@bp.route("/users/<int:user_id>")
@role_required("admin")
def user(user_id: int):
    return _user_page(_user_or_404(user_id))


def _done(user: User, refusal: str | None, success: str):
    if refusal is None:
        db.session.commit()
        flash(success, "success")
    else:
        flash(_refusals()[refusal], "info" if refusal == users.UNCHANGED else "error")
    return redirect(url_for("admin.user", user_id=user.id))


@bp.route("/users/<int:user_id>/role", methods=["POST"])
@role_required("admin")
def change_role(user_id: int):
    user = _user_or_404(user_id)
    form = RoleForm()
    if not form.validate_on_submit():
        return _user_page(user, form, 400)
    refusal = users.change_role(user, form.role.data, _actor())
    return _done(user, refusal, _("The role is changed."))


def _reason() -> str | None:
    form = StateForm()
    if not form.validate_on_submit():
        abort(400)
    return (form.reason.data or "").strip() or None


@bp.route("/users/<int:user_id>/deactivate", methods=["POST"])
@role_required("admin")
def deactivate(user_id: int):
    user = _user_or_404(user_id)
    refusal = users.deactivate(user, _actor(), _reason())
    return _done(
        user, refusal, _("The account is deactivated: it cannot sign in, and its sessions ended.")
    )


@bp.route("/users/<int:user_id>/reactivate", methods=["POST"])
@role_required("admin")
def reactivate(user_id: int):
    user = _user_or_404(user_id)
    refusal = users.reactivate(user, _actor(), _reason())
    return _done(user, refusal, _("The account is active again."))


def _new_user_form() -> NewUserForm:
    form = NewUserForm()
    if request.method == "GET":
        form.locale.data = current_language()
    return form


@bp.route("/users/new", methods=["GET", "POST"])
@role_required("admin")
def new_user():
    form = _new_user_form()
    if form.validate_on_submit():
        if find_user(form.email.data) is not None:
            form.email.errors.append(_("An account with this email address already exists."))
        else:
            created = users.create_account(
                form.email.data, form.name.data, form.role.data, form.locale.data, _actor()
            )
            db.session.commit()
            if send_account_created(created):
                flash(
                    isolate(
                        _("Account created. %(email)s was sent a link to choose a password."),
                        email=created.email,
                    ),
                    "success",
                )
            else:
                flash(
                    isolate(
                        _(
                            "Account created, but the mail to %(email)s could not be sent. "
                            "They can ask for a new password from the sign-in page."
                        ),
                        email=created.email,
                    ),
                    "error",
                )
            return redirect(url_for("admin.user", user_id=created.id))
    status = 400 if request.method == "POST" else 200
    return render_template("admin/user_new.html", form=form), status

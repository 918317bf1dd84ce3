"""Roles, account states and audit actions named in the reader's language."""

from __future__ import annotations

from flask_babel import gettext as _

from academy.admin import bp
from academy.i18n import country_name


def role_labels() -> dict[str, str]:
    return {"learner": _("Learner"), "trainer": _("Trainer"), "admin": _("Admin")}


def state_labels() -> dict[str, str]:
    return {
        # TRANSLATORS: an account's state in the admins' list of users.
        "active": _("Active"),
        # TRANSLATORS: an account's state in the admins' list of users.
        "deactivated": _("Deactivated"),
        # TRANSLATORS: an account's state: its address was never confirmed.
        "unconfirmed": _("Not confirmed"),
        # TRANSLATORS: an account's state: its owner deleted it.
        "deleted": _("Deleted"),
    }


def action_labels() -> dict[str, str]:
    """Every audit action (academy.certificates.models.AUDIT_ACTIONS), as the log shows it."""
    return {
        "issue": _("Certificate issued"),
        "revoke": _("Certificate revoked"),
        "reissue": _("Certificate reissued"),
        "upload": _("Course package uploaded"),
        "publish": _("Course published"),
        "restore": _("Earlier course version restored"),
        "unpublish": _("Course unpublished"),
        "assign_owner": _("Course owner added"),
        "remove_owner": _("Course owner removed"),
        "create_cohort": _("Cohort created"),
        "update_cohort": _("Cohort changed"),
        "enrol_from_file": _("Learners enrolled from a file"),
        "announce": _("Announcement sent"),
        "create_account": _("Account created"),
        "change_role": _("Role changed"),
        "deactivate": _("Account deactivated"),
        "reactivate": _("Account reactivated"),
        "set_name": _("Name to print given"),
    }


def action_label(action: str) -> str:
    # An action added by a later feature, before its label is: its own name.
    return action_labels().get(action, action)


@bp.app_context_processor
def _labels() -> dict:
    return {
        "role_label": lambda role: role_labels().get(role, role),
        "state_label": lambda state: state_labels().get(state, state),
        "action_label": action_label,
        "country_name": country_name,
    }

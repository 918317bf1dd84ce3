"""The console's home page: where each part of the admins' work is."""

from __future__ import annotations

from flask import render_template

from academy.admin import bp
from academy.security import role_required


@bp.route("/")
@role_required("admin")
def home():
    return render_template("admin/home.html")

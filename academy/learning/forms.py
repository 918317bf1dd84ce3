"""Forms of the learning pages: buttons that change an enrolment.

The content language form is the course pages' (academy.courses.forms).
"""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField


class ActionForm(FlaskForm):
    """A button that changes something; next is the page to return to."""

    next = HiddenField()

"""Question banks from Moodle in the browser: GIFT or Moodle XML becomes a quiz file.

The same conversion as `academy quizzes from-moodle` (academy.quizzes.question_bank):
one language at a time, optionally added to an existing quiz file as another
language. Nothing is stored: the page shows the report and the quiz file, or
sends the file to save into the course package.
"""

from __future__ import annotations

from flask import Response, render_template, request
from flask_babel import gettext as _

from academy.packagefiles.yamlfile import YamlError, load
from academy.quizzes.gift import GiftError
from academy.quizzes.question_bank import convert_question_bank
from academy.security import role_required
from academy.trainers import bp
from academy.trainers.forms import QuestionBankForm


@bp.route("/question-banks/")
@role_required("trainer")
def question_banks():
    return render_template("trainers/question_banks.html", form=QuestionBankForm(formdata=None))


@bp.route("/question-banks/", methods=["POST"])
@role_required("trainer")
def convert_bank():
    form = QuestionBankForm()
    if not form.validate_on_submit():
        return render_template("trainers/question_banks.html", form=form), 400
    bank = form.bank.data
    try:
        into, into_name = _quiz_file(form)
        conversion = convert_question_bank(
            # Text: the site-wide body limit (4 MB) holds thousands of questions.
            bank.read(),
            bank.filename or "bank",
            form.language.data,
            into,
            into_path=into_name,
        )
    except GiftError as error:
        page = render_template("trainers/question_banks.html", form=form, problems=error.problems)
        return page, 400
    if request.form.get("download"):
        return _download(conversion.yaml, form.language.data)
    return render_template("trainers/question_banks.html", form=form, conversion=conversion)


def _quiz_file(form: QuestionBankForm) -> tuple[dict | None, str]:
    upload = form.into.data
    if not upload or not upload.filename:
        return None, ""
    name = upload.filename
    data = upload.read()
    try:
        return load(data.decode("utf-8")), name
    except UnicodeDecodeError:
        raise GiftError([(name, 1, _("the file is not UTF-8 text"))]) from None
    except YamlError as error:
        raise GiftError([(name, error.line, error.message)]) from None


def _download(text: str, language: str) -> Response:
    response = Response(text, content_type="application/yaml; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="quiz.{language}.quiz.yaml"'
    return response

"""Questions as an attempt shows them, the answers read back from the form, and results.

Form values never carry an id from the answer key: choices, prompts, items
and matches are numbered in the order this attempt shows them, and the
numbers are turned back into ids here, on the server. Anything unknown or
malformed in a form reads as unanswered, never as an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from academy.courses.content_languages import Text, pick
from academy.packagefiles.quiz_types import (
    MatchingQuestion,
    MultipleQuestion,
    OrderingQuestion,
    Question,
    QuizDefinition,
    SingleQuestion,
    TrueFalseQuestion,
)
from academy.quizzes.layout import in_layout

MAX_TEXT = 500  # characters kept of a typed answer


@dataclass(frozen=True)
class Option:
    value: str  # what the form sends: a number in the shown order
    id: str  # the id in the quiz definition (never printed)
    text: Text | None


@dataclass(frozen=True)
class ShownQuestion:
    number: int
    question: Question
    text: Text
    options: tuple[Option, ...] = ()  # choices; or matches of a matching question
    rows: tuple[Option, ...] = ()  # prompts of a matching, items of an ordering question
    name: str = field(default="")

    @property
    def type(self) -> str:
        return self.question.type


def _texts(mapping, language: str, default: str, fallback: str) -> Text:
    return pick(mapping, language, default) or Text(fallback, default)


def shown_questions(definition: QuizDefinition, layout: dict, language: str) -> list[ShownQuestion]:
    """Every question of the attempt in the order it shows them, texts in language."""
    layout = layout if isinstance(layout, dict) else {}
    orders = layout.get("options") if isinstance(layout.get("options"), dict) else {}
    seed = str(layout.get("seed", ""))
    by_id = {question.id: question for question in definition.questions}
    ids = in_layout(list(by_id), layout.get("questions"))
    default = definition.default_language
    shown = []
    for number, question_id in enumerate(ids, 1):
        question = by_id[question_id]
        order = orders.get(question_id)
        options, rows = (), ()

        def text(mapping, fallback, _d=default):
            return _texts(mapping, language, _d, fallback)

        if isinstance(question, SingleQuestion | MultipleQuestion):
            choices = {c.id: c for c in question.choices}
            options = tuple(
                Option(str(n), cid, text(choices[cid].text, cid))
                for n, cid in enumerate(in_layout(list(choices), order), 1)
            )
        elif isinstance(question, TrueFalseQuestion):
            options = (Option("true", "true", None), Option("false", "false", None))
        elif isinstance(question, MatchingQuestion):
            matches = {p.id: p.match for p in question.pairs}
            matches.update({d.id: d.text for d in question.distractors})
            options = tuple(
                Option(str(n), mid, text(matches[mid], mid))
                for n, mid in enumerate(in_layout(list(matches), order, seed, question_id), 1)
            )
            rows = tuple(
                Option(str(n), p.id, text(p.prompt, p.id)) for n, p in enumerate(question.pairs, 1)
            )
        elif isinstance(question, OrderingQuestion):
            items = {i.id: i for i in question.items}
            rows = tuple(
                Option(str(n), iid, text(items[iid].text, iid))
                for n, iid in enumerate(in_layout(list(items), order, seed, question_id), 1)
            )
        shown.append(
            ShownQuestion(
                number=number,
                question=question,
                text=text(question.text, question.id),
                options=options,
                rows=rows,
                name=f"q{number}",
            )
        )
    return shown


def _option_id(shown: ShownQuestion, value) -> str | None:
    return next((o.id for o in shown.options if o.value == value), None)


def responses_from(form, questions: list[ShownQuestion]) -> dict:
    """The responses grading expects, read from a submitted form (a MultiDict)."""
    responses: dict = {}
    for shown in questions:
        name, kind = shown.name, shown.type
        if kind == "single":
            response = _option_id(shown, form.get(name))
        elif kind == "multiple":
            chosen = {_option_id(shown, value) for value in form.getlist(name)}
            response = [o.id for o in shown.options if o.id in chosen]
        elif kind == "true_false":
            value = form.get(name)
            response = value if value in ("true", "false") else None
        elif kind in ("short", "numeric"):
            response = (form.get(name) or "")[:MAX_TEXT]
        elif kind == "matching":
            response = {
                row.id: _option_id(shown, form.get(f"{name}-{row.value}")) for row in shown.rows
            }
        elif kind == "ordering":
            response = {row.id: _position(form.get(f"{name}-{row.value}")) for row in shown.rows}
        else:
            response = None
        responses[shown.question.id] = response
    return responses


def _position(value) -> int | None:
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 4:
        return int(value)
    return None


def form_values(questions: list[ShownQuestion], responses) -> dict:
    """Saved responses as the form's values again (the inverse of responses_from)."""
    responses = responses if isinstance(responses, dict) else {}
    values: dict = {}
    for shown in questions:
        response, name = responses.get(shown.question.id), shown.name
        to_value = {o.id: o.value for o in shown.options}
        if shown.type in ("single", "true_false"):
            values[name] = to_value.get(response) if shown.type == "single" else response
        elif shown.type == "multiple" and isinstance(response, list):
            values[name] = [to_value[i] for i in response if i in to_value]
        elif shown.type in ("short", "numeric") and isinstance(response, str):
            values[name] = response
        elif shown.type in ("matching", "ordering") and isinstance(response, dict):
            for row in shown.rows:
                given = response.get(row.id)
                given = to_value.get(given) if shown.type == "matching" else given
                values[f"{name}-{row.value}"] = None if given is None else str(given)
    return values


def is_answered(shown: ShownQuestion, response) -> bool:
    """Whether every part of a question has an answer (a matching row left empty: no)."""
    if shown.type in ("matching", "ordering"):
        given = response if isinstance(response, dict) else {}
        return all(given.get(row.id) is not None for row in shown.rows)
    if isinstance(response, str):
        return bool(response.strip())
    return bool(response) if isinstance(response, list) else response is not None


def repeated_positions(questions: list[ShownQuestion], responses: dict) -> dict[str, list[int]]:
    """Ordering questions that give a position to more than one item: name -> positions."""
    repeated = {}
    for shown in questions:
        given = responses.get(shown.question.id)
        if shown.type != "ordering" or not isinstance(given, dict):
            continue
        positions = [p for p in given.values() if p is not None]
        twice = sorted({p for p in positions if positions.count(p) > 1})
        if twice:
            repeated[shown.name] = twice
    return repeated


# -- reading a result back -------------------------------------------------------


@dataclass(frozen=True)
class AnswerLine:
    label: Text | None  # a prompt or an item, for matching and ordering
    answer: Text | str | None  # what the learner gave; None when nothing
    wrong: bool = False  # a matching pair or ordering position given wrongly


def _right_row(question: Question, row_id: str, value) -> bool:
    """Whether a matching prompt got its own match, or an item its place."""
    if isinstance(question, MatchingQuestion):
        return value == row_id
    ids = [item.id for item in question.items] if isinstance(question, OrderingQuestion) else []
    return row_id in ids and value == ids.index(row_id) + 1


def answer_lines(shown: ShownQuestion, response) -> list[AnswerLine]:
    """What the learner answered, as lines of text to show."""
    options = {o.id: o.text for o in shown.options}
    kind = shown.type
    if kind == "single":
        return [AnswerLine(None, options.get(response))] if response in options else []
    if kind == "multiple":
        ids = response if isinstance(response, list) else []
        return [AnswerLine(None, options[i]) for i in ids if i in options]
    if kind == "true_false":
        return [AnswerLine(None, response)] if response in ("true", "false") else []
    if kind in ("short", "numeric"):
        return [AnswerLine(None, response)] if isinstance(response, str) and response else []
    if kind in ("matching", "ordering"):
        given = response if isinstance(response, dict) else {}
        lines = []
        for row in shown.rows:
            value = given.get(row.id)
            wrong = value is not None and not _right_row(shown.question, row.id, value)
            if kind == "matching":
                value = options.get(value)
            lines.append(AnswerLine(row.text, value if value not in (None, "") else None, wrong))
        return lines if any(line.answer is not None for line in lines) else []
    return []


def right_choice(shown: ShownQuestion) -> Text | None:
    """The right answer of a single-choice question, to show beside a wrong one."""
    if not isinstance(shown.question, SingleQuestion):
        return None
    right = {c.id for c in shown.question.choices if c.correct}
    return next((o.text for o in shown.options if o.id in right), None)


@dataclass(frozen=True)
class QuestionFeedback:
    shown: ShownQuestion
    answers: list[AnswerLine]
    answered: bool
    correct: bool
    score: float
    feedback: list[Text]
    message: str | None
    right: Text | None = None  # the right choice, when a single choice was answered wrongly


def question_feedback(
    questions: list[ShownQuestion], responses: dict, results, language: str, default: str
) -> list[QuestionFeedback]:
    """Each question with the learner's answer and the stored grading result."""
    by_id = {r.get("question_id"): r for r in results or [] if isinstance(r, dict)}
    responses = responses if isinstance(responses, dict) else {}
    lines = []
    for shown in questions:
        result = by_id.get(shown.question.id, {})
        feedback = [
            pick(mapping, language, default)
            for mapping in result.get("feedback", [])
            if isinstance(mapping, dict)
        ]
        lines.append(
            QuestionFeedback(
                shown=shown,
                answers=answer_lines(shown, responses.get(shown.question.id)),
                answered=bool(result.get("answered")),
                correct=bool(result.get("correct")),
                score=float(result.get("score") or 0),
                feedback=[text for text in feedback if text],
                message=result.get("message"),
                right=right_choice(shown)
                if result.get("answered") and not result.get("correct")
                else None,
            )
        )
    return lines

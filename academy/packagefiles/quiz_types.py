"""The validated form of a quiz file: frozen dataclasses that round-trip through JSON.

Text maps (language -> text) hold the author's inline Markdown until `render_texts`
returns a copy where they hold sanitised HTML (`QuizDefinition.rendered` says which).
Accepted short answers are not texts: they stay as written, for comparison.

`QuizDefinition.to_dict()` gives plain JSON data (dicts, lists, str, numbers, bools,
None): every dataclass field under its own name, each question with its "type", and
"format": 1 at the top so a stored definition can be migrated if the format changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields, is_dataclass, replace
from typing import ClassVar

TextMap = dict[str, str]
FORMAT = 1
FEEDBACK_MODES = ("after_each_attempt", "once_passed", "never")
SCORING_MODES = ("all_or_nothing", "partial")


def _texts():
    """A text map field: rendered by render_texts."""
    return field(default_factory=dict, metadata={"text": True})


@dataclass(frozen=True, kw_only=True)
class Choice:
    """A choice of a single or multiple question."""

    id: str
    text: TextMap = _texts()
    correct: bool = False
    credit: float | None = None  # percent, -100..100; multiple questions only
    feedback: TextMap = _texts()


@dataclass(frozen=True, kw_only=True)
class Item:
    """An item to order, or a distractor of a matching question."""

    id: str
    text: TextMap = _texts()


@dataclass(frozen=True, kw_only=True)
class Pair:
    """A prompt and its match; the id names both."""

    id: str
    prompt: TextMap = _texts()
    match: TextMap = _texts()


@dataclass(frozen=True, kw_only=True)
class ShortAnswer:
    text: str
    credit: float = 100  # 0 for a known wrong answer that has its own feedback
    feedback: TextMap = _texts()  # in the one language of the answer


@dataclass(frozen=True, kw_only=True)
class NumericAnswer:
    value: float
    tolerance: float = 0
    credit: float = 100  # 0 for a known wrong answer that has its own feedback
    feedback: TextMap = _texts()


@dataclass(frozen=True, kw_only=True)
class Question:
    """What every question has; each type is a subclass."""

    type: ClassVar[str] = ""
    id: str
    text: TextMap = _texts()
    feedback: TextMap = _texts()  # general feedback, shown after answering
    points: float = 1

    def to_dict(self) -> dict:
        return {"type": self.type, **_plain(self)}

    @classmethod
    def from_dict(cls, data: dict) -> Question:
        question_type = QUESTION_TYPES[data["type"]]
        names = {f.name for f in fields(question_type)}
        values = {key: value for key, value in data.items() if key in names}
        values.update(question_type._nested(data))
        return question_type(**values)

    @classmethod
    def _nested(cls, data: dict) -> dict:
        return {}


@dataclass(frozen=True, kw_only=True)
class SingleQuestion(Question):
    type: ClassVar[str] = "single"
    choices: tuple[Choice, ...] = ()

    @classmethod
    def _nested(cls, data: dict) -> dict:
        return {"choices": tuple(Choice(**c) for c in data["choices"])}


@dataclass(frozen=True, kw_only=True)
class MultipleQuestion(Question):
    type: ClassVar[str] = "multiple"
    choices: tuple[Choice, ...] = ()
    scoring: str = "all_or_nothing"  # ignored when choices have credits

    @property
    def uses_credit(self) -> bool:
        return any(choice.credit is not None for choice in self.choices)

    @classmethod
    def _nested(cls, data: dict) -> dict:
        return {"choices": tuple(Choice(**c) for c in data["choices"])}


@dataclass(frozen=True, kw_only=True)
class TrueFalseQuestion(Question):
    type: ClassVar[str] = "true_false"
    answer: bool = True
    feedback_true: TextMap = _texts()  # shown when the learner answered true
    feedback_false: TextMap = _texts()


@dataclass(frozen=True, kw_only=True)
class ShortQuestion(Question):
    type: ClassVar[str] = "short"
    answers: dict[str, tuple[ShortAnswer, ...]] = field(default_factory=dict)
    ignore_case: bool = True
    ignore_spaces: bool = True
    ignore_accents: bool = False
    feedback_other: TextMap = _texts()  # for an answer that matches none of them

    @classmethod
    def _nested(cls, data: dict) -> dict:
        answers = data["answers"]
        return {
            "answers": {
                language: tuple(ShortAnswer(**a) for a in accepted)
                for language, accepted in answers.items()
            }
        }


@dataclass(frozen=True, kw_only=True)
class NumericQuestion(Question):
    type: ClassVar[str] = "numeric"
    answers: tuple[NumericAnswer, ...] = ()
    feedback_other: TextMap = _texts()  # for a number that matches none of them

    @classmethod
    def _nested(cls, data: dict) -> dict:
        return {"answers": tuple(NumericAnswer(**a) for a in data["answers"])}


@dataclass(frozen=True, kw_only=True)
class MatchingQuestion(Question):
    type: ClassVar[str] = "matching"
    pairs: tuple[Pair, ...] = ()
    distractors: tuple[Item, ...] = ()

    @classmethod
    def _nested(cls, data: dict) -> dict:
        return {
            "pairs": tuple(Pair(**p) for p in data["pairs"]),
            "distractors": tuple(Item(**d) for d in data.get("distractors", ())),
        }


@dataclass(frozen=True, kw_only=True)
class OrderingQuestion(Question):
    type: ClassVar[str] = "ordering"
    items: tuple[Item, ...] = ()  # in the correct order

    @classmethod
    def _nested(cls, data: dict) -> dict:
        return {"items": tuple(Item(**i) for i in data["items"])}


QUESTION_TYPES: dict[str, type[Question]] = {
    cls.type: cls
    for cls in (
        SingleQuestion,
        MultipleQuestion,
        TrueFalseQuestion,
        ShortQuestion,
        NumericQuestion,
        MatchingQuestion,
        OrderingQuestion,
    )
}


@dataclass(frozen=True, kw_only=True)
class QuizDefinition:
    """A checked quiz file: its settings and questions, every language in one."""

    languages: tuple[str, ...]
    default_language: str
    title: TextMap = _texts()
    introduction: TextMap = _texts()
    pass_mark: float = 70  # percent
    max_attempts: int | None = None  # None: unlimited
    shuffle_questions: bool = False
    shuffle_choices: bool = False
    feedback: str = "after_each_attempt"
    time_limit_minutes: int | None = None
    questions: tuple[Question, ...] = ()
    rendered: bool = False  # True once render_texts has made the texts HTML

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    @property
    def total_points(self) -> float:
        return sum(question.points for question in self.questions)

    def to_dict(self) -> dict:
        data = _plain(self)
        data["questions"] = [question.to_dict() for question in self.questions]
        return {"format": FORMAT, **data}

    @classmethod
    def from_dict(cls, data: dict) -> QuizDefinition:
        if data.get("format") != FORMAT:
            raise ValueError(f"unknown quiz definition format {data.get('format')!r}")
        names = {f.name for f in fields(cls)} - {"languages", "questions"}
        return cls(
            **{key: value for key, value in data.items() if key in names},
            languages=tuple(data["languages"]),
            questions=tuple(Question.from_dict(q) for q in data["questions"]),
        )


def _plain(value):
    """JSON data for a dataclass value: dicts, lists and scalars."""
    if is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def render_texts(quiz: QuizDefinition, render: Callable[[str], str]) -> QuizDefinition:
    """Return a copy of quiz with every text map rendered by render (source -> HTML).

    The importer passes academy.courses.rendering.render_inline and stores the result;
    rendering twice would escape the HTML, so a rendered quiz is refused.
    """
    if quiz.rendered:
        raise ValueError("the quiz texts are already rendered")
    return replace(_render(quiz, render), rendered=True)


def _render(obj, render):
    changes = {}
    for f in fields(obj):
        value = getattr(obj, f.name)
        if f.metadata.get("text"):
            changes[f.name] = {language: render(text) for language, text in value.items()}
        elif isinstance(value, tuple) and value and is_dataclass(value[0]):
            changes[f.name] = tuple(_render(item, render) for item in value)
        elif isinstance(value, dict) and any(isinstance(v, tuple) for v in value.values()):
            # Short answers: a tuple of answers per language, each with its feedback.
            changes[f.name] = {
                key: tuple(_render(item, render) for item in items) for key, items in value.items()
            }
    return replace(obj, **changes)

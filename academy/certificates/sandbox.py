"""A Jinja sandbox for course certificate templates, with limits on work and size.

Jinja's own sandbox stops a template reaching Python internals, but not from
looping for hours or building a string of gigabytes (`{% for %}` nested over
`range`, `"x" * 10**9`, a string doubled in a loop). Here every loop step and
every call spends from one budget per render, which also carries a deadline;
`range`, the arithmetic and string operators and the filters and methods that
can grow a value check the size of what they would build before building it;
the output stops at a maximum size. A template that hits a limit raises
TemplateLimitError, with the template line in its traceback like any error.
"""

from __future__ import annotations

import contextvars
import re
import time
import traceback
from dataclasses import dataclass, field

from jinja2 import nodes, pass_eval_context
from jinja2.exceptions import SecurityError
from jinja2.filters import FILTERS
from jinja2.runtime import markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.visitor import NodeTransformer


@dataclass(frozen=True)
class Limits:
    """How much one render may do: loop steps and calls, sizes, and seconds."""

    steps: int = 10_000
    range_items: int = 1_000
    text_chars: int = 100_000
    output_chars: int = 200_000
    number_bits: int = 4_096
    seconds: float = 2.0


LIMITS = Limits()


class TemplateLimitError(SecurityError):
    """A certificate template tried to do more than a certificate needs."""


@dataclass
class _Budget:
    limits: Limits
    deadline: float
    steps: int = field(default=0)

    def spend(self, count: int = 1) -> None:
        self.steps += count
        if self.steps > self.limits.steps:
            raise TemplateLimitError(f"more than {self.limits.steps} loop steps and calls")
        if time.monotonic() > self.deadline:
            raise TemplateLimitError(f"took more than {self.limits.seconds:g} seconds")


_budget: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar(
    "certificate_template_budget", default=None
)


def _current() -> _Budget:
    budget = _budget.get()
    if budget is None:  # Jinja folding constants at compile time: the default limits
        return _Budget(LIMITS, time.monotonic() + LIMITS.seconds)
    return budget


def _limits() -> Limits:
    return _current().limits


def _check_size(size: int, unit: str = "characters") -> None:
    if size > _limits().text_chars:
        raise TemplateLimitError(f"a value of more than {_limits().text_chars} {unit}")


def _counted(iterable):
    """Every loop of a template iterates through here (see _Bounder)."""
    budget = _current()
    for item in iterable:
        budget.spend()
        yield item


@pass_eval_context
def _concat(eval_ctx, parts):
    """The `~` operator, refusing to build a text over the size limit."""
    parts = list(parts)
    _check_size(sum(len(str(part)) for part in parts))
    return markup_join(parts) if eval_ctx.autoescape else str_join(parts)


def _range(*args):
    numbers = range(*args)
    if len(numbers) > _limits().range_items:
        raise TemplateLimitError(f"range() of more than {_limits().range_items} items")
    return numbers


class _Bounder(NodeTransformer):
    """Route every loop and every `~` of a parsed template through the budget."""

    def visit_For(self, node: nodes.For) -> nodes.For:
        node = self.generic_visit(node)
        node.iter = nodes.Filter(node.iter, "academy_counted", [], [], None, None)
        node.iter.set_lineno(node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Filter:
        node = self.generic_visit(node)
        joined = nodes.Filter(nodes.List(node.nodes), "academy_concat", [], [], None, None)
        return joined.set_lineno(node.lineno)


# Conversion widths and precisions in %-formatting: `%999999999d` builds a huge text.
_FORMAT_WIDTH = re.compile(r"%[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")
_WIDTH_LIMIT = 1_000


def _check_format(text: str) -> None:
    for width, precision in _FORMAT_WIDTH.findall(str(text)):
        for number in (width, precision):
            if number == "*" or (number and int(number) > _WIDTH_LIMIT):
                raise TemplateLimitError(f"a format width over {_WIDTH_LIMIT}")


def _length(value) -> int:
    try:
        return len(value)
    except TypeError:
        return len(str(value))


def _bounded_filters() -> dict:
    """Jinja's filters, with the ones that can build large values checked first."""
    filters = dict(FILTERS)
    filters.pop("random")  # the same record must give the same PDF

    def center(value, width=80):
        _check_size(max(_length(value), int(width)))
        return FILTERS["center"](value, width)

    def indent(value, width=4, first=False, blank=False):
        step = len(width) if isinstance(width, str) else int(width)
        _check_size(_length(value) * (step + 1))
        return FILTERS["indent"](value, width, first, blank)

    def format_(value, *args, **kwargs):
        _check_format(value)
        return FILTERS["format"](value, *args, **kwargs)

    def replace(eval_ctx, value, old, new, count=None):
        _check_size(_length(value) + (_length(value) + 1) * _length(new))
        return FILTERS["replace"](eval_ctx, value, old, new, count)

    def wordwrap(environment, value, width=79, break_long_words=True, wrapstring=None, **kw):
        _check_size(_length(value) * (1 + _length(wrapstring or "\n")))
        return FILTERS["wordwrap"](environment, value, width, break_long_words, wrapstring, **kw)

    def join(eval_ctx, value, d="", attribute=None):
        value = list(value)
        _check_size(sum(_length(item) for item in value) + len(value) * _length(d))
        return FILTERS["join"](eval_ctx, value, d, attribute)

    def batch(value, linecount, fill_with=None):
        _check_size(int(linecount), "items")
        return FILTERS["batch"](value, linecount, fill_with)

    def slice_(value, slices, fill_with=None):
        _check_size(int(slices), "items")
        return FILTERS["slice"](value, slices, fill_with)

    replace.jinja_pass_arg = FILTERS["replace"].jinja_pass_arg
    wordwrap.jinja_pass_arg = FILTERS["wordwrap"].jinja_pass_arg
    join.jinja_pass_arg = FILTERS["join"].jinja_pass_arg
    filters.update(
        center=center, indent=indent, format=format_, replace=replace, wordwrap=wordwrap,
        join=join, batch=batch, slice=slice_,
        academy_counted=_counted, academy_concat=_concat,
    )  # fmt: skip
    return filters


# Methods of texts and numbers a template may call: none that builds a large value
# (center, ljust, zfill, expandtabs, join, replace, format, to_bytes...).
_SAFE_METHODS = frozenset({
    "capitalize", "casefold", "count", "endswith", "find", "index", "isalnum", "isalpha",
    "isascii", "isdecimal", "isdigit", "isidentifier", "islower", "isnumeric", "isprintable",
    "isspace", "istitle", "isupper", "lower", "lstrip", "partition", "removeprefix",
    "removesuffix", "rfind", "rindex", "rpartition", "rsplit", "rstrip", "split", "splitlines",
    "startswith", "strip", "swapcase", "title", "upper",
    "real", "imag", "numerator", "denominator", "bit_length", "is_integer", "conjugate",
})  # fmt: skip


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """An immutable sandbox whose templates spend from a budget (see render_bounded)."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, **options):
        super().__init__(**options)
        self.globals["range"] = _range
        self.globals.pop("lipsum", None)  # random text, and of any length
        self.filters = _bounded_filters()

    def _parse(self, source, name, filename):
        return _Bounder().visit(super()._parse(source, name, filename))

    def is_safe_attribute(self, obj, attr, value) -> bool:
        if isinstance(obj, str | int | float) and attr not in _SAFE_METHODS:
            return False
        return super().is_safe_attribute(obj, attr, value)

    def wrap_str_format(self, value):
        return None  # str.format is refused by is_safe_attribute; the format filter remains

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805
        _current().spend()
        return super().call(__context, __obj, *args, **kwargs)

    def call_binop(self, context, operator, left, right):
        _check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)


def _check_binop(operator: str, left, right) -> None:
    bits = _limits().number_bits
    both_numbers = isinstance(left, int) and isinstance(right, int)
    if operator == "**" and both_numbers:
        if abs(right) > bits or max(left.bit_length(), 1) * abs(right) > bits:
            raise TemplateLimitError(f"a number over {bits} bits")
    elif operator == "*" and both_numbers:
        if left.bit_length() + right.bit_length() > bits:
            raise TemplateLimitError(f"a number over {bits} bits")
    elif operator == "*":
        times, sequence = (left, right) if isinstance(left, int) else (right, left)
        if isinstance(times, int) and hasattr(sequence, "__len__"):
            _check_size(len(sequence) * max(times, 0))
    elif operator == "+" and hasattr(left, "__len__") and hasattr(right, "__len__"):
        _check_size(len(left) + len(right))
    elif operator == "%" and isinstance(left, str):
        _check_format(left)


def render_bounded(template, context: dict, limits: Limits = LIMITS) -> str:
    """Render a template of a BoundedSandbox within limits; raise TemplateLimitError."""
    token = _budget.set(_Budget(limits, time.monotonic() + limits.seconds))
    try:
        chunks, size = [], 0
        for chunk in template.generate(context):
            size += len(chunk)
            if size > limits.output_chars:
                raise TemplateLimitError(f"an output over {limits.output_chars} characters")
            chunks.append(chunk)
        return "".join(chunks)
    finally:
        _budget.reset(token)


def template_line(error: BaseException) -> int | None:
    """The template line an error was raised at, as Jinja's traceback reports it."""
    lineno = getattr(error, "lineno", None)
    if lineno:
        return lineno
    frames = traceback.extract_tb(error.__traceback__)
    lines = [frame.lineno for frame in frames if frame.filename == "<template>"]
    return lines[-1] if lines else None

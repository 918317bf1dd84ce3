"""A Jinja sandbox for course certificate templates, with limits on work and size.

Jinja's own sandbox stops a template reaching Python internals, but not from
looping for hours or building a string of gigabytes (`{% for %}` nested over
`range`, `"x" * 10**9`, a string doubled in a loop, a list nested forty
times and then printed). After parsing, every loop, write, `~` and comparison
of a template is routed through the render's budget
(academy.certificates.template_budget); calls spend from it too; `range`, the
arithmetic operators, every filter and the text methods a template may call
check what they would build before building it; the output stops at a maximum
size. A template over a limit raises TemplateLimitError, whose traceback
carries the template line like any Jinja error.
"""

from __future__ import annotations

import functools
import traceback

from jinja2 import nodes, pass_context, pass_eval_context
from jinja2.filters import FILTERS
from jinja2.runtime import markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.visitor import NodeTransformer

from academy.certificates import template_budget as budget
from academy.certificates.template_budget import LIMITS, Limits, TemplateLimitError

__all__ = ["BoundedSandbox", "Limits", "TemplateLimitError", "render_bounded", "template_line"]


def _counted(iterable):
    """Every loop of a template iterates through here."""
    spending = budget.current()
    for item in iterable:
        spending.spend()
        yield item


@pass_context  # never folded into a constant at compile time, so always counted
def _written(_context, value):
    """Every piece a template writes (output, macro bodies, `set` blocks) comes here."""
    budget.current().write(value)
    return value


@pass_eval_context
def _concat(eval_ctx, parts):
    """The `~` operator, refusing to build a text over the size limit."""
    budget.check_size(sum(budget.weight(part, LIMITS.written_chars) for part in parts))
    return markup_join(parts) if eval_ctx.autoescape else str_join(parts)


class _Bounder(NodeTransformer):
    """Route every loop, write, `~` and comparison of a parsed template through the budget."""

    def visit_For(self, node: nodes.For) -> nodes.For:
        node = self.generic_visit(node)
        node.iter = nodes.Filter(node.iter, "academy_counted", [], [], None, None)
        node.iter.set_lineno(node.lineno)
        return node

    def visit_Output(self, node: nodes.Output) -> nodes.Output:
        node = self.generic_visit(node)
        node.nodes = [
            nodes.Filter(child, "academy_written", [], [], None, None).set_lineno(child.lineno)
            for child in node.nodes
        ]
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Filter:
        node = self.generic_visit(node)
        joined = nodes.Filter(nodes.List(node.nodes), "academy_concat", [], [], None, None)
        return joined.set_lineno(node.lineno)

    def visit_Compare(self, node: nodes.Compare) -> nodes.Compare:
        # `==` and `in` on two equal lists nested forty times compare 2**40 items.
        node = self.generic_visit(node)
        node.expr = nodes.Filter(node.expr, "academy_weighed", [], [], None, None)
        for operand in node.ops:
            operand.expr = nodes.Filter(operand.expr, "academy_weighed", [], [], None, None)
        return node.set_lineno(node.lineno, override=False)


def _weighed(jinja_filter):
    """jinja_filter, refusing arguments heavier than the text limit."""
    skip = 1 if getattr(jinja_filter, "jinja_pass_arg", None) is not None else 0

    @functools.wraps(jinja_filter)  # keeps jinja_pass_arg
    def checked(*args, **kwargs):
        for argument in (*args[skip:], *kwargs.values()):
            budget.check_weight(argument)
        return jinja_filter(*args, **kwargs)

    return checked


def _growing_filters() -> dict:
    """The filters whose result can be much larger than their arguments, checked first."""

    def center(value, width=80):
        budget.check_size(max(len(str(value)), int(width)))
        return FILTERS["center"](value, width)

    def indent(value, width=4, first=False, blank=False):
        step = len(width) if isinstance(width, str) else int(width)
        budget.check_size(len(str(value)) * (step + 1))
        return FILTERS["indent"](value, width, first, blank)

    def format_(value, *args, **kwargs):
        budget.check_format(value)
        return FILTERS["format"](value, *args, **kwargs)

    @pass_eval_context
    def replace(eval_ctx, value, old, new, count=None):
        budget.check_size(len(str(value)) + (len(str(value)) + 1) * len(str(new)))
        return FILTERS["replace"](eval_ctx, value, old, new, count)

    def wordwrap(environment, value, width=79, break_long_words=True, wrapstring=None, **kw):
        budget.check_size(len(str(value)) * (1 + len(wrapstring or "\n")))
        return FILTERS["wordwrap"](environment, value, width, break_long_words, wrapstring, **kw)

    wordwrap.jinja_pass_arg = FILTERS["wordwrap"].jinja_pass_arg

    def batch(value, linecount, fill_with=None):
        budget.check_size(int(linecount), "items")
        return FILTERS["batch"](value, linecount, fill_with)

    def slice_(value, slices, fill_with=None):
        budget.check_size(int(slices), "items")
        return FILTERS["slice"](value, slices, fill_with)

    return dict(
        center=center, indent=indent, format=format_, replace=replace,
        wordwrap=wordwrap, batch=batch, slice=slice_,
    )  # fmt: skip


def _bounded_filters() -> dict:
    filters = {**FILTERS, **_growing_filters()}
    filters.pop("random")  # the same record must give the same PDF
    filters = {name: _weighed(jinja_filter) for name, jinja_filter in filters.items()}
    filters.update(
        academy_counted=_counted,
        academy_written=_written,
        academy_concat=_concat,
        academy_weighed=budget.check_weight,
    )
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
        self.globals["range"] = lambda *args: budget.check_range(range(*args))
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
        budget.current().spend()
        for argument in (*args, *kwargs.values()):
            budget.check_weight(argument)
        return super().call(__context, __obj, *args, **kwargs)

    def call_binop(self, context, operator, left, right):
        budget.check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)


def render_bounded(template, context: dict, limits: Limits = LIMITS) -> str:
    """Render a template of a BoundedSandbox within limits; raise TemplateLimitError."""
    token = budget.start(limits)
    try:
        chunks, size = [], 0
        for chunk in template.generate(context):
            size += len(chunk)
            if size > limits.output_chars:
                raise TemplateLimitError(f"an output over {limits.output_chars} characters")
            chunks.append(chunk)
        return "".join(chunks)
    finally:
        budget.finish(token)


def template_line(error: BaseException) -> int | None:
    """The template line an error was raised at, as Jinja's traceback reports it."""
    lineno = getattr(error, "lineno", None)
    if lineno:
        return lineno
    frames = traceback.extract_tb(error.__traceback__)
    lines = [frame.lineno for frame in frames if frame.filename == "<template>"]
    return lines[-1] if lines else None

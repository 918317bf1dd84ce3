"""What one render of a course's certificate template may spend, and the checks that spend it.

A render gets one budget (render_bounded in academy.certificates.sandbox sets it):
loop steps and calls, characters written anywhere (output, macro bodies, `set`
blocks), and a deadline. Values are weighed before anything turns them into
text, compares them or builds a larger one from them: the weight of a value is
about the length of its text, counted without building it and no further than
the limit, so a list nested forty times (2**40 when written out) weighs in a
few steps.
"""

from __future__ import annotations

import contextvars
import re
import time
from dataclasses import dataclass

from jinja2.exceptions import SecurityError
from jinja2.utils import Namespace


@dataclass(frozen=True)
class Limits:
    """How much one render may do."""

    steps: int = 10_000
    range_items: int = 1_000
    text_chars: int = 100_000
    written_chars: int = 1_000_000
    output_chars: int = 200_000
    number_bits: int = 4_096
    seconds: float = 2.0


LIMITS = Limits()


class TemplateLimitError(SecurityError):
    """A certificate template tried to do more than a certificate needs."""


@dataclass
class Budget:
    limits: Limits
    deadline: float
    steps: int = 0
    written: int = 0

    def spend(self) -> None:
        self.steps += 1
        if self.steps > self.limits.steps:
            raise TemplateLimitError(f"more than {self.limits.steps} loop steps and calls")
        if time.monotonic() > self.deadline:
            raise TemplateLimitError(f"took more than {self.limits.seconds:g} seconds")

    def write(self, value) -> None:
        self.written += weight(value, self.limits.written_chars)
        if self.written > self.limits.written_chars:
            raise TemplateLimitError(f"wrote more than {self.limits.written_chars} characters")


_budget: contextvars.ContextVar[Budget | None] = contextvars.ContextVar(
    "certificate_template_budget", default=None
)


def start(limits: Limits) -> contextvars.Token:
    return _budget.set(Budget(limits, time.monotonic() + limits.seconds))


def finish(token: contextvars.Token) -> None:
    _budget.reset(token)


def current() -> Budget:
    budget = _budget.get()
    if budget is None:  # Jinja folding constants at compile time: the default limits
        return Budget(LIMITS, time.monotonic() + LIMITS.seconds)
    return budget


def weight(value, limit: int) -> int:
    """About how many characters str(value) takes; stops counting past limit."""
    total, pending = 0, [value]
    while pending and total <= limit:
        item = pending.pop()
        if isinstance(item, str):
            total += len(item) + 2
        elif isinstance(item, bool | float) or item is None:
            total += 8
        elif isinstance(item, int):
            total += item.bit_length() // 3 + 1
        elif isinstance(item, dict):
            total += 2 + 4 * len(item)
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list | tuple | set | frozenset):
            total += 2 + 2 * len(item)
            pending.extend(item)
        elif isinstance(item, Namespace):
            pending.append(object.__getattribute__(item, "_Namespace__attrs"))
        else:  # macros, loops, cyclers, undefined: short texts
            total += 40
    return total


def check_weight(value, unit: str = "characters"):
    """Return value if it weighs at most the text limit; raise otherwise."""
    limit = current().limits.text_chars
    if weight(value, limit) > limit:
        raise TemplateLimitError(f"a value of more than {limit} {unit}")
    return value


def check_size(size: int, unit: str = "characters") -> None:
    limit = current().limits.text_chars
    if size > limit:
        raise TemplateLimitError(f"a value of more than {limit} {unit}")


# Conversion widths and precisions in %-formatting: `%999999999d` builds a huge text.
_FORMAT_WIDTH = re.compile(r"%[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")
WIDTH_LIMIT = 1_000


def check_format(text) -> None:
    for width, precision in _FORMAT_WIDTH.findall(str(text)):
        for number in (width, precision):
            if number == "*" or (number and int(number) > WIDTH_LIMIT):
                raise TemplateLimitError(f"a format width over {WIDTH_LIMIT}")


def check_range(numbers: range) -> range:
    limit = current().limits.range_items
    if len(numbers) > limit:
        raise TemplateLimitError(f"range() of more than {limit} items")
    return numbers


def _size(sequence) -> int:
    """A text's length, or a container's weight (its items may be long texts)."""
    if isinstance(sequence, str):
        return len(sequence)
    return weight(sequence, current().limits.text_chars)


def check_binop(operator: str, left, right) -> None:
    """Refuse `*`, `**`, `+` and `%` whose result would be over the limits."""
    bits = current().limits.number_bits
    numbers = isinstance(left, int) and isinstance(right, int)
    if operator == "**" and numbers:
        if abs(right) > bits or max(left.bit_length(), 1) * abs(right) > bits:
            raise TemplateLimitError(f"a number over {bits} bits")
    elif operator == "*" and numbers:
        if left.bit_length() + right.bit_length() > bits:
            raise TemplateLimitError(f"a number over {bits} bits")
    elif operator == "*":
        times, sequence = (left, right) if isinstance(left, int) else (right, left)
        if isinstance(times, int) and hasattr(sequence, "__len__"):
            check_size(_size(sequence) * max(times, 0))
    elif operator == "+" and hasattr(left, "__len__") and hasattr(right, "__len__"):
        check_size(_size(left) + _size(right))
    elif operator == "%" and isinstance(left, str):
        check_format(left)
        check_weight(right)

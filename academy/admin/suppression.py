"""Which report cells are hidden so that no report identifies a person.

A count from 1 to REPORT_MIN_GROUP - 1 is hidden ("fewer than 5"). Totals
stay exact, so a column where exactly one cell is hidden would give it away
(total minus the others): there a second cell, the smallest other one, is
hidden too (complementary suppression; docs/decisions.md says why). A rate
or average is hidden whenever a count it is made of is hidden. Zero is
shown: a group absent from the data is not a person.
"""

from __future__ import annotations

from collections.abc import Sequence


def is_small(value: int | None, minimum: int) -> bool:
    return value is not None and 0 < value < minimum


def hidden_cells(values: Sequence[int], minimum: int) -> list[bool]:
    """Which of a column's counts to hide, given that the column's total is shown."""
    hidden = [is_small(value, minimum) for value in values]
    if hidden.count(True) == 1 and len(values) > 1:
        others = [(value, index) for index, value in enumerate(values) if not hidden[index]]
        hidden[min(others)[1]] = True
    return hidden


def hidden_rows(counts: Sequence[int], minimum: int) -> list[bool]:
    """Rows without a total (quizzes, questions): a row is hidden when its group is small."""
    return [is_small(count, minimum) for count in counts]
